package org.openets.server;

import org.openets.store.JournalVerifications;
import org.openets.store.JournalVerifier;
import org.openets.store.security.PgApiTokens;
import org.openets.store.security.PgPlatformUsers;
import org.openets.store.security.PgRefusals;
import org.openets.workflows.registry.spi.RegistryReadModel;
import org.openets.web.desk.JournalChecks;
import org.openets.web.desk.UnitTypes;
import org.openets.web.security.ApiTokens;
import org.openets.web.security.People;
import org.openets.web.security.RefusalLog;
import org.openets.web.security.SignedInUser;
import org.openets.web.security.Users;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The web layer's ports (users, tokens, refusals, journal verification, unit types) over their PostgreSQL tables. */
@Configuration
public class SecurityWiring {

    @Bean
    public PgPlatformUsers platformUsers(DataSource ds) { return new PgPlatformUsers(ds); }

    @Bean
    public Users users(PgPlatformUsers users) {
        return new Users() {
            @Override public Optional<SignedInUser> find(String login) {
                return users.find(login).map(u -> new SignedInUser(u.login(), u.displayName(), SignedInUser.Kind.valueOf(u.kind()), u.enabled(), u.passwordHash(),
                        u.passwordChangeRequired()));
            }

            @Override public boolean changeOwnPassword(String login, String currentHash, String newHash) {
                return users.changeOwnPassword(login, currentHash, newHash);
            }
        };
    }

    @Bean
    public People people(PgPlatformUsers users) {
        return new People() {
            @Override public List<Person> everyone(String after, int limit) {
                return users.signIns(after, limit).stream().map(SecurityWiring::person).toList();
            }

            @Override public long countEveryone() { return users.count(); }

            @Override public List<Person> manageable(String by, java.util.Set<String> administered, String after, int limit) {
                return users.manageable(by, administered, after, limit).stream().map(SecurityWiring::person).toList();
            }

            @Override public long countManageable(String by, java.util.Set<String> administered) { return users.countManageable(by, administered); }

            @Override public java.util.Set<String> manageableLogins(String by, java.util.Set<String> administered) {
                return new java.util.HashSet<>(users.manageableLogins(by, administered));
            }

            @Override public Optional<Person> find(String login) { return users.person(login).map(SecurityWiring::person); }

            @Override public boolean loginTaken(String login) { return users.loginTaken(login); }

            @Override public boolean add(String login, String passwordHash, String displayName, String by) {
                return users.add(login, passwordHash, displayName, "PERSON", by);
            }

            @Override public boolean disable(String login, String by) { return users.disable(login, by); }

            @Override public boolean setPassword(String login, String passwordHash, String by) { return users.setPassword(login, passwordHash, by); }

            @Override public List<Change> changes(long before, int limit) {
                return users.changes(before, limit).stream().map(c -> new Change(c.id(), c.login(), c.displayName(), c.change(), c.by(), c.at())).toList();
            }

            @Override public List<Change> changes(java.util.Collection<String> logins, String by, long before, int limit) {
                return users.changes(logins, by, before, limit).stream().map(c -> new Change(c.id(), c.login(), c.displayName(), c.change(), c.by(), c.at())).toList();
            }
        };
    }

    private static People.Person person(PgPlatformUsers.StoredPerson p) {
        return new People.Person(p.login(), p.displayName(), p.enabled(), p.administers(),
                p.roles().stream().map(r -> new People.HeldRole(r.account(), r.jurisdiction(), r.role())).toList(), p.addedBy(), p.addedByAdministers(), p.kind());
    }

    @Bean
    public ApiTokens apiTokens(DataSource ds) {
        PgApiTokens store = new PgApiTokens(ds);
        return new ApiTokens() {
            @Override public Token create(String login, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
                return token(store.create(login, name, tokenHash, createdAt, expiresAt));
            }

            @Override public Optional<Token> byHash(String tokenHash) { return store.byHash(tokenHash).map(SecurityWiring::token); }

            @Override public List<Token> of(String login) { return store.of(login).stream().map(SecurityWiring::token).toList(); }

            @Override public boolean revoke(long id, String login, Instant at) { return store.revoke(id, login, at); }
        };
    }

    private static ApiTokens.Token token(PgApiTokens.StoredToken t) {
        return new ApiTokens.Token(t.id(), t.login(), t.name(), t.createdAt(), t.expiresAt(), t.revokedAt());
    }

    @Bean
    public RefusalLog refusalLog(DataSource ds) {
        PgRefusals store = new PgRefusals(ds);
        return new RefusalLog() {
            @Override public void record(Instant at, String actor, String action, String target, String code, String detail) {
                store.record(at, actor, action, target, code, detail);
            }

            @Override public List<Refusal> find(Query q, long before, int limit) {
                return store.find(new PgRefusals.Query(q.actor(), q.code(), q.actions(), q.from(), q.to(), q.signedInOnly()), before, limit).stream()
                        .map(r -> new Refusal(r.id(), r.at(), r.actor(), r.action(), r.target(), r.code(), r.detail())).toList();
            }

            @Override public List<Instant> times(String actor, String code, Instant since, int limit) {
                return store.times(actor, code, since, limit);
            }
        };
    }

    /**
     * The CLI's journal verification ({@link JournalVerifier} through {@link JournalVerifications}), run from the pages and
     * the API; {@code openets.audit.journal-verification-cooldown} (default 60 s, 0 for none) is the least time between the
     * end of one run and the start of the next, as each reads the whole journal.
     */
    @Bean
    public JournalChecks journalChecks(DataSource ds, java.time.Clock clock,
                                       @org.springframework.beans.factory.annotation.Value("${openets.audit.journal-verification-cooldown:60s}") java.time.Duration cooldown) {
        JournalVerifications store = new JournalVerifications(ds, clock, cooldown);
        return new JournalChecks() {
            @Override public Optional<Run> run(String by) {
                try {
                    return store.run(by).map(SecurityWiring::run);
                } catch (JournalVerifications.TooSoon e) {
                    throw new JournalChecks.TooSoon(e.waitFor(), e.cooldown());
                }
            }

            @Override public List<Run> recent(int limit) { return store.recent(limit).stream().map(SecurityWiring::run).toList(); }
        };
    }

    private static JournalChecks.Run run(JournalVerifications.Run r) {
        return new JournalChecks.Run(r.id(), r.by(), r.startedAt(), r.millis(), r.entries(), r.headHash(), r.problemCount(),
                r.problems().stream().map(p -> new JournalChecks.Problem(p.seq(), p.code(), p.detail())).toList());
    }

    @Bean
    public UnitTypes unitTypes(RegistryReadModel registry) {
        return () -> registry.unitTypes().stream().map(u -> new UnitTypes.Entry(u.unitType(), u.nameZh(), u.nameEn())).toList();
    }
}
