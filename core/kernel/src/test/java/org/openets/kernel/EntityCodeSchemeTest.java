package org.openets.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityCodeSchemeTest {
    @Test
    void published_codes_are_valid_and_any_change_is_caught() {
        // the example of GB 32100-2015's explanations, and a listed company's code as printed on its licence
        for (String code : new String[]{"91350100M000100Y43", "91440300708461136T"}) {
            assertThat(EntityCodeScheme.CN_USCC.problem(code)).as(code).isEmpty();
            assertThat(EntityCodeScheme.uscCheck(code.substring(0, 17))).isEqualTo(code.charAt(17));
            // every single-character change of the first 17 is caught by the check character
            for (int i = 0; i < 17; i++)
                for (char c : EntityCodeScheme.USCC_ALPHABET.toCharArray())
                    if (c != code.charAt(i)) {
                        String changed = code.substring(0, i) + c + code.substring(i + 1);
                        assertThat(EntityCodeScheme.CN_USCC.problem(changed)).as(changed).isPresent();
                    }
        }
    }

    @Test
    void wrong_length_letters_outside_the_alphabet_and_a_wrong_check_are_named() {
        assertThat(EntityCodeScheme.CN_USCC.problem("91350100M000100Y4")).hasValueSatisfying(w -> assertThat(w).contains("18 characters, not 17"));
        assertThat(EntityCodeScheme.CN_USCC.problem("91350100M000100O43")).hasValueSatisfying(w -> assertThat(w).contains("character 16 ('O')"));
        assertThat(EntityCodeScheme.CN_USCC.problem("91350100M000100Y44")).hasValueSatisfying(w -> assertThat(w).contains("check character is 3"));
        assertThat(EntityCodeScheme.CN_USCC.problem(null)).isPresent();
        assertThat(EntityCodeScheme.of("CN-USCC")).contains(EntityCodeScheme.CN_USCC);
        assertThat(EntityCodeScheme.of(" ")).isEmpty();
        assertThat(EntityCodeScheme.CN_USCC.toString()).isEqualTo("CN-USCC");
    }
}
