package org.openets.kernel;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working days and hours of one jurisdiction. Public holidays and make-up workdays (调休: a Saturday or
 * Sunday worked in exchange for a longer holiday) are data, so each year's State Council notice is
 * loaded, never coded. A day is a business day when it is a make-up workday, or a Monday-Friday that is
 * not a holiday.
 */
public record BusinessCalendar(ZoneId zone, LocalTime opens, LocalTime closes, Set<LocalDate> holidays,
                               Set<LocalDate> makeUpWorkdays) {
    public BusinessCalendar {
        if (!opens.isBefore(closes)) throw new IllegalArgumentException("business day must open before it closes");
        holidays = Set.copyOf(holidays);
        makeUpWorkdays = Set.copyOf(makeUpWorkdays);
        for (LocalDate d : makeUpWorkdays)
            if (holidays.contains(d)) throw new IllegalArgumentException(d + " is both a holiday and a make-up workday");
    }

    public boolean isBusinessDay(LocalDate day) {
        if (makeUpWorkdays.contains(day)) return true;
        if (holidays.contains(day)) return false;
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The instant that lies {@code hours} business hours after {@code start}. Time outside business hours
     * does not count; a start outside business hours counts from the next opening.
     */
    public Instant plusBusinessHours(Instant start, long hours) {
        if (hours < 0) throw new IllegalArgumentException("negative delay");
        Duration remaining = Duration.ofHours(hours);
        ZonedDateTime t = start.atZone(zone);
        while (true) {
            LocalDate day = t.toLocalDate();
            if (isBusinessDay(day)) {
                LocalDateTime open = day.atTime(opens), close = day.atTime(closes);
                LocalDateTime from = t.toLocalDateTime().isBefore(open) ? open : t.toLocalDateTime();
                if (from.isBefore(close)) {
                    Duration available = Duration.between(from, close);
                    if (available.compareTo(remaining) >= 0) return from.plus(remaining).atZone(zone).toInstant();
                    remaining = remaining.minus(available);
                }
            }
            t = day.plusDays(1).atStartOfDay(zone);
        }
    }
}
