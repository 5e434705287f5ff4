package org.openets.registry;

import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;

import java.util.Objects;

/**
 * A request to change holdings. Which fields a type takes:
 * <ul>
 * <li>ISSUE: {@code series}, {@code quantity} (and {@code offset} for offset series); the destination is the
 *     issuer's total-quantity account.</li>
 * <li>ALLOCATE, TRANSFER: {@code from}, {@code to}, {@code series}, {@code quantity}.</li>
 * <li>RETURN_OF_EXCESS: {@code from}, {@code series}, {@code quantity}; {@code to} defaults to the
 *     jurisdiction's allocation account.</li>
 * <li>SURRENDER, CANCEL, FORCED_DEDUCTION: {@code from}, {@code series}, {@code quantity}; the destination is
 *     the jurisdiction's terminal account. RETIRE also needs {@code beneficiary} and {@code purpose}.</li>
 * <li>FREEZE, UNFREEZE: {@code from} (the account), {@code pledgee}, {@code series}, {@code quantity}.</li>
 * <li>REVERSAL: {@code reverses} only: everything else is the reversed transaction's, mirrored.</li>
 * </ul>
 * Account ids of 0 mean "not given".
 */
public record TransactionRequest(CommandId id, TransactionType type, ActorId initiator, long from, long to,
                                 SeriesKey series, long quantity, String beneficiary, String purpose, long pledgee,
                                 long reverses, OffsetAttributes offset) {
    public TransactionRequest {
        Objects.requireNonNull(id, "command id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(initiator, "initiator");
    }

    public static TransactionRequest transfer(CommandId id, ActorId by, long from, long to, SeriesKey series, long q) {
        return new TransactionRequest(id, TransactionType.TRANSFER, by, from, to, series, q, null, null, 0, 0, null);
    }

    public static TransactionRequest of(CommandId id, TransactionType type, ActorId by, long from, long to, SeriesKey series, long q) {
        return new TransactionRequest(id, type, by, from, to, series, q, null, null, 0, 0, null);
    }

    public static TransactionRequest issue(CommandId id, ActorId by, SeriesKey series, long q, OffsetAttributes offset) {
        return new TransactionRequest(id, TransactionType.ISSUE, by, 0, 0, series, q, null, null, 0, 0, offset);
    }

    public static TransactionRequest retire(CommandId id, ActorId by, long from, SeriesKey series, long q, String beneficiary, String purpose) {
        return new TransactionRequest(id, TransactionType.RETIRE, by, from, 0, series, q, beneficiary, purpose, 0, 0, null);
    }

    public static TransactionRequest pledge(CommandId id, TransactionType freezeOrUnfreeze, ActorId by, long account, long pledgee, SeriesKey series, long q) {
        return new TransactionRequest(id, freezeOrUnfreeze, by, account, 0, series, q, null, null, pledgee, 0, null);
    }

    public static TransactionRequest reversal(CommandId id, ActorId by, long reverses) {
        return new TransactionRequest(id, TransactionType.REVERSAL, by, 0, 0, null, 0, null, null, 0, reverses, null);
    }

    /** The canonical text of everything but the id; two requests with equal bodies are the same request. */
    public String canonicalBody() {
        return String.join("|", type.name(), initiator.value(), Long.toString(from), Long.toString(to),
                series == null ? "" : series.code(), Long.toString(quantity), Canonical.text(beneficiary),
                Canonical.text(purpose), Long.toString(pledgee), Long.toString(reverses),
                offset == null ? "" : String.join(",", offset.projectId(), offset.projectType(), offset.originRegion(),
                        offset.reductionFrom().toString(), offset.reductionTo().toString(), Boolean.toString(offset.insideCoveredBoundary())));
    }

    public String bodyHash() { return Canonical.sha256(canonicalBody()); }
}
