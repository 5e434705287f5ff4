package org.openets.emissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openets.emissions.EmissionsFixture.*;

/** Deadlines come from the ruleset per jurisdiction and data year; overdue is a pure function of the day given. */
class DeadlinesTest {
    static final Deadline REPORT_2022 = Deadline.of(RULES, DeadlineKind.REPORT, 2022).value();

    @Test
    void theRulesetDatesEachStepForTheDataYear() {
        assertThat(REPORT_2022.due()).isEqualTo(LocalDate.of(2023, 3, 31));
        assertThat(REPORT_2022.rule().key()).isEqualTo("deadline.report");
        assertThat(Deadline.of(RULES, DeadlineKind.VERIFICATION, 2022).value().due()).isEqualTo(LocalDate.of(2023, 6, 30));
        assertThat(Deadline.of(RULES, DeadlineKind.REPORT, 2024).value().due()).isEqualTo(LocalDate.of(2025, 3, 31));
    }

    @Test
    void aYearTheRulesetDoesNotDateIsAMissingParameter() {
        assertThat(Deadline.of(RULES, DeadlineKind.VERIFICATION, 2025).problems()).extracting(Problem::message)
                .containsExactly("missing parameter deadline.verification for CN 2025, needed for VERIFICATION deadline");
    }

    @ParameterizedTest(name = "done {0}, judged {1}: {2}")
    @CsvSource(nullValues = "-", textBlock = """
            -,          2023-03-30, OPEN
            -,          2023-03-31, OPEN
            -,          2023-04-01, OVERDUE
            2023-03-31, 2023-04-01, MET
            2023-01-15, 2023-12-31, MET
            2023-04-01, 2023-04-01, MET_LATE
            2023-04-01, 2024-01-01, MET_LATE
            """)
    void theDueDayIsTheLastDayOnWhichTheStepIsOnTime(LocalDate doneOn, LocalDate today, DeadlineStatus expected) {
        assertThat(REPORT_2022.status(doneOn, today)).isEqualTo(expected);
    }

    @Test
    void overdueEntitiesAreThoseThatHaveNotDoneTheStepByTheDayGiven() {
        EntityId a = EntityId.of("A"), b = EntityId.of("B"), c = EntityId.of("C"), d = EntityId.of("D");
        Map<EntityId, LocalDate> done = new HashMap<>();
        done.put(a, LocalDate.of(2023, 3, 1));
        assertThat(Deadlines.overdue(REPORT_2022, List.of(a, b, c, d), done, LocalDate.of(2023, 3, 31))).isEmpty();
        assertThat(Deadlines.overdue(REPORT_2022, List.of(a, b, c, d), done, LocalDate.of(2023, 4, 1))).containsExactly(b, c, d);
        done.put(b, LocalDate.of(2023, 4, 3)); // late, but no longer overdue
        assertThat(Deadlines.overdue(REPORT_2022, List.of(a, b, c, d), done, LocalDate.of(2023, 4, 5))).containsExactly(c, d);
    }
}
