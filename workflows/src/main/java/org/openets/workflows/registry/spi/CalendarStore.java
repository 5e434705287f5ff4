package org.openets.workflows.registry.spi;

import org.openets.workflows.registry.Calendars;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Where each jurisdiction's calendar of public holidays and make-up workdays is kept (calendar_day), with every change
 * of it (calendar_day_change, append-only). A change commits with the calendar, and moves the ledger's reference
 * generation (ADR 0003), so the ledger writer counts the next transaction's delay on the new calendar.
 */
public interface CalendarStore {
    /** The jurisdiction's time zone; empty: no such jurisdiction. */
    Optional<ZoneId> zone(String jurisdiction);

    /** The entries of one year, by day. */
    List<Calendars.Day> days(String jurisdiction, int year);

    /** The newest changes of the jurisdiction's calendar, newest first. */
    List<Calendars.ChangeView> changes(String jurisdiction, int limit);

    /**
     * Checks the entries ({@link Calendars#check}) against the calendar and today in the jurisdiction's zone at
     * {@code now}, under a lock of the jurisdiction's calendar, and applies all of them or none. An entry equal to the
     * day's current one is no change (nothing written). {@code actor} null: the platform.
     */
    Calendars.Outcome apply(String jurisdiction, List<Calendars.Entry> entries, String actor, String route, Instant now);
}
