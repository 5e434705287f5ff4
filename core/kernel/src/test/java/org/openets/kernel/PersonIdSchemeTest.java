package org.openets.kernel;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PersonIdSchemeTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void the_standards_example_is_valid_and_every_single_digit_change_is_caught() {
        // GB 11643-1999's own example (a check character X)
        String id = "11010519491231002X";
        assertThat(PersonIdScheme.CN_RIC.problem(id, TODAY)).isEmpty();
        assertThat(PersonIdScheme.check(id.substring(0, 17))).isEqualTo('X');
        assertThat(PersonIdScheme.check("44030419900307125")).isEqualTo('6');
        assertThat(PersonIdScheme.CN_RIC.problem("440304199003071256", TODAY)).isEmpty();
        for (int i = 0; i < 17; i++)
            for (char c = '0'; c <= '9'; c++)
                if (c != id.charAt(i)) {
                    String changed = id.substring(0, i) + c + id.substring(i + 1);
                    assertThat(PersonIdScheme.CN_RIC.problem(changed, TODAY)).as(changed).isPresent();
                }
    }

    @Test
    void length_letters_dates_of_birth_and_the_check_are_named() {
        assertThat(PersonIdScheme.CN_RIC.problem("11010519491231002", TODAY)).hasValueSatisfying(w -> assertThat(w).contains("18 characters, not 17"));
        assertThat(PersonIdScheme.CN_RIC.problem("1101051949123100AX", TODAY)).hasValueSatisfying(w -> assertThat(w).contains("character 17 ('A')"));
        assertThat(PersonIdScheme.CN_RIC.problem("11010519491231002x", TODAY)).hasValueSatisfying(w -> assertThat(w).contains("check character is X, not x"));
        assertThat(PersonIdScheme.CN_RIC.problem("110105194912310021", TODAY)).hasValueSatisfying(w -> assertThat(w).contains("check character is X"));
        String feb30 = "11010519490230001";
        assertThat(PersonIdScheme.CN_RIC.problem(feb30 + PersonIdScheme.check(feb30), TODAY)).hasValueSatisfying(w -> assertThat(w).contains("19490230"));
        String tomorrow = "11010520261126001";
        assertThat(PersonIdScheme.CN_RIC.problem(tomorrow + PersonIdScheme.check(tomorrow), TODAY)).hasValueSatisfying(w -> assertThat(w).contains("not possible"));
        String today = "11010520261125001";
        assertThat(PersonIdScheme.CN_RIC.problem(today + PersonIdScheme.check(today), TODAY)).isEmpty();
        String old = "11010518991231001";
        assertThat(PersonIdScheme.CN_RIC.problem(old + PersonIdScheme.check(old), TODAY)).hasValueSatisfying(w -> assertThat(w).contains("not possible"));
        String zero = "01010519491231002";
        assertThat(PersonIdScheme.CN_RIC.problem(zero + PersonIdScheme.check(zero), TODAY)).hasValueSatisfying(w -> assertThat(w).contains("address code"));
        assertThat(PersonIdScheme.CN_RIC.problem(null, TODAY)).isPresent();
        assertThat(PersonIdScheme.of("CN-RIC")).contains(PersonIdScheme.CN_RIC);
        assertThat(PersonIdScheme.of(" ")).isEmpty();
        assertThat(PersonIdScheme.CN_RIC.toString()).isEqualTo("CN-RIC");
    }

    @Test
    void each_problem_says_its_kind_and_values_for_a_page_to_say_in_its_language() {
        assertThat(PersonIdScheme.CN_RIC.reason("11010519491231002", TODAY)).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(IdentifierProblem.Kind.LENGTH);
            assertThat(r.values()).containsExactly("17", "18");
        });
        assertThat(PersonIdScheme.CN_RIC.reason("110105194912310021", TODAY)).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(IdentifierProblem.Kind.CHECK);
            assertThat(r.values()).containsExactly("X", "1");
        });
        String feb30 = "11010519490230001";
        assertThat(PersonIdScheme.CN_RIC.reason(feb30 + PersonIdScheme.check(feb30), TODAY).map(IdentifierProblem::kind)).contains(IdentifierProblem.Kind.BIRTH_DATE);
        assertThat(EntityCodeScheme.CN_USCC.reason("91350100M000100O43")).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(IdentifierProblem.Kind.CHARACTER);
            assertThat(r.values()).containsExactly("16", "O");
        });
        assertThat(EntityCodeScheme.CN_USCC.reason("91350100M000100Y43")).isEmpty();
    }
}
