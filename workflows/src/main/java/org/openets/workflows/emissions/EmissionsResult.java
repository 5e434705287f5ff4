package org.openets.workflows.emissions;

import org.openets.emissions.Problem;
import org.openets.emissions.ReportCoverage;

import java.util.ArrayList;
import java.util.List;

/**
 * What an emissions use case answers: done with a value; invalid input with every problem (nothing was saved); a
 * report that does not cover what the register says it must ({@link Incomplete}: nothing was saved or sealed); or
 * refused with a stable code (see {@link EmissionsService} for the codes).
 */
public sealed interface EmissionsResult<T> {
    record Done<T>(T value) implements EmissionsResult<T> {}

    record Invalid<T>(List<Problem> problems) implements EmissionsResult<T> {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /**
     * The report is empty ({@code empty}: no rows at all; it is not saved, so the year's draft stays as it was), or it
     * is to be sealed and lacks installations or months the register says it must cover ({@link ReportCoverage}).
     * {@code gaps} names each; {@code year} is the data year.
     */
    record Incomplete<T>(boolean empty, int year, List<ReportCoverage.Gap> gaps) implements EmissionsResult<T> {
        public Incomplete {
            gaps = List.copyOf(gaps);
            if (!empty && gaps.isEmpty()) throw new IllegalArgumentException("an incomplete report lacks something");
        }

        /** What is lacking as problems of the report: {@code EMPTY_REPORT} first when empty, then each gap. */
        public List<Problem> problems() {
            List<Problem> out = new ArrayList<>();
            if (empty) out.add(ReportCoverage.empty(year));
            for (ReportCoverage.Gap g : gaps) out.add(g.problem());
            return out;
        }
    }

    record Refused<T>(String code, String detail) implements EmissionsResult<T> {}

    static <T> EmissionsResult<T> refused(String code, String detail) { return new Refused<>(code, detail); }

    default boolean isDone() { return this instanceof Done<T>; }

    /** The value; a bug to call unless done. */
    default T value() {
        if (this instanceof Done<T> d) return d.value();
        throw new IllegalStateException("not done: " + this);
    }
}
