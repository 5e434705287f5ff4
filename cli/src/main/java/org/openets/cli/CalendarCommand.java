package org.openets.cli;

import org.openets.kernel.ActorId;
import org.openets.store.Database;
import org.openets.store.PgCalendar;
import org.openets.store.PgRegistryReadModel;
import org.openets.store.security.PgRefusals;
import org.openets.workflows.registry.Calendars;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A jurisdiction's calendar of public holidays and make-up workdays: list a year, and enter a year's State Council
 * notice from a file of lines "YYYY-MM-DD&lt;TAB&gt;HOLIDAY|MAKE_UP_WORKDAY&lt;TAB&gt;note", all or nothing, with the same
 * rules as the pages and the API (Calendars): days after today in the jurisdiction only, a make-up workday on a
 * Saturday or Sunday, a day entered once. The operator acts as an administrator of the jurisdiction ({@code --as},
 * recorded as who changed it, route CLI); a refusal of authority is recorded in the refusal log. Exit codes: 0 done,
 * 1 refused (every refused line on stderr, nothing written), 2 could not run (usage, an unreadable file, no database).
 */
@Command(name = "calendar", description = "A jurisdiction's public holidays and make-up workdays: list a year; import a year's notice (all lines or none).",
        subcommands = {CalendarCommand.List.class, CalendarCommand.Import.class})
final class CalendarCommand implements Runnable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    static final class Refused extends RuntimeException {
        Refused(String message) { super(message); }
    }

    abstract static class Base implements Callable<Integer> {
        @Mixin DatabaseOptions db;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--jurisdiction", required = true, description = "e.g. CN, GD") String jurisdiction;

        abstract String name();

        /** What is checked before the database is opened (a file's lines). */
        void prepare() { }

        abstract void run(Database d, String j, PrintWriter out);

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            String j = jurisdiction.strip().toUpperCase(Locale.ROOT);
            try {
                prepare();
            } catch (Refused e) {
                err.println("calendar " + name() + ": " + e.getMessage() + "; nothing written");
                return 1;
            }
            try (Database d = Database.open(db.url, db.user, db.password, 2)) {
                try {
                    if (new PgCalendar(d.dataSource()).zone(j).isEmpty()) throw new Refused("UNKNOWN_JURISDICTION: no jurisdiction " + j);
                    run(d, j, out);
                } catch (Refused e) {
                    err.println("calendar " + name() + ": " + e.getMessage() + "; nothing written");
                    return 1;
                }
                out.flush();
                return 0;
            } catch (RuntimeException e) {
                Throwable c = e;
                while (c.getCause() != null) c = c.getCause();
                err.println("calendar " + name() + ": cannot use the registry database at " + db.url + ": " + c.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "list", description = "The holidays and make-up workdays of one year; says when the year has none.", exitCodeOnExecutionException = 2)
    static final class List extends Base {
        @Option(names = "--year", required = true, description = "a year from 2000 to 2100") int year;

        @Override String name() { return "list"; }

        @Override void run(Database d, String j, PrintWriter out) {
            if (year < Calendars.FIRST_YEAR || year > Calendars.LAST_YEAR) throw new Refused("VALIDATION_FAILED: --year is a year from 2000 to 2100");
            java.util.List<Calendars.Day> days = new PgCalendar(d.dataSource()).days(j, year);
            if (days.isEmpty()) {
                out.printf("%s %d has no public holidays entered: delays count every weekday as a business day%n", j, year);
                return;
            }
            for (Calendars.Day x : days)
                out.printf("%s\t%s\t%s\t%s%n", x.day(), x.day().getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH), x.kind(), x.note() == null ? "" : x.note());
        }
    }

    @Command(name = "import", description = "Enter a year's notice from a file of lines YYYY-MM-DD<TAB>HOLIDAY|MAKE_UP_WORKDAY<TAB>note (UTF-8; # comments), all or none, "
            + "the operator acting as an administrator of the jurisdiction (recorded, route CLI).", exitCodeOnExecutionException = 2)
    static final class Import extends Base {
        @Option(names = "--file", required = true, description = "the lines, UTF-8") Path file;
        @Option(names = "--as", required = true, description = "the login of the jurisdiction's administrator the operator acts as (recorded as who changed it)") String as;
        private Calendars.Parsed parsed;

        @Override String name() { return "import"; }

        @Override void prepare() {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CommandLine.ExecutionException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage(), e);
            }
            parsed = Calendars.parse(text);
            if (!parsed.errors().isEmpty()) throw new Refused(lines(parsed.errors()));
        }

        @Override void run(Database d, String j, PrintWriter out) {
            String login = as.strip();
            if (!UsersCommand.LOGIN.matcher(login).matches()) throw new Refused("VALIDATION_FAILED: --as is a login (letters, digits, . _ -)");
            if (!new PgRegistryReadModel(d.dataSource()).administeredJurisdictions(ActorId.of(login)).contains(j)) {
                String detail = login + " may not change the calendar of " + j + ": its administrators do";
                new PgRefusals(d.dataSource()).record(Instant.now(), login, "SET calendar", j, "NOT_AUTHORISED", detail + " (openets calendar import)");
                throw new Refused("NOT_AUTHORISED: " + detail);
            }
            Calendars.Outcome o = new PgCalendar(d.dataSource()).apply(j, parsed.entries(), login, "CLI", Instant.now());
            if (o.refused()) throw new Refused(lines(o.errors()));
            out.printf("%s: %d day(s) entered, %d already there unchanged, by %s (today there: %s)%n", j, o.written().size(),
                    parsed.entries().size() - o.written().size(), login, o.today());
        }

        private String lines(java.util.List<Calendars.Error> errors) {
            StringBuilder b = new StringBuilder(errors.size() + " line(s) refused in " + file + ":");
            for (Calendars.Error e : errors) b.append(System.lineSeparator()).append("  ").append(e.line() > 0 ? "line " + e.line() + ": " : "").append(e.code()).append(": ").append(e.detail());
            return b.toString();
        }
    }
}
