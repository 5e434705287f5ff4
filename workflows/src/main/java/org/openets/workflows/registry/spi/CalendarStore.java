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

    /**
     * Proposes the entries as one change of the jurisdiction's calendar, saying why (V45): checked as {@link #apply}
     * checks them, under the same lock, written nowhere but the proposal. One proposal per jurisdiction is pending at a
     * time (a lapsed one is ended first); its window is the jurisdiction's approval window (its total-quantity
     * account's). UNCHANGED when every entry is the day's entry already; NOT_AUTHORISED when {@code actor} does not
     * administer the jurisdiction.
     */
    Calendars.Proposed propose(String jurisdiction, List<Calendars.Entry> entries, String reason, String actor, String route, Instant now);

    /** The newest proposals (at most {@code limit}), newest first, of one jurisdiction and of one status when given. */
    List<Calendars.ProposalView> proposals(String jurisdiction, String status, int limit);

    Optional<Calendars.ProposalView> proposal(long id);

    /**
     * A different administrator of the jurisdiction approves a pending proposal: its proposer must still administer it,
     * its window be open, and its entries pass the day rules again against the calendar and today as they are now
     * (else RULES_FAILED, nothing written); then all of them are applied and each change kept with its proposer and
     * approver, in one transaction.
     */
    Calendars.Decision approve(long proposalId, String actor, Instant now);

    Calendars.Decision decline(long proposalId, String actor, String reason, Instant now);

    Calendars.Decision withdraw(long proposalId, String actor, String reason, Instant now);

    /** Ends the pending proposals whose window has closed; how many. */
    int lapse(Instant now);
}
