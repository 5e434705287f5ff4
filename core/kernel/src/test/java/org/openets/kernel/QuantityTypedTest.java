package org.openets.kernel;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** A quantity typed by a person is read only when it cannot be misread. */
class QuantityTypedTest {
    @Test
    void digits_grouped_by_commas_or_not_are_read_and_nothing_else_is() {
        assertThat(Quantity.typed("1000")).contains(new BigDecimal("1000"));
        assertThat(Quantity.typed(" 1,000 ")).contains(new BigDecimal("1000"));
        assertThat(Quantity.typed("12,345,678")).contains(new BigDecimal("12345678"));
        assertThat(Quantity.typed("1 000")).contains(new BigDecimal("1000"));
        assertThat(Quantity.typed("-5")).contains(new BigDecimal("-5"));
        for (String misread : new String[]{"1.000", "1.5", "2e3", "1E3", "0x10", "1,00", "1,0000", "12,345,67", "", " ", "ten", "1,", ",1", null})
            assertThat(Quantity.typed(misread)).as(String.valueOf(misread)).isEmpty();
    }

    @Test
    void full_width_forms_read_as_their_ascii_forms_and_other_digits_do_not() {
        assertThat(Quantity.typed("１０")).contains(new BigDecimal("10"));
        assertThat(Quantity.typed("３００，０００")).contains(new BigDecimal("300000"));
        assertThat(Quantity.typed("\u3000１\u3000０００\u3000")).contains(new BigDecimal("1000"));
        assertThat(Quantity.typed("－５")).contains(new BigDecimal("-5"));
        assertThat(Quantity.typed("＋７")).contains(new BigDecimal("7"));
        for (String misread : new String[]{"１．０００", "２ｅ３", "１，００", "²", "①", "\u0661\u0660", "十"})
            assertThat(Quantity.typed(misread)).as(misread).isEmpty();
    }
}
