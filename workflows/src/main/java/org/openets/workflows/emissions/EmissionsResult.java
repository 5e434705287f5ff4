package org.openets.workflows.emissions;

import org.openets.emissions.Problem;

import java.util.List;

/**
 * What an emissions use case answers: done with a value; invalid input with every problem (nothing was saved); or
 * refused with a stable code (see {@link EmissionsService} for the codes).
 */
public sealed interface EmissionsResult<T> {
    record Done<T>(T value) implements EmissionsResult<T> {}

    record Invalid<T>(List<Problem> problems) implements EmissionsResult<T> {
        public Invalid {
            problems = List.copyOf(problems);
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
