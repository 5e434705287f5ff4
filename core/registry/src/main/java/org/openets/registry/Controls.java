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
 */
public record Controls(boolean fourEyes, int approvalExpiryHours, int trustedDelayHours, UntrustedPolicy untrusted,
                       int untrustedDelayHours, int trustedActivationHours) {
    public enum UntrustedPolicy { REFUSE, DELAY }

    public Controls {
        if (approvalExpiryHours < 1 || trustedDelayHours < 0 || untrustedDelayHours < 0 || trustedActivationHours < 0)
            throw new IllegalArgumentException("controls out of range");
    }

    /** No approval, no delay: for tests and for account types the jurisdiction leaves uncontrolled. */
    public static Controls none() { return new Controls(false, 72, 0, UntrustedPolicy.DELAY, 0, 0); }
}
