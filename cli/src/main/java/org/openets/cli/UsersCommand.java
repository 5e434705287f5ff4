package org.openets.cli;

import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.store.Database;
import org.openets.store.PgRegistryAdministration;
import org.openets.store.security.PgPlatformUsers;
import org.mindrot.jbcrypt.BCrypt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * The platform operator's sign-ins: people and auditors, and who administers which jurisdiction. Passwords are read
 * from a file or standard input (never from the command line, where other users of the machine could see them) and
 * stored only as a bcrypt hash in the form the server checks; the database's own password is {@code --db-password}
 * ({@link DatabaseOptions}). Exit codes ({@link OpenEts}): 0 done, 1 refused (the reason on stderr, nothing written),
 * 2 could not run (e.g. the database unreachable) or usage error.
 */
@Command(name = "users", description = "Sign-ins: add a person or auditor, set a password, disable.",
        subcommands = {UsersCommand.Add.class, UsersCommand.Passwd.class, UsersCommand.Disable.class})
final class UsersCommand {
    static final int MIN_PASSWORD = 12;
    /** The same rule as the {@code platform_user.login} check. */
    static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A refusal: printed on stderr, exit {@link OpenEts#REFUSED}. */
    static final class Refused extends RuntimeException {
        Refused(String message) { super(message); }
    }

    abstract static class Base implements Callable<Integer> {
        @Mixin DatabaseOptions db;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--login", required = true, description = "the sign-in name (letters, digits, . _ -; at most 64)") String login;

        abstract String name();

        abstract void run(Database d, PrintWriter out);

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            try {
                if (!LOGIN.matcher(login).matches()) throw new Refused("login must be letters, digits, . _ - (at most 64), starting with a letter or digit");
                try (Database d = Database.open(db.url, db.user, db.password, 2)) {
                    run(d, out);
                }
                out.flush();
                return OpenEts.DONE;
            } catch (Refused e) {
                err.println("users " + name() + ": " + e.getMessage() + "; nothing written");
                return OpenEts.REFUSED;
            } catch (RuntimeException e) {
                Throwable t = e;
                while (t.getCause() != null) t = t.getCause();
                err.println("users " + name() + ": cannot use the registry database at " + db.url + ": " + t.getMessage());
                return OpenEts.COULD_NOT_RUN;
            }
        }

        /** The new password: the first line of {@code file}, or of standard input; checked, then hashed. */
        String passwordHash(Path file) {
            String pw;
            try {
                pw = file != null ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("")
                        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new Refused("cannot read the password: " + e.getMessage());
            }
            if (pw == null || pw.length() < MIN_PASSWORD) throw new Refused("a password has at least " + MIN_PASSWORD + " characters");
            if (pw.equalsIgnoreCase(login)) throw new Refused("the password may not be the login");
            if (pw.strip().codePoints().distinct().count() < 5) throw new Refused("a password has at least 5 different characters, not counting spaces at its ends");
            // the server's DelegatingPasswordEncoder form: {bcrypt} and a $2a$ hash, cost 10 as its BCryptPasswordEncoder uses
            return "{bcrypt}" + BCrypt.hashpw(pw, BCrypt.gensalt(10));
        }
    }

    @Command(name = "add", description = {"Add a person (or, with --auditor, an auditor); --administers makes a person a registry administrator of those jurisdictions.",
            "The new sign-in's password is the first line of --password-file, else of standard input; never an option. "
                    + "It has at least " + MIN_PASSWORD + " characters, at least 5 different ones, and is not the login. --db-password is the database's password, not this one."},
            exitCodeOnExecutionException = 2)
    static final class Add extends Base {
        @Option(names = "--name", required = true, description = "the name pages show (e.g. 广东省生态环境厅 张三)") String displayName;
        @Option(names = "--auditor", description = "an auditor (reads everything, changes nothing)") boolean auditor;
        @Option(names = "--administers", split = ",", description = "jurisdiction codes this person administers, e.g. CN,GD") List<String> administers = new ArrayList<>();
        @Option(names = "--password-file", paramLabel = "FILE", description = "the sign-in's new password: the first line of this file (default: the first line of standard input)") Path passwordFile;
        @Option(names = "--permanent", description = "the password stays: the person is not asked to choose their own at the first sign-in (for a sign-in no person types, e.g. an automated client)") boolean permanent;

        @Override String name() { return "add"; }

        @Override void run(Database d, PrintWriter out) {
            String shown = displayName == null ? "" : displayName.strip();
            if (shown.isEmpty() || shown.length() > 200) throw new Refused("--name is 1 to 200 characters");
            if (auditor && !administers.isEmpty()) throw new Refused("an auditor administers nothing");
            List<Jurisdiction> jurisdictions = new ArrayList<>();
            for (String j : administers) {
                String code = j.strip().toUpperCase(java.util.Locale.ROOT);
                if (!known(d, code)) throw new Refused("no jurisdiction " + code);
                jurisdictions.add(Jurisdiction.of(code));
            }
            String hash = passwordHash(passwordFile);
            PgPlatformUsers users = new PgPlatformUsers(d.dataSource());
            // the operator knows the password: the person chooses their own at the first sign-in, unless it is to stay
            if (users.loginTaken(login) || !users.add(login, hash, shown, auditor ? "AUDITOR" : "PERSON", null, !permanent))
                throw new Refused(login + " exists, whatever the letters' case (use 'users passwd' to set a new password)");
            PgRegistryAdministration admin = new PgRegistryAdministration(d.dataSource());
            for (Jurisdiction j : jurisdictions) admin.addAdministrator(ActorId.of(login), j);
            out.printf("added %s (%s)%s%s%n", login, auditor ? "auditor" : "person",
                    jurisdictions.isEmpty() ? "" : ", administers " + String.join(",", jurisdictions.stream().map(Jurisdiction::code).toList()),
                    permanent ? "" : "; they choose their own password at their first sign-in");
        }

        private static boolean known(Database d, String code) {
            try (var c = d.dataSource().getConnection(); var ps = c.prepareStatement("SELECT 1 FROM jurisdiction WHERE code = ?")) {
                ps.setString(1, code);
                try (var rs = ps.executeQuery()) { return rs.next(); }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Command(name = "passwd", description = {"Set a new password (and enable the sign-in again).",
            "The new password is the first line of --password-file, else of standard input; never an option. --db-password is the database's password, not this one."},
            exitCodeOnExecutionException = 2)
    static final class Passwd extends Base {
        @Option(names = "--password-file", paramLabel = "FILE", description = "the sign-in's new password: the first line of this file (default: the first line of standard input)") Path passwordFile;
        @Option(names = "--permanent", description = "the password stays: the person is not asked to choose their own at the next sign-in") boolean permanent;

        @Override String name() { return "passwd"; }

        @Override void run(Database d, PrintWriter out) {
            String hash = passwordHash(passwordFile);
            if (!new PgPlatformUsers(d.dataSource()).setPassword(login, hash, null, !permanent)) throw new Refused("no sign-in " + login);
            out.printf("password of %s set%s%n", login, permanent ? "" : "; they choose their own at their next sign-in");
        }
    }

    @Command(name = "disable", description = "Disable a sign-in: no password sign-in, and its API tokens stop working. A sign-in disabled already is refused.",
            exitCodeOnExecutionException = 2)
    static final class Disable extends Base {
        @Override String name() { return "disable"; }

        @Override void run(Database d, PrintWriter out) {
            switch (new PgPlatformUsers(d.dataSource()).disableEnabled(login, null)) {
                case UNKNOWN_LOGIN -> throw new Refused("no sign-in " + login);
                case ALREADY_DISABLED -> throw new Refused("ALREADY_DISABLED: " + login + " is disabled already ('users passwd' enables it again with a new password)");
                case DISABLED -> out.printf("%s disabled%n", login);
            }
        }
    }
}
