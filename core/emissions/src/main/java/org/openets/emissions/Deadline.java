package org.openets.emissions;

import org.openets.kernel.Jurisdiction;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A step due for one data year in one jurisdiction: {@code due} is the last day it may be done, inclusive, in the
 * jurisdiction's calendar ("by 31 March" is met on 31 March). {@code rule} is the ruleset row that dated it.
 * Whether it is overdue is a pure function of the day given; nothing here reads a clock.
 */
public record Deadline(Jurisdiction jurisdiction, int dataYear, DeadlineKind kind, LocalDate due, Parameter rule) {
    public Deadline {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(due, "due");
    }

    /** Dates the step from the ruleset, or names the missing parameter. */
    public static Validation<Deadline> of(Ruleset rules, DeadlineKind kind, int dataYear) {
        return rules.find(kind.parameter(), dataYear)
                .<Validation<Deadline>>map(p -> new Validation.Valid<>(new Deadline(rules.jurisdiction(), dataYear, kind, p.dateFor(dataYear), p)))
                .orElseGet(() -> new Validation.Invalid<>(java.util.List.of(rules.missing(kind.parameter(), "", dataYear, kind + " deadline"))));
    }

    /**
     * @param doneOn the day the step was done, or null if it was not (as of {@code today})
     * @param today  the day to judge on, in the jurisdiction's calendar
     */
    public DeadlineStatus status(LocalDate doneOn, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (doneOn != null) {
            if (doneOn.isAfter(today)) throw new IllegalArgumentException("done on " + doneOn + ", after the day judged on " + today);
            return doneOn.isAfter(due) ? DeadlineStatus.MET_LATE : DeadlineStatus.MET;
        }
        return today.isAfter(due) ? DeadlineStatus.OVERDUE : DeadlineStatus.OPEN;
    }

    public boolean isOverdue(LocalDate doneOn, LocalDate today) { return status(doneOn, today) == DeadlineStatus.OVERDUE; }
}
