package org.openets.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openets.cli.CliTesting.Run;
import org.openets.store.TestDatabases;
import org.mindrot.jbcrypt.BCrypt;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code openets users}: the operator's sign-ins, on the PostgreSQL service; every refusal writes nothing. */
class UsersCommandTest {
    /** The server checks a stored {@code {bcrypt}$2a$…} hash with bcrypt (ServerSignInWithCliHashTest shows it signs in). */
    static final class Encoder {
        boolean matches(String password, String stored) {
            return stored.startsWith("{bcrypt}") && BCrypt.checkpw(password, stored.substring("{bcrypt}".length()));
        }
    }

    static final Encoder ENCODER = new Encoder();

    static String one(TestDatabases.TestDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test void theOperatorAddsAnAdministratorSetsAPasswordAndDisablesASignIn(@TempDir Path dir) throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.create(TestDatabases.Target.SERVICE)) {
            Path pw = CliTesting.write(dir, "pw", "correct horse battery\n");
            Run added = CliTesting.run("users", "add", "--url", db.url(), "--login", "gd-admin-1", "--name", "广东省生态环境厅 张三",
                    "--administers", "gd,CN", "--password-file", pw.toString());
            assertThat(added.exit()).as(added.err()).isZero();
            assertThat(added.out()).contains("added gd-admin-1 (person), administers GD,CN");
            String hash = one(db, "SELECT password_hash FROM platform_user WHERE login = 'gd-admin-1'");
            assertThat(hash).startsWith("{bcrypt}").doesNotContain("correct horse");
            assertThat(ENCODER.matches("correct horse battery", hash)).isTrue();
            assertThat(one(db, "SELECT kind || ' ' || enabled || ' ' || display_name FROM platform_user WHERE login = 'gd-admin-1'"))
                    .isEqualTo("PERSON true 广东省生态环境厅 张三");
            assertThat(one(db, "SELECT string_agg(jurisdiction, ',' ORDER BY jurisdiction) FROM registry_administrator WHERE actor = 'gd-admin-1'")).isEqualTo("CN,GD");

            Run auditor = CliTesting.run("users", "add", "--url", db.url(), "--login", "auditor-2", "--name", "审计员", "--auditor", "--password-file", pw.toString());
            assertThat(auditor.exit()).as(auditor.err()).isZero();
            assertThat(one(db, "SELECT kind FROM platform_user WHERE login = 'auditor-2'")).isEqualTo("AUDITOR");
            // the operator knows these passwords: each person chooses their own at the first sign-in, unless it is to stay
            assertThat(added.out()).contains("they choose their own password at their first sign-in");
            assertThat(one(db, "SELECT string_agg(login || ' ' || password_change_required, ',' ORDER BY login) FROM platform_user WHERE login IN ('gd-admin-1', 'auditor-2')"))
                    .isEqualTo("auditor-2 true,gd-admin-1 true");
            Run kept = CliTesting.run("users", "add", "--url", db.url(), "--login", "client-1", "--name", "自动客户端", "--auditor", "--permanent", "--password-file", pw.toString());
            assertThat(kept.exit()).as(kept.err()).isZero();
            assertThat(kept.out()).doesNotContain("choose their own");
            assertThat(one(db, "SELECT password_change_required::text FROM platform_user WHERE login = 'client-1'")).isEqualTo("false");

            Path pw2 = CliTesting.write(dir, "pw2", "another long secret 2026\n");
            Run passwd = CliTesting.run("users", "passwd", "--url", db.url(), "--login", "gd-admin-1", "--password-file", pw2.toString());
            assertThat(passwd.exit()).as(passwd.err()).isZero();
            String changed = one(db, "SELECT password_hash FROM platform_user WHERE login = 'gd-admin-1'");
            assertThat(ENCODER.matches("another long secret 2026", changed)).isTrue();
            assertThat(ENCODER.matches("correct horse battery", changed)).isFalse();
            assertThat(one(db, "SELECT password_change_required::text FROM platform_user WHERE login = 'gd-admin-1'")).isEqualTo("true");
            assertThat(CliTesting.run("users", "passwd", "--url", db.url(), "--login", "gd-admin-1", "--permanent", "--password-file", pw2.toString()).exit()).isZero();
            assertThat(one(db, "SELECT password_change_required::text FROM platform_user WHERE login = 'gd-admin-1'")).isEqualTo("false");

            Run disabled = CliTesting.run("users", "disable", "--url", db.url(), "--login", "gd-admin-1");
            assertThat(disabled.exit()).as(disabled.err()).isZero();
            assertThat(one(db, "SELECT enabled::text FROM platform_user WHERE login = 'gd-admin-1'")).isEqualTo("false");
            // a new password enables the sign-in again
            assertThat(CliTesting.run("users", "passwd", "--url", db.url(), "--login", "gd-admin-1", "--password-file", pw.toString()).exit()).isZero();
            assertThat(one(db, "SELECT enabled::text FROM platform_user WHERE login = 'gd-admin-1'")).isEqualTo("true");
        }
    }

    @Test void disablingADisabledSignInIsRefusedAndWritesNoSecondHistoryRow(@TempDir Path dir) throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.create(TestDatabases.Target.SERVICE)) {
            Path pw = CliTesting.write(dir, "pw", "correct horse battery\n");
            assertThat(CliTesting.run("users", "add", "--url", db.url(), "--login", "p1", "--name", "P", "--password-file", pw.toString()).exit()).isZero();
            Run first = CliTesting.run("users", "disable", "--url", db.url(), "--login", "p1");
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains("p1 disabled");
            String history = "SELECT string_agg(change, ',' ORDER BY id) FROM person_change WHERE login = 'p1'";
            assertThat(one(db, history)).isEqualTo("ADDED,DISABLED");

            Run again = CliTesting.run("users", "disable", "--url", db.url(), "--login", "p1");
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.out()).isEmpty();
            assertThat(again.err()).contains("users disable: ALREADY_DISABLED: p1 is disabled already").contains("nothing written");
            assertThat(one(db, history)).isEqualTo("ADDED,DISABLED");
            assertThat(one(db, "SELECT enabled::text FROM platform_user WHERE login = 'p1'")).isEqualTo("false");
        }
    }

    @Test void whatCannotBeDoneIsRefusedWithExitOneAndWritesNothing(@TempDir Path dir) throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.create(TestDatabases.Target.SERVICE)) {
            Path pw = CliTesting.write(dir, "pw", "correct horse battery\n"), shortPw = CliTesting.write(dir, "short", "secret\n"),
                    same = CliTesting.write(dir, "same", "person-number-one\n");
            assertThat(CliTesting.run("users", "add", "--url", db.url(), "--login", "p1", "--name", "P", "--password-file", pw.toString()).exit()).isZero();
            String users = one(db, "SELECT count(*) FROM platform_user"), admins = one(db, "SELECT count(*) FROM registry_administrator");

            Run exists = CliTesting.run("users", "add", "--url", db.url(), "--login", "p1", "--name", "P", "--password-file", pw.toString());
            assertThat(exists.exit()).isEqualTo(1);
            assertThat(exists.err()).contains("p1 exists").contains("nothing written");
            Run tooShort = CliTesting.run("users", "add", "--url", db.url(), "--login", "p2", "--name", "P", "--password-file", shortPw.toString());
            assertThat(tooShort.exit()).isEqualTo(1);
            assertThat(tooShort.err()).contains("at least 12 characters");
            // one key held down is not a password; a login differing only in case is the same login
            Path trivial = CliTesting.write(dir, "trivial", "aaaaaaaaaaaaaa\n");
            Run held = CliTesting.run("users", "add", "--url", db.url(), "--login", "p4", "--name", "P", "--password-file", trivial.toString());
            assertThat(held.exit()).isEqualTo(1);
            assertThat(held.err()).contains("at least 5 different characters");
            Run upper = CliTesting.run("users", "add", "--url", db.url(), "--login", "P1", "--name", "P", "--password-file", pw.toString());
            assertThat(upper.exit()).isEqualTo(1);
            assertThat(upper.err()).contains("P1 exists");
            assertThat(CliTesting.run("users", "add", "--url", db.url(), "--login", "person-number-one", "--name", "P", "--password-file", same.toString()).exit())
                    .isEqualTo(1);
            assertThat(CliTesting.run("users", "add", "--url", db.url(), "--login", "bad login!", "--name", "P", "--password-file", pw.toString()).exit()).isEqualTo(1);
            Run unknown = CliTesting.run("users", "add", "--url", db.url(), "--login", "p3", "--name", "P", "--administers", "XX", "--password-file", pw.toString());
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).contains("no jurisdiction XX");
            assertThat(CliTesting.run("users", "add", "--url", db.url(), "--login", "p4", "--name", "P", "--auditor", "--administers", "CN",
                    "--password-file", pw.toString()).exit()).isEqualTo(1);
            assertThat(CliTesting.run("users", "passwd", "--url", db.url(), "--login", "nobody", "--password-file", pw.toString()).exit()).isEqualTo(1);
            assertThat(CliTesting.run("users", "disable", "--url", db.url(), "--login", "nobody").exit()).isEqualTo(1);

            assertThat(one(db, "SELECT count(*) FROM platform_user")).isEqualTo(users);
            assertThat(one(db, "SELECT count(*) FROM registry_administrator")).isEqualTo(admins);
        }
        Run unreachable = CliTesting.run("users", "disable", "--url", "jdbc:postgresql://127.0.0.1:1/none", "--login", "p1");
        assertThat(unreachable.exit()).isEqualTo(2);
        assertThat(unreachable.err()).contains("cannot use the registry database");
    }
}
