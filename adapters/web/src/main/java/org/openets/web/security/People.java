package org.openets.web.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the sign-ins of people (kind PERSON) as registry administrators keep them, and the history of those changes.
 * Implemented over {@code platform_user} and {@code person_change} by the server's wiring. A change and its history
 * row are written together; disabling and a new password revoke the person's API tokens, and their sessions end at
 * their next request ({@link SessionCheckFilter}).
 */
public interface People {
    /** A role on an account: its number, its jurisdiction's code and the role (INITIATOR, APPROVER, READ_ONLY). */
    record HeldRole(String account, String jurisdiction, String role) {}

    /** A sign-in with the jurisdictions its person administers and the roles they hold; {@code kind} PERSON, AUDITOR or VERIFIER. */
    record Person(String login, String displayName, boolean enabled, List<String> administers, List<HeldRole> roles,
                  String addedBy, List<String> addedByAdministers, String kind) {}

    /** ADDED, DISABLED or PASSWORD_SET; {@code by} null: the platform operator at the command line. */
    record Change(long id, String login, String displayName, String change, String by, Instant at) {}

    /** Whether any sign-in has this login, whatever its letters' case. */
    boolean loginTaken(String login);

    /**
     * Up to {@code limit} sign-ins of any kind (persons, auditors, verifiers) with a login after {@code after} ("" for
     * the first), by login: what an auditor reads, a page at a time.
     */
    List<Person> everyone(String after, int limit);

    /** How many sign-ins there are, of any kind. */
    long countEveryone();

    /**
     * Up to {@code limit} of the people the administrator {@code by} of the jurisdictions {@code administered} may
     * manage (PeopleDesk.mayManage, applied by the store so that a page is full) with a login after {@code after}
     * ("" for the first), by login.
     */
    List<Person> manageable(String by, java.util.Set<String> administered, String after, int limit);

    /** How many people {@code by} may manage, as {@link #manageable}. */
    long countManageable(String by, java.util.Set<String> administered);

    /** The logins of the people {@code by} may manage, as {@link #manageable}. */
    java.util.Set<String> manageableLogins(String by, java.util.Set<String> administered);

    Optional<Person> find(String login);

    /** Adds a person; false (nothing written) when the login exists, as a person or anyone else. */
    boolean add(String login, String passwordHash, String displayName, String by);

    /** Disables the sign-in and revokes its tokens; false when there is no such login. */
    boolean disable(String login, String by);

    /** Sets a new password, enables the sign-in and revokes its tokens; false when there is no such login. */
    boolean setPassword(String login, String passwordHash, String by);

    /** The newest {@code limit} changes with an id below {@code before}, newest first. */
    List<Change> changes(long before, int limit);

    /**
     * The newest {@code limit} changes with an id below {@code before} of the sign-ins {@code logins} or made by
     * {@code by}, newest first (one read however few of the history's changes are theirs).
     */
    List<Change> changes(java.util.Collection<String> logins, String by, long before, int limit);
}
