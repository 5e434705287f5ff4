package org.openets.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openets.cli.CliTesting.Run;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.store.PgCalendar;
import org.openets.store.PgRegistryAdministration;
import org.openets.store.TestDatabases;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code openets calendar}: a year's notice entered all or nothing, with line-numbered refusals; the list; the operator acts as an administrator. */
class CalendarCommandTest {
    @TempDir Path dir;

    @Test void aNoticeIsEnteredAllOrNothingAndListedAndRecorded() throws Exception {
        int y = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + 2;
        LocalDate newYear = LocalDate.of(y, 1, 1), saturday = LocalDate.of(y, 2, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)),
                monday = saturday.plusDays(2);
        try (TestDatabases.TestDatabase db = TestDatabases.create(TestDatabases.Target.SERVICE)) {
            PgRegistryAdministration admin = new PgRegistryAdministration(db.dataSource());
            admin.addAdministrator(ActorId.of("a1"), Jurisdiction.of("CN"));
            admin.addAdministrator(ActorId.of("g1"), Jurisdiction.of("GD"));

            Run empty = CliTesting.run("calendar", "list", "--url", db.url(), "--jurisdiction", "cn", "--year", String.valueOf(y));
            assertThat(empty.exit()).as(empty.err()).isZero();
            assertThat(empty.out()).contains("CN " + y + " has no public holidays entered");

            // one bad line (a make-up workday on a Monday): nothing is written, the line is named
            Path bad = CliTesting.write(dir, "bad.tsv", "# notice\n" + newYear + "\tHOLIDAY\t元旦\n" + monday + "\tMAKE_UP_WORKDAY\t春节调休\n");
            Run refused = CliTesting.run("calendar", "import", "--url", db.url(), "--jurisdiction", "CN", "--file", bad.toString(), "--as", "a1");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("line 3: CALENDAR_MAKE_UP_NOT_WEEKEND").contains("nothing written");
            assertThat(new PgCalendar(db.dataSource()).days("CN", y)).isEmpty();

            // an administrator of another jurisdiction: refused and recorded
            Path good = CliTesting.write(dir, "good.tsv", newYear + "\tHOLIDAY\t元旦\n" + saturday + "\tmake_up_workday\t春节调休\n");
            Run other = CliTesting.run("calendar", "import", "--url", db.url(), "--jurisdiction", "CN", "--file", good.toString(), "--as", "g1");
            assertThat(other.exit()).isEqualTo(1);
            assertThat(other.err()).contains("NOT_AUTHORISED");
            try (Connection c = db.dataSource().getConnection(); var rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM refusal WHERE actor = 'g1' AND action = 'SET calendar' AND code = 'NOT_AUTHORISED'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }

            Run done = CliTesting.run("calendar", "import", "--url", db.url(), "--jurisdiction", "CN", "--file", good.toString(), "--as", "a1");
            assertThat(done.exit()).as(done.err()).isZero();
            assertThat(done.out()).contains("CN: 2 day(s) entered, 0 already there unchanged, by a1");
            Run again = CliTesting.run("calendar", "import", "--url", db.url(), "--jurisdiction", "CN", "--file", good.toString(), "--as", "a1");
            assertThat(again.out()).contains("0 day(s) entered, 2 already there unchanged");

            Run list = CliTesting.run("calendar", "list", "--url", db.url(), "--jurisdiction", "CN", "--year", String.valueOf(y));
            assertThat(list.out()).contains(newYear + "\t").contains("HOLIDAY\t元旦").contains(saturday + "\tSat\tMAKE_UP_WORKDAY\t春节调休");
            assertThat(new PgCalendar(db.dataSource()).changes("CN", 10)).hasSize(2)
                    .allSatisfy(c -> assertThat(c.changedBy()).isEqualTo("a1"))
                    .allSatisfy(c -> assertThat(c.route()).isEqualTo("CLI"));
            // the history is append-only
            try (Connection c = db.dataSource().getConnection()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM calendar_day_change"))
                        .hasMessageContaining("rows are only ever added");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE calendar_day_change SET note = 'x'"))
                        .hasMessageContaining("rows are only ever added");
            }
        }
    }

    @Test void aFileWithMistakesIsRefusedLineByLineBeforeTheDatabase() throws Exception {
        Path f = CliTesting.write(dir, "m.tsv", "2099-02-30\tHOLIDAY\tx\n\n2099-01-01\tWORKDAY\tx\n2099-01-02 HOLIDAY x\n");
        Run r = CliTesting.run("calendar", "import", "--url", "jdbc:postgresql://localhost:1/none", "--jurisdiction", "CN", "--file", f.toString(), "--as", "a1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("line 1: VALIDATION_FAILED: not a date").contains("line 3: VALIDATION_FAILED: the kind is HOLIDAY or MAKE_UP_WORKDAY, not WORKDAY")
                .contains("line 4: VALIDATION_FAILED");
        assertThat(CliTesting.run("calendar", "import", "--jurisdiction", "CN", "--as", "a1").exit()).isEqualTo(2);
        assertThat(CliTesting.run("calendar", "import", "--url", "jdbc:postgresql://localhost:1/none", "--jurisdiction", "CN", "--file", dir.resolve("none.tsv").toString(),
                "--as", "a1").exit()).isEqualTo(2);
    }
}
