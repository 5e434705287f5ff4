package org.openets.emissions.verification;

import org.openets.kernel.ActorId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Something the verifier found wrong or unsupported (不符合项), numbered within the verification from 1.
 *
 * <p>Lifecycle: the verifier raises it (<b>open</b>); the entity answers with a <b>correction</b> (整改), which
 * says what it changed and may point at the corrected report by its seal (<b>answered</b>); the entity may answer
 * again while the finding is not closed, each answer appended; the verifier <b>closes</b> it (关闭) once satisfied.
 * Nothing is edited: a finding keeps its text, every answer, and its closure.
 */
public record Finding(int number, String text, ActorId raisedBy, Instant raisedAt, List<Correction> corrections, Closure closure) {
    public Finding {
        if (number < 1) throw new IllegalArgumentException("findings are numbered from 1");
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a finding needs a text");
        Objects.requireNonNull(raisedBy, "raisedBy");
        Objects.requireNonNull(raisedAt, "raisedAt");
        corrections = List.copyOf(corrections);
        if (closure != null && corrections.isEmpty()) throw new IllegalArgumentException("a finding is closed only once answered");
    }

    /** A finding just raised: no answer, not closed. */
    public static Finding raised(int number, String text, ActorId by, Instant at) {
        return new Finding(number, text, by, at, List.of(), null);
    }

    public enum State {
        /** Raised, not answered yet. */
        OPEN,
        /** The entity answered; the verifier has not closed it. */
        ANSWERED,
        /** The verifier closed it. */
        CLOSED
    }

    public State state() {
        if (closure != null) return State.CLOSED;
        return corrections.isEmpty() ? State.OPEN : State.ANSWERED;
    }

    public boolean isClosed() { return closure != null; }

    Finding answered(Correction c) {
        List<Correction> next = new ArrayList<>(corrections);
        next.add(c);
        return new Finding(number, text, raisedBy, raisedAt, next, null);
    }

    Finding closed(Closure c) { return new Finding(number, text, raisedBy, raisedAt, corrections, c); }

    /**
     * How the entity answered a finding: what it changed and, when it resubmitted, the seal of the corrected report
     * (null when the answer needed no new report, e.g. a lab report shown).
     */
    public record Correction(String description, String correctedReportSeal, ActorId by, Instant at) {
        public Correction {
            if (description == null || description.isBlank()) throw new IllegalArgumentException("a correction needs a description");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The verifier's closing of a finding, with an optional note (why the answer satisfies it). */
    public record Closure(String note, ActorId by, Instant at) {
        public Closure {
            note = note == null ? "" : note;
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }
}
