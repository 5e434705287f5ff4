package org.openets.emissions.verification;

/**
 * Stable codes for refused verification steps. Each step checks in the order of this enum and the first failing
 * check wins; codes are never renamed.
 */
public enum VerificationRejection {
    /** The verifier may not verify this entity-year; the detail carries the {@link ConflictCode}. */
    CONFLICT_OF_INTEREST,
    /** The step does not fit where the verification stands (a finding after the statement, an amendment before approval). */
    INVALID_STATE,
    UNKNOWN_FINDING,
    /**
     * Retired: a finding used to take one correction. Since findings are answered until the verifier closes them,
     * an answer to a closed finding is {@link #FINDING_CLOSED}. Kept so the code keeps its meaning in old records.
     */
    FINDING_ALREADY_CORRECTED,
    /** An answer to, or a closing of, a finding the verifier already closed. */
    FINDING_CLOSED,
    /** The verifier closes a finding the entity has not answered. */
    FINDING_NOT_ANSWERED,
    /** A statement other than NOT_QUALIFIED while a finding is not closed (open or answered). */
    OPEN_FINDINGS,
    /** QUALIFIED_WITH_REMARKS and NOT_QUALIFIED need remarks. */
    REMARKS_REQUIRED,
    /** A NOT_QUALIFIED statement cannot be approved as final. */
    NOT_QUALIFIED,
    /** An amendment of final figures needs a reason. */
    REASON_REQUIRED
}
