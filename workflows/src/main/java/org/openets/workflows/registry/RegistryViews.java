package org.openets.workflows.registry;

import org.openets.kernel.SerialRange;

import java.time.Instant;

/** Read-side shapes for pages, the API and reports. */
public final class RegistryViews {
    private RegistryViews() {}

    /** A unit type the registry knows, with its Chinese and English names. */
    public record UnitTypeView(org.openets.kernel.UnitType unitType, String nameZh, String nameEn) {}

    public record HoldingView(long accountId, long seriesId, String seriesCode, String unitType, int vintage, String projectId,
                              long quantity, long frozen) {}

    public record BlockView(long seriesId, String seriesCode, String firstSerial, String lastSerial, SerialRange range,
                            long quantity, long pledgee) {}

    /** Units of another account pledged to an account (质押给本账户的配额): the pledging account, the series and how many tonnes. */
    public record PledgedToView(long accountId, String accountNumber, long seriesId, String seriesCode, long quantity) {}

    public record SeriesView(long id, String code, String prefix, String unitType, int vintage, String projectId, long issued) {}

    /** An entry of an account's trusted list: transfers to it need no longer delay (active from {@code activatesAt}). */
    public record TrustedView(long accountId, long trustedAccountId, String trustedNumber, String trustedHolder, Instant activatesAt, String addedBy) {
        /** The entry with the trusted account's holder as the reader may see it. */
        public TrustedView withHolder(String holder) { return new TrustedView(accountId, trustedAccountId, trustedNumber, holder, activatesAt, addedBy); }
    }

    /**
     * An addition to an account's trusted list awaiting a second person's approval (4-eyes): not on the list yet; it
     * lapses at {@code expiresAt}.
     */
    public record PendingTrustedView(long accountId, String accountNumber, long trustedAccountId, String trustedNumber, String trustedHolder,
                                     String proposedBy, Instant proposedAt, Instant expiresAt) {
        /** The addition with the trusted account's holder as the reader may see it. */
        public PendingTrustedView withHolder(String holder) {
            return new PendingTrustedView(accountId, accountNumber, trustedAccountId, trustedNumber, holder, proposedBy, proposedAt, expiresAt);
        }
    }

    /** An entry removed from an account's trusted list: the entry as it was (who added it, active from when), who removed it and when. */
    public record TrustedRemovalView(long accountId, long trustedAccountId, String trustedNumber, String trustedHolder, Instant activatesAt, String addedBy,
                                     Instant removedAt, String removedBy) {
        /** The removal with the trusted account's holder as the reader may see it. */
        public TrustedRemovalView withHolder(String holder) {
            return new TrustedRemovalView(accountId, trustedAccountId, trustedNumber, holder, activatesAt, addedBy, removedAt, removedBy);
        }
    }

    /** One change of an account's status: who made it, when and why. */
    public record StatusChangeView(long accountId, String status, String reason, String actor, Instant at) {}

    /**
     * A cap (issuance limit) and how much of it has been issued; {@code pending}: issuances awaiting approval (they count
     * against the cap when the next one is proposed, and a cap may not be set below issued + pending); {@code source}: the
     * regulation or notice of its current value.
     */
    public record CapView(String unitType, int vintage, long cap, long issued, long pending, String source) {
        /** What may still be proposed: the cap less what is issued and what awaits approval (the next proposal is checked so). */
        public long remaining() { return Math.max(0, cap - issued - pending); }

        /** The least the cap may be set to. */
        public long floor() { return issued + pending; }
    }

    /**
     * One version of a cap, as set: {@code previous} the value it replaced (null: the first), {@code setBy} who set it
     * (null: the platform itself, e.g. the demo data or a cap set before versions were kept), when and on which source;
     * {@code route} how it came to be: {@code FOUR_EYES} (proposed by {@code proposedBy}, approved by {@code setBy}, from
     * proposal {@code proposalId}), {@code OPERATOR} (the operator's {@code openets caps set} as {@code setBy}),
     * {@code PLATFORM} (the platform itself), {@code BEFORE_FOUR_EYES} (set before cap changes needed a second administrator).
     */
    public record CapChangeView(String unitType, int vintage, Long previous, long quantity, String source, String setBy, Instant at,
                                String route, String proposedBy, Long proposalId) {}

    /**
     * A proposed cap change: what it proposes ({@code quantity} on {@code source}), who proposed it, when and until when a
     * second administrator may approve it; {@code status} PENDING, APPROVED, DECLINED, WITHDRAWN or EXPIRED, with who
     * decided it ({@code decidedBy}, null for EXPIRED), when, and why ({@code reason} of a decline or a withdrawal).
     * {@code baseQuantity}: the cap it was proposed against (null: none then, or a proposal decided before V39); it is
     * approved only while the cap is still that one.
     */
    public record CapProposalView(long id, String unitType, int vintage, long quantity, String source, String commandId, String proposedBy,
                                  Instant proposedAt, Instant expiresAt, String status, String decidedBy, Instant decidedAt, String reason, Long baseQuantity) {
        public boolean pending() { return "PENDING".equals(status); }
    }

    /** A person's role on an account. */
    /** A representative's role on an account; {@code enabled}: whether their sign-in is (false: disabled, or no sign-in). */
    public record RepresentativeView(long accountId, String actor, String displayName, String role, boolean enabled) {}

    /** A role granted or revoked, by whom and when. */
    public record RepresentativeChangeView(long accountId, String actor, String role, String change, String by, Instant at) {}

    public record TraceStep(long transactionId, String type, long from, long to, Instant completedAt, String holderNow) {}

    /**
     * One line of the public report. {@code section} is {@code TOTALS} (issued/surrendered/retired/cancelled by
     * year and unit type) or {@code HOLDINGS} (quantity held by account type).
     */
    public record ReportRow(String section, String jurisdiction, String unitType, int vintage, String measure, long quantity) {}

    /**
     * What moved in a calendar year (the year a transaction completed, in the jurisdiction's time zone), by unit type
     * and vintage: ISSUED (issuances by the issuer), SURRENDERED, RETIRED and CANCELLED (net movements into the
     * jurisdiction's surrender, retirement and cancellation accounts: a reversal out of one counts against the year it
     * completed in).
     */
    public record YearTotalRow(String jurisdiction, String unitType, int vintage, int year, String measure, long quantity) {}

    /** The public report, every figure read in one snapshot of the registry, as of the snapshot's time. */
    public record PublicReport(Instant asOf, java.util.List<ReportRow> rows, java.util.List<YearTotalRow> years) {}

    /**
     * An account as the public list shows it: the holder, but not a natural person's (nor a trading account's whose
     * holder's kind is not known); an organisation's code, never a person's number; opened on the date in the
     * jurisdiction's time zone.
     */
    public record PublicAccountRow(String jurisdiction, String number, String type, String holder, String entityCode, String status,
                                   java.time.LocalDate openedOn) {}
}
