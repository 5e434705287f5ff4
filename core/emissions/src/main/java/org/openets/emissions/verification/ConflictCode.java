package org.openets.emissions.verification;

/** Why a verifier may not verify an entity-year, checked in this order; the first that holds is reported. */
public enum ConflictCode {
    /** Not accredited on the day of assignment in the entity's jurisdiction. */
    NOT_ACCREDITED,
    /** The entity-year already has a verifier. */
    ALREADY_ASSIGNED,
    /** The verifier consulted for the entity, and the link has not cooled off. */
    CONSULTING_LINK,
    /** The assignment would make the verifier's run of consecutive data years with the entity longer than N. */
    CONSECUTIVE_YEARS
}
