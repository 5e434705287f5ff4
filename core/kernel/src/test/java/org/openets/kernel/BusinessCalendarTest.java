package org.openets.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** 2024 National Day (国庆节): 10-01..10-07 off, worked on Sunday 09-29 and Saturday 10-12 instead. */
    static BusinessCalendar nationalDay2024() {
        Set<LocalDate> holidays = new HashSet<>();
        for (int d = 1; d <= 7; d++) holidays.add(LocalDate.of(2024, 10, d));
        return new BusinessCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(17, 0), holidays,
                Set.of(LocalDate.of(2024, 9, 29), LocalDate.of(2024, 10, 12)));
    }

    static Instant at(String localDateTime) { return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant(); }

    @ParameterizedTest(name = "{0} business day: {1}")
    @CsvSource({
            "2024-09-27, true",   // Friday
            "2024-09-28, false",  // Saturday
            "2024-09-29, true",   // Sunday, make-up workday
            "2024-09-30, true",   // Monday
            "2024-10-01, false",  // holiday (Tuesday)
            "2024-10-04, false",  // holiday (Friday)
            "2024-10-05, false",  // holiday (Saturday)
            "2024-10-07, false",  // holiday (Monday)
            "2024-10-08, true",   // Tuesday, back at work
            "2024-10-12, true",   // Saturday, make-up workday
            "2024-10-13, false",  // ordinary Sunday
    })
    void businessDays(LocalDate day, boolean expected) {
        assertThat(nationalDay2024().isBusinessDay(day)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} + {1} h = {2}")
    @CsvSource({
            // within one day
            "2024-10-08T09:00, 8, 2024-10-08T17:00",
            "2024-10-08T10:30, 2, 2024-10-08T12:30",
            // a night is skipped
            "2024-10-08T16:30, 1, 2024-10-09T09:30",
            "2024-10-08T17:00, 1, 2024-10-09T10:00",
            // an ordinary weekend is skipped
            "2024-11-01T16:00, 2, 2024-11-04T10:00",
            // Saturday 09-28 skipped, Sunday 09-29 is a make-up workday and counts
            "2024-09-27T16:00, 2, 2024-09-29T10:00",
            // Sunday make-up day into Monday
            "2024-09-29T16:00, 4, 2024-09-30T12:00",
            // the whole Golden Week (10-01..10-07) is skipped
            "2024-09-30T15:00, 3, 2024-10-08T10:00",
            // Friday 10-11 into make-up Saturday 10-12
            "2024-10-11T16:00, 9, 2024-10-12T17:00",
            // ...and from the make-up Saturday over the ordinary Sunday to Monday
            "2024-10-12T16:00, 2, 2024-10-14T10:00",
            // start outside hours counts from the next opening
            "2024-10-08T07:00, 1, 2024-10-08T10:00",
            "2024-10-08T20:00, 1, 2024-10-09T10:00",
            "2024-10-03T12:00, 8, 2024-10-08T17:00",
            "2024-10-05T02:00, 1, 2024-10-08T10:00",
            "2024-09-28T12:00, 1, 2024-09-29T10:00",
            // several days
            "2024-09-26T09:00, 24, 2024-09-29T17:00",
            "2024-09-26T09:00, 32, 2024-09-30T17:00",
            "2024-09-26T09:00, 33, 2024-10-08T10:00",
    })
    void plusBusinessHours(String start, long hours, String expected) {
        assertThat(nationalDay2024().plusBusinessHours(at(start), hours)).isEqualTo(at(expected));
    }

    @Test
    void zeroHoursInsideBusinessHoursIsTheStart() {
        assertThat(nationalDay2024().plusBusinessHours(at("2024-10-08T11:11"), 0)).isEqualTo(at("2024-10-08T11:11"));
    }

    @Test
    void zoneMatters() {
        // 02:00 UTC is 10:00 in Shanghai
        Instant start = Instant.parse("2024-10-08T02:00:00Z");
        assertThat(nationalDay2024().plusBusinessHours(start, 1)).isEqualTo(Instant.parse("2024-10-08T03:00:00Z"));
    }

    @Test
    void rejectsBadInput() {
        BusinessCalendar c = nationalDay2024();
        assertThatThrownBy(() -> c.plusBusinessHours(at("2024-10-08T10:00"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessCalendar(SHANGHAI, LocalTime.of(17, 0), LocalTime.of(9, 0), Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(9, 0), Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        LocalDate d = LocalDate.of(2024, 10, 1);
        assertThatThrownBy(() -> new BusinessCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of(d), Set.of(d)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holidaySetsAreCopied() {
        Set<LocalDate> holidays = new HashSet<>();
        BusinessCalendar c = new BusinessCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(17, 0), holidays, Set.of());
        holidays.add(LocalDate.of(2024, 10, 8));
        assertThat(c.isBusinessDay(LocalDate.of(2024, 10, 8))).isTrue();
    }

    // ---- SerialRange
    @Test
    void sizeAndQuantity() {
        SerialRange r = new SerialRange(11, 20);
        assertThat(r.size()).isEqualTo(10);
        assertThat(r.quantity()).isEqualTo(Quantity.of(10));
        assertThat(SerialRange.ofSize(5, 1)).isEqualTo(new SerialRange(5, 5));
        assertThat(r.contains(11)).isTrue();
        assertThat(r.contains(20)).isTrue();
        assertThat(r.contains(10)).isFalse();
        assertThat(r.contains(21)).isFalse();
    }

    @Test
    void splitHeadAndTail() {
        SerialRange r = new SerialRange(11, 20);
        assertThat(r.head(3)).isEqualTo(new SerialRange(11, 13));
        assertThat(r.tailAfter(3)).isEqualTo(new SerialRange(14, 20));
        assertThat(r.head(10)).isEqualTo(r);
        assertThat(r.head(3).union(r.tailAfter(3))).isEqualTo(r);
        assertThatThrownBy(() -> r.head(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.head(11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.tailAfter(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.tailAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adjacencyOverlapAndUnion() {
        SerialRange a = new SerialRange(1, 10), b = new SerialRange(11, 20), c = new SerialRange(12, 20), d = new SerialRange(10, 15);
        assertThat(a.isAdjacentTo(b)).isTrue();
        assertThat(b.isAdjacentTo(a)).isTrue();
        assertThat(a.isAdjacentTo(c)).isFalse();
        assertThat(a.overlaps(b)).isFalse();
        assertThat(a.overlaps(d)).isTrue();
        assertThat(d.overlaps(a)).isTrue();
        assertThat(a.union(b)).isEqualTo(new SerialRange(1, 20));
        assertThat(b.union(a)).isEqualTo(new SerialRange(1, 20));
        assertThat(a.union(d)).isEqualTo(new SerialRange(1, 15));
        assertThatThrownBy(() -> a.union(c)).isInstanceOf(IllegalArgumentException.class);
        assertThat(a.compareTo(b)).isNegative();
    }

    @Test
    void invalidRanges() {
        assertThatThrownBy(() -> new SerialRange(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SerialRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SerialRange.ofSize(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SerialRange.ofSize(Long.MAX_VALUE, 2)).isInstanceOf(ArithmeticException.class);
    }

    // ---- Quantity
    @Test
    void arithmetic() {
        assertThat(Quantity.of(3).plus(Quantity.of(4))).isEqualTo(Quantity.of(7));
        assertThat(Quantity.of(7).minus(Quantity.of(7))).isEqualTo(Quantity.ZERO);
        assertThat(Quantity.ZERO.isZero()).isTrue();
        assertThat(Quantity.of(1).isLessThan(Quantity.of(2))).isTrue();
        assertThat(Quantity.of(2).isLessThan(Quantity.of(2))).isFalse();
        assertThat(Quantity.of(2).compareTo(Quantity.of(1))).isPositive();
    }

    @Test
    void negativeRejected() {
        assertThatThrownBy(() -> Quantity.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantity.of(3).minus(Quantity.of(4))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overflowThrows() {
        assertThatThrownBy(() -> Quantity.of(Long.MAX_VALUE).plus(Quantity.of(1))).isInstanceOf(ArithmeticException.class);
    }
}
