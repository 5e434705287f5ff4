package org.openets.emissions;

import java.util.List;
import java.util.function.Function;

/**
 * The answer of a step that checks its input before it acts: the value, or every problem found (never just the
 * first, so a submitter fixes a sheet in one pass). When there are problems nothing was computed.
 */
public sealed interface Validation<T> {

    record Valid<T>(T value) implements Validation<T> {}

    record Invalid<T>(List<Problem> problems) implements Validation<T> {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) throw new IllegalArgumentException("an invalid result needs at least one problem");
        }
    }

    static <T> Validation<T> of(T value, List<Problem> problems) {
        return problems.isEmpty() ? new Valid<>(value) : new Invalid<>(problems);
    }

    default boolean isValid() { return this instanceof Valid<T>; }

    /** The value; a bug to call on an invalid result. */
    default T value() {
        if (this instanceof Valid<T> v) return v.value();
        throw new IllegalStateException("invalid: " + problems());
    }

    default List<Problem> problems() {
        return this instanceof Invalid<T> i ? i.problems() : List.of();
    }

    default <R> Validation<R> then(Function<T, Validation<R>> next) {
        return switch (this) {
            case Valid<T> v -> next.apply(v.value());
            case Invalid<T> i -> new Invalid<>(i.problems());
        };
    }
}
