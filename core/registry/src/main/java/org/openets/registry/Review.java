package org.openets.registry;

import java.time.Instant;
import java.util.List;

/**
 * What proposing one transaction now would come to, worked out by {@link Registry#review} on the current state with the
 * registry's own checks in their order, and written nowhere (no transaction, no rejection). Advice for a page's review
 * step, not a promise: the proposal is checked again when it is made, and again when it completes.
 */
public sealed interface Review {
    /** The source account's holding of the series, as the checks read it; null where the request names no source or series. */
    Holding holding();

    /**
     * A check would reject it: the code the proposal would get, its detail in English, and what the detail says as a
     * sentence key with its values ({@code detailKey} null when it has none), as {@link Outcome.Rejected} carries them.
     */
    record Refused(Rejection code, String detail, String detailKey, List<String> detailArgs, Holding holding) implements Review {
        public Refused {
            detailArgs = detailArgs == null ? List.of() : List.copyOf(detailArgs);
        }
    }

    /**
     * Every check passes now. {@code needsApproval}: a second person must approve it, within {@code approvalWindowHours}
     * (calendar hours; 0 when no approval is needed). {@code delayHours}: the business hours it then waits (0: it completes
     * at once), counted from the approval where one is needed, else from the proposal. {@code destinationTrusted}: whether
     * the destination is on the source's trusted list and active now (null for anything but a holder's transfer).
     * {@code executesAt}: when it would be carried out at the earliest — approved now where it needs approval — by the
     * jurisdiction's business calendar; null when it waits no delay.
     */
    record Passes(Holding holding, boolean needsApproval, int approvalWindowHours, int delayHours, Boolean destinationTrusted,
                  Instant executesAt) implements Review {}
}
