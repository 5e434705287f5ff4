package org.openets.web.desk;

import org.openets.web.Problem;
import org.openets.web.security.People;
import org.openets.web.security.People.Person;
import org.openets.web.security.Permissions;
import org.openets.web.security.SignedInUser;
import org.openets.web.security.Users;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The people who act for account holders, as registry administrators keep their sign-ins (the person part of the
 * operator's {@code openets users}): an administrator adds a person (kind PERSON, never an administrator or an
 * auditor: those stay the operator's), and disables or sets a new password for a person they may manage — a plain
 * person who administers no jurisdiction and whose every role is on accounts of jurisdictions this administrator
 * administers (a person with no role: any administrator). Nobody does either to themselves. Every change is kept in
 * the people's history with who made it. Passwords follow the operator's rules (at least 12 characters, not the
 * login) and are stored only as the {@code {bcrypt}} hash the platform checks; they never appear in an answer, a
 * refusal or the history. The same rules for the API and the pages.
 */
@Component
public class PeopleDesk {
    /** As the CLI's {@code users} command: the {@code platform_user.login} check, and the password's least length. */
    public static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final int MIN_PASSWORD = 12, MAX_PASSWORD_BYTES = 72, MAX_NAME = 200, MIN_DISTINCT = 5;
    /** The changes a page of the people history shows. */
    private static final int HISTORY_SHOWN = 200;

    private final RegistryDesk desk;
    private final People people;
    private final Users users;
    private final PasswordEncoder encoder;

    public PeopleDesk(RegistryDesk desk, People people, Users users, PasswordEncoder encoder) {
        this.desk = desk;
        this.people = people;
        this.users = users;
        this.encoder = encoder;
    }

    /** Whether the person keeps people's sign-ins at all: a registry administrator who may write. */
    public static boolean keepsPeople(Permissions p) {
        return p.mayWrite() && p.isAdministrator();
    }

    /**
     * Whether {@code p} may disable {@code x} or set x's password: x administers no jurisdiction, every role x holds is
     * on an account of a jurisdiction p administers, and x is not p.
     */
    public static boolean mayManage(Permissions p, Person x) {
        if (!keepsPeople(p) || !"PERSON".equals(x.kind()) || x.login().equals(p.login()) || !x.administers().isEmpty()) return false;
        if (!x.roles().isEmpty()) return x.roles().stream().allMatch(r -> p.administered().contains(r.jurisdiction()));
        // a person with no role yet belongs to the authority that added them (the operator's: to any administrator)
        return x.addedBy() == null || x.addedByAdministers().stream().anyMatch(p.administered()::contains);
    }

    /** Whether the person reads people's sign-ins and their history: an administrator (those they may manage) or an auditor (everyone's). */
    public static boolean readsPeople(Permissions p) {
        return keepsPeople(p) || p.auditor();
    }

    /**
     * Up to {@code limit} of the people {@code p} may manage with a login after {@code after} (the last of the page
     * before; none: from the first), by login; for an auditor, every sign-in (persons, administrators among them,
     * auditors and verifiers, each with its kind), read only. 403 NOT_AUTHORISED (recorded) for anyone else; 400
     * VALIDATION_FAILED for an {@code after} that is not a login.
     */
    public PeoplePage people(Permissions p, String after, int limit) {
        reader(p);
        String from = after == null ? "" : after.strip();
        if (!from.isEmpty() && !LOGIN.matcher(from).matches())
            throw Problem.badRequest("VALIDATION_FAILED", "after is a login: the last of the page before").say("detail.people.after");
        if (p.auditor()) {
            List<Person> read = people.everyone(from, limit + 1);
            List<Person> page = List.copyOf(read.subList(0, Math.min(limit, read.size())));
            return new PeoplePage(page, people.countEveryone(), read.size() > limit, page.isEmpty() ? from : page.getLast().login());
        }
        // the store applies mayManage in its query, so that a page is full; checked here again, so that a rule read
        // differently there can only show less, never more
        List<Person> read = people.manageable(p.login(), p.administered(), from, limit + 1);
        List<Person> within = read.subList(0, Math.min(limit, read.size()));
        List<Person> page = within.stream().filter(x -> mayManage(p, x)).toList();
        return new PeoplePage(page, people.countManageable(p.login(), p.administered()), read.size() > limit,
                within.isEmpty() ? from : within.getLast().login());
    }

    /**
     * A page of people by login: {@code total}, how many the reader reads in all; {@code more}, whether a page follows;
     * {@code next}, the login the next page starts after.
     */
    public record PeoplePage(List<Person> rows, long total, boolean more, String next) {}

    /** A page of the history, newest first: {@code next} is where the next (older) page starts, when {@code more}. */
    public record History(List<People.Change> changes, boolean more, long next) {}

    /**
     * The changes of the people {@code p} may manage and those {@code p} made, newest first, 200 a page (and
     * {@code more} when there is an older one of them, however far back), from {@code before} (a change's number; {@code Long.MAX_VALUE} for the newest); for an auditor, every change, 200 a page.
     * No password nor its hash is in the history. 403 NOT_AUTHORISED (recorded) for anyone but an administrator or an
     * auditor.
     */
    public History history(Permissions p, long before) {
        reader(p);
        List<People.Change> read;
        if (p.auditor()) read = people.changes(before, HISTORY_SHOWN + 1);
        else {
            // the store picks this administrator's changes (of the people they manage, or made by them): however many
            // changes of others lie between, none of theirs is skipped, and the page is one read
            Set<String> managed = people.manageableLogins(p.login(), p.administered());
            read = people.changes(managed, p.login(), before, HISTORY_SHOWN + 1);
        }
        boolean more = read.size() > HISTORY_SHOWN;
        List<People.Change> shown = more ? read.subList(0, HISTORY_SHOWN) : read;
        return new History(List.copyOf(shown), more, shown.isEmpty() ? before : shown.getLast().id());
    }

    private void reader(Permissions p) {
        if (!readsPeople(p))
            throw desk.refuse(p, "LIST people", null, "NOT_AUTHORISED",
                    p.login() + " may not read people's sign-ins: registry administrators and auditors only").say("detail.deny.peopleRead");
    }

    /**
     * Adds a person's sign-in, holding no role. 403 NOT_AUTHORISED (recorded as ADD person) for anyone but an
     * administrator; 400 VALIDATION_FAILED for a login outside the pattern, a name not 1 to 200 characters, a password
     * missing, typed differently twice, shorter than 12 characters, longer than bcrypt takes (72 bytes) or the login;
     * 409 LOGIN_EXISTS when anyone signs in with that login already. {@code again}: the password typed a second time.
     */
    public Person add(Permissions p, String login, String displayName, String password, String again) {
        String l = login == null ? "" : login.strip();
        administrator(p, "ADD person", l);
        if (!LOGIN.matcher(l).matches())
            throw Problem.badRequest("VALIDATION_FAILED", "a login is 1 to 64 letters, digits, . _ -, starting with a letter or digit").say("detail.person.login");
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > MAX_NAME)
            throw Problem.badRequest("VALIDATION_FAILED", "the name is 1 to " + MAX_NAME + " characters").say("detail.person.name", MAX_NAME);
        String hash = hash(l, password, again);
        // one login, whatever the letters' case: "Zhang.San" next to "zhang.san" would pass for the same person
        if (people.loginTaken(l) || !people.add(l, hash, name, p.login()))
            throw new Problem(HttpStatus.CONFLICT, "LOGIN_EXISTS", l + " signs in already (a login is never reused)").say("detail.person.exists", l);
        return people.find(l).orElseThrow();
    }

    /**
     * Disables a person's sign-in: no sign-in by password, the person's sessions end at their next request, their API
     * tokens are revoked for good. {@code confirmed}: the page's tick (400 VALIDATION_FAILED without it, after the
     * authority is checked). 404 UNKNOWN_USER for no such login; 403 NOT_AUTHORISED (recorded as DISABLE person) for
     * oneself, anyone who is not a person this administrator may manage, or a non-administrator; 409 ALREADY_DISABLED.
     */
    public Person disable(Permissions p, String login, boolean confirmed) {
        Person x = managed(p, login, "DISABLE person");
        if (!confirmed) throw Problem.badRequest("VALIDATION_FAILED", "confirm that " + x.login() + " may no longer sign in").say("detail.confirm.disablePerson", x.login());
        if (!x.enabled()) throw new Problem(HttpStatus.CONFLICT, "ALREADY_DISABLED", x.login() + " is disabled already").say("detail.person.disabled", x.login());
        if (!people.disable(x.login(), p.login()))
            throw Problem.notFound("UNKNOWN_USER", "no person signs in as " + x.login()).say("detail.login.unknown", x.login());
        return people.find(x.login()).orElseThrow();
    }

    /**
     * Sets a new password for an enabled person; the person's API tokens are revoked and sessions signed in with the old
     * password end. The same refusals as {@link #disable} (recorded as SET_PASSWORD person), the password's as
     * {@link #add}, and 409 PERSON_DISABLED for a disabled sign-in (a new password would enable it again: the operator's
     * {@code users passwd} does that).
     */
    public Person setPassword(Permissions p, String login, String password, String again) {
        Person x = managed(p, login, "SET_PASSWORD person");
        // a new password would enable a disabled sign-in again, silently: that is the operator's decision (users passwd)
        if (!x.enabled())
            throw new Problem(HttpStatus.CONFLICT, "PERSON_DISABLED", x.login() + " is disabled: a new password would enable the sign-in again; the platform operator does that")
                    .say("detail.person.disabledNoPassword", x.login());
        String hash = hash(x.login(), password, again);
        if (!people.setPassword(x.login(), hash, p.login()))
            throw Problem.notFound("UNKNOWN_USER", "no person signs in as " + x.login()).say("detail.login.unknown", x.login());
        return people.find(x.login()).orElseThrow();
    }

    private void administrator(Permissions p, String action, String target) {
        if (!keepsPeople(p))
            throw desk.refuse(p, action, target == null || target.isEmpty() ? null : shortened(target), "NOT_AUTHORISED",
                    p.login() + " may not keep people's sign-ins: registry administrators only").say("detail.deny.people");
    }

    /** The person named, if {@code p} may manage them; else the refusal, recorded as {@code action}. */
    private Person managed(Permissions p, String login, String action) {
        String l = login == null ? "" : login.strip();
        administrator(p, action, l);
        if (l.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "login is required").say("detail.login.required");
        if (l.equals(p.login()))
            throw desk.refuse(p, action, l, "NOT_AUTHORISED", "nobody disables their own sign-in or sets their own password here").say("detail.deny.personSelf");
        Person x = l.length() > 64 ? null : people.find(l).orElse(null);
        if (x == null) {
            // an auditor or a verifier signs in too, but is the operator's to keep
            SignedInUser u = l.length() > 64 ? null : users.find(l).orElse(null);
            if (u == null) throw Problem.notFound("UNKNOWN_USER", "no person signs in as " + shortened(l)).say("detail.login.unknown", shortened(l));
            throw desk.refuse(p, action, l, "NOT_AUTHORISED", l + " is not a person an administrator keeps: the platform operator does").say("detail.deny.person", l);
        }
        if (!mayManage(p, x))
            throw desk.refuse(p, action, l, "NOT_AUTHORISED", p.login() + " may not change the sign-in of " + l
                    + ": an administrator, or holding roles on accounts of jurisdictions " + p.login() + " does not administer").say("detail.deny.person", l);
        return x;
    }

    /** The password checked as the operator's CLI checks it, then hashed; never echoed. */
    String hash(String login, String password, String again) {
        String pw = password == null ? "" : password;
        if (pw.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "a password is required").say("detail.person.passwordShort", MIN_PASSWORD);
        if (again != null && !again.equals(pw)) throw Problem.badRequest("VALIDATION_FAILED", "the two passwords differ").say("detail.person.passwordsDiffer");
        if (pw.length() < MIN_PASSWORD) throw Problem.badRequest("VALIDATION_FAILED", "a password has at least " + MIN_PASSWORD + " characters")
                .say("detail.person.passwordShort", MIN_PASSWORD);
        if (pw.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES)
            throw Problem.badRequest("VALIDATION_FAILED", "a password has at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)").say("detail.person.passwordLong", MAX_PASSWORD_BYTES);
        if (pw.equalsIgnoreCase(login)) throw Problem.badRequest("VALIDATION_FAILED", "the password may not be the login").say("detail.person.passwordIsLogin");
        // twelve spaces, or one key held down, is not a password
        if (pw.strip().codePoints().distinct().count() < MIN_DISTINCT)
            throw Problem.badRequest("VALIDATION_FAILED", "a password has at least " + MIN_DISTINCT + " different characters, not counting spaces at its ends")
                    .say("detail.person.passwordTrivial", MIN_DISTINCT);
        // the platform's DelegatingPasswordEncoder: {bcrypt} and a $2a$ hash of cost 10, the form 'openets users' writes
        return encoder.encode(pw);
    }

    private static String shortened(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
