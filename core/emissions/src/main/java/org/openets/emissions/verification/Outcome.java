package org.openets.emissions.verification;

/** What a verification step answers: the verification as it now stands, or a rejection code with the reason. */
public sealed interface Outcome {

    record Accepted(Verification verification) implements Outcome {}

    record Rejected(VerificationRejection code, String detail) implements Outcome {}
}
