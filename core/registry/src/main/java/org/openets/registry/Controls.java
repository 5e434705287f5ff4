package org.openets.registry;

/**
 * Security controls of one account type in one jurisdiction, as configured data.
 *
 * @param fourEyes             transactions from such accounts need a second person's approval
 * @param approvalExpiryHours  a pending approval lapses after this many hours (calendar hours)
 * @param trustedDelayHours    business hours a holder's transfer to a trusted account waits before completing
 * @param untrusted            what happens to a holder's transfer to an account not on the trusted list
 * @param untrustedDelayHours  business hours such a transfer waits when the policy is DELAY
 * @param trustedActivationHours business hours before a newly added trusted account becomes active
 * @param administratorsApproveHolders a registry administrator of the jurisdiction may approve (or decline) a holder's own
 *                             transaction from such an account in place of the holder's approver; off, only a representative
 *                             of the holder with the approver role does (administrative work on the account is approved by a
 *                             second administrator either way)
 */
public record Controls(boolean fourEyes, int approvalExpiryHours, int trustedDelayHours, UntrustedPolicy untrusted,
                       int untrustedDelayHours, int trustedActivationHours, boolean administratorsApproveHolders) {
    public enum UntrustedPolicy { REFUSE, DELAY }

    public Controls {
        if (approvalExpiryHours < 1 || trustedDelayHours < 0 || untrustedDelayHours < 0 || trustedActivationHours < 0)
            throw new IllegalArgumentException("controls out of range");
    }

    /** Controls under which administrators do not approve holders' own transactions (the default of every jurisdiction). */
    public Controls(boolean fourEyes, int approvalExpiryHours, int trustedDelayHours, UntrustedPolicy untrusted,
                    int untrustedDelayHours, int trustedActivationHours) {
        this(fourEyes, approvalExpiryHours, trustedDelayHours, untrusted, untrustedDelayHours, trustedActivationHours, false);
    }

    /** These controls with administrators allowed (or not) to approve holders' own transactions. */
    public Controls withAdministratorsApproveHolders(boolean allowed) {
        return new Controls(fourEyes, approvalExpiryHours, trustedDelayHours, untrusted, untrustedDelayHours, trustedActivationHours, allowed);
    }

    /** No approval, no delay: for tests and for account types the jurisdiction leaves uncontrolled. */
    public static Controls none() { return new Controls(false, 72, 0, UntrustedPolicy.DELAY, 0, 0); }
}
