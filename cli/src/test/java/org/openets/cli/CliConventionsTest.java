package org.openets.cli;

import org.junit.jupiter.api.Test;
import org.openets.cli.CliTesting.Run;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every command shares (docs/reference/cli.md, Exit codes): {@code -h}/{@code --help} prints the usage and exits
 * 0; a usage error exits 2 with the usage on stderr; a command that groups subcommands, run without one, is a usage
 * error; the database password is {@code --db-password}.
 */
class CliConventionsTest {

    /** Every command's words: "serve", "journal", "journal verify", … */
    static List<List<String>> commands(CommandLine cl, List<String> path) {
        List<List<String>> all = new ArrayList<>();
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> words = new ArrayList<>(path);
            words.add(e.getKey());
            all.add(words);
            all.addAll(commands(e.getValue(), words));
        }
        return all;
    }

    static List<List<String>> commands() { return commands(OpenEts.commandLine(), List.of()); }

    static String[] args(List<String> command, String... more) {
        List<String> a = new ArrayList<>(command);
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test void everyCommandAndSubcommandTakesHelpPrintsItsUsageAndExitsZero() {
        List<List<String>> commands = commands();
        assertThat(commands).extracting(c -> String.join(" ", c)).contains("serve", "journal", "journal verify", "users", "users add", "users passwd",
                "users disable", "caps", "caps list", "caps set", "emissions", "emissions compute", "allocate");
        List<List<String>> withTop = new ArrayList<>(commands);
        withTop.add(List.of());
        for (List<String> c : withTop)
            for (String help : List.of("--help", "-h")) {
                Run r = CliTesting.run(args(c, help));
                String name = String.join(" ", args(List.of("openets"), c.toArray(String[]::new)));
                assertThat(r.exit()).as("%s %s: %s", name, help, r.err()).isZero();
                assertThat(r.out()).as("%s %s", name, help).startsWith("Usage: " + name);
                assertThat(r.err()).as("%s %s", name, help).isEmpty();
            }
    }

    @Test void aGroupWithoutItsSubcommandIsAUsageError() {
        for (List<String> c : commands()) {
            CommandLine cl = OpenEts.commandLine();
            for (String w : c) cl = cl.getSubcommands().get(w);
            if (cl.getSubcommands().isEmpty()) continue;
            Run r = CliTesting.run(c.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", c)).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("Missing required subcommand").contains("Usage: openets " + String.join(" ", c));
        }
        Run top = CliTesting.run();
        assertThat(top.exit()).isEqualTo(2);
        assertThat(top.err()).contains("Missing required subcommand: 'openets' needs one of serve, journal, emissions, allocate, users, caps");
    }

    @Test void usageErrorsExitTwoInEveryCommand() {
        for (List<String> c : commands()) {
            Run r = CliTesting.run(args(c, "--no-such-option"));
            assertThat(r.exit()).as(String.join(" ", c)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", c)).contains("Usage: openets " + String.join(" ", c));
        }
        String[][] usage = {
                {"caps", "set", "--unit-type", "CEA", "--vintage", "abc", "--quantity", "10", "--source", "x", "--as", "a1"},
                {"caps", "set", "--unit-type", "CEA"},
                {"users", "add", "--name", "P"},
                {"users", "disable"},
                {"journal", "verify", "extra"},
                {"emissions", "compute"},
                {"emissions", "compute", "src/test/resources/emissions/example-2022.csv", "--format", "xml"},
                {"allocate", "--ruleset", "CN-POWER-2019-2020", "--year", "abc", "src/test/resources/allocation/population-2019.csv"},
                {"allocate", "--year", "2019", "src/test/resources/allocation/population-2019.csv"},
                {"serve", "--port", "abc", "--dry-run"},
                {"serve", "--dry-run", "not-a-property"}};
        for (String[] a : usage) {
            Run r = CliTesting.run(a);
            assertThat(r.exit()).as(String.join(" ", a) + ": " + r.err()).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", a)).isEmpty();
        }
    }

    @Test void theDatabasePasswordIsDbPasswordAndTheOldNameSaysSo() {
        Run users = CliTesting.run("users", "add", "--login", "p1", "--name", "P", "--password", "correct horse battery");
        assertThat(users.exit()).isEqualTo(2);
        assertThat(users.err()).contains("--password is not an option: the database password is --db-password")
                .contains("the person's password is never an option: it is the first line of --password-file, else of standard input")
                .doesNotContain("correct horse battery");
        Run journal = CliTesting.run("journal", "verify", "--url", "jdbc:postgresql://127.0.0.1:1/none", "--password", "secret");
        assertThat(journal.exit()).isEqualTo(2);
        assertThat(journal.err()).contains("--password is not an option: the database password is --db-password").doesNotContain("--password-file");
        assertThat(CliTesting.run("caps", "list", "--password", "secret").err()).contains("the database password is --db-password");

        // --db-password is taken (the database is unreachable here: the command runs and says so)
        Run db = CliTesting.run("journal", "verify", "--url", "jdbc:postgresql://127.0.0.1:1/none", "--db-password", "secret");
        assertThat(db.exit()).isEqualTo(2);
        assertThat(db.err()).contains("cannot read the registry database").doesNotContain("Unknown option");

        Run help = CliTesting.run("users", "add", "--help");
        assertThat(help.out()).contains("The new sign-in's password is the first line of --password-file, else of")
                .contains("--db-password=P").contains("the registry database's password, not a person's");
    }

    @Test void thePricesHelpOfAllocateIsWhole() {
        Run r = CliTesting.run("allocate", "--help");
        String flat = r.out().replaceAll("\\s+", " ");
        assertThat(flat).contains("with --what-if: prices in fen per tonne (4000 = 40.00 CNY/t), comma-separated; the cost of each gap is shown at each price, in yuan");
    }
}
