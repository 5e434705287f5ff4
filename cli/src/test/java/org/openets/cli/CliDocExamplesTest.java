package org.openets.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openets.allocation.Ruleset;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every {@code ```console} example of docs/reference/cli.md, run as written: from the repository's root, as its own
 * process ({@code bin/openets} is this module's {@code main} on this classpath), on the files the repository ships. Each
 * line shown must come out, in order ({@code ...} and {@code …} stand for text left out: a line of only that skips
 * lines, inside a line it skips characters), and the exit code must be the one a following {@code $ echo $?} shows, 0
 * when none does.
 */
class CliDocExamplesTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path DOC = ROOT.resolve("docs/reference/cli.md");
    static final Pattern ELISION = Pattern.compile("\\.\\.\\.|…");

    record Example(int line, String command, List<String> shown, int exit) {
        @Override public String toString() { return "cli.md line " + line + ": $ " + command; }
    }

    /** The examples: each {@code $ bin/openets …} line of a console block, the lines after it, and its {@code $ echo $?}. */
    static List<Example> examples(List<String> doc) {
        List<Example> found = new ArrayList<>();
        boolean console = false;
        int start = 0;
        String command = null;
        List<String> shown = new ArrayList<>();
        Integer exit = null;
        for (int i = 0; i < doc.size(); i++) {
            String l = doc.get(i);
            if (!console) {
                if (l.equals("```console")) console = true;
                continue;
            }
            boolean end = l.equals("```");
            if (end || l.startsWith("$ bin/openets ")) {
                if (command != null) found.add(new Example(start, command, List.copyOf(shown), exit == null ? 0 : exit));
                command = null;
                shown.clear();
                exit = null;
                if (end) {
                    console = false;
                    continue;
                }
                command = l.substring(2);
                start = i + 1;
            } else if (l.equals("$ echo $?")) {
                if (command == null || i + 1 >= doc.size()) throw new AssertionError("cli.md line " + (i + 1) + ": echo $? without a command before it");
                exit = Integer.parseInt(doc.get(++i).strip());
            } else if (l.startsWith("$")) {
                throw new AssertionError("cli.md line " + (i + 1) + ": a console example runs bin/openets (and echo $?), not: " + l);
            } else {
                if (command == null) throw new AssertionError("cli.md line " + (i + 1) + ": output before a command");
                shown.add(l);
            }
        }
        if (console) throw new AssertionError("cli.md: a console block is not closed");
        return found;
    }

    /** A shell command line's words: spaces separate them, except inside single or double quotes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean in = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
                else w.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                in = true;
            } else if (c == ' ') {
                if (in) words.add(w.toString());
                w.setLength(0);
                in = false;
            } else {
                w.append(c);
                in = true;
            }
        }
        if (quote != 0) throw new AssertionError("unclosed quote: " + line);
        if (in) words.add(w.toString());
        return words;
    }

    /** An actual line matches a shown one exactly, or, where the shown one leaves text out, holds its parts in order. */
    static boolean matches(String actual, String shown) {
        if (!ELISION.matcher(shown).find()) return actual.equals(shown);
        String[] parts = ELISION.split(shown, -1);
        if (!actual.startsWith(parts[0]) || !actual.endsWith(parts[parts.length - 1])) return false;
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int k = actual.indexOf(parts[i], at);
            if (k < 0) return false;
            at = k + parts[i].length();
        }
        return at <= actual.length() - parts[parts.length - 1].length();
    }

    /** The shown lines, in order, among the actual ones; the first that is not there, or null. */
    static String missing(List<String> actual, List<String> shown) {
        int at = 0;
        for (String s : shown) {
            String line = s.stripTrailing();
            if (line.isEmpty() || ELISION.matcher(line.strip()).replaceAll("").isEmpty()) continue;
            int i = at;
            while (i < actual.size() && !matches(actual.get(i).stripTrailing(), line)) i++;
            if (i == actual.size()) return s;
            at = i + 1;
        }
        return null;
    }

    static String classpath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator))
            if (!e.isEmpty()) entries.add(Path.of(e).toAbsolutePath().toString());
        return String.join(File.pathSeparator, entries);
    }

    record Ran(int exit, List<String> out) { }

    /** {@code bin/openets ARGS} from the repository's root: stdout's lines, then stderr's. */
    static Ran run(List<String> args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cli-doc", ".out"), err = Files.createTempFile("cli-doc", ".err");
        try {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-cp", classpath(), OpenEts.class.getName()));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close(); // standard input at its end
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("did not finish in 120 s: " + args);
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(out, StandardCharsets.UTF_8));
            // a CSV's byte-order mark (cli.md says it is there) cannot be shown in the doc: its lines are compared without it
            if (!lines.isEmpty() && lines.getFirst().startsWith("\uFEFF")) lines.set(0, lines.getFirst().substring(1));
            lines.addAll(Files.readAllLines(err, StandardCharsets.UTF_8));
            return new Ran(p.exitValue(), lines);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @TestFactory Stream<DynamicTest> everyConsoleExampleOfCliMdRunsAsShown() throws IOException {
        List<Example> examples = examples(Files.readAllLines(DOC, StandardCharsets.UTF_8));
        // the examples of emissions compute (text, csv, problems) and allocate (text, trace, csv, what-if, comparison, problems)
        assertThat(examples).as("console examples in cli.md").hasSizeGreaterThanOrEqualTo(11);
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> {
            List<String> words = words(e.command());
            assertThat(words.getFirst()).isEqualTo("bin/openets");
            Ran r = run(words.subList(1, words.size()));
            String output = String.join("\n", r.out());
            assertThat(r.exit()).as("exit code of %s; it printed:%n%s", e, output).isEqualTo(e.exit());
            String missing = missing(r.out(), e.shown());
            if (missing != null) fail("%s: the doc shows%n%s%nwhich it did not print; it printed:%n%s", e, missing, output);
        }));
    }

    @Test void theMatchingLeavesOutOnlyWhatTheDocSaysItLeavesOut() {
        assertThat(matches("a b c", "a b c")).isTrue();
        assertThat(matches("a b c d", "a b c")).isFalse();
        assertThat(matches("a b c d", "a …")).isTrue();
        assertThat(matches("x a b", "a …")).isFalse();
        assertThat(matches("a;b;c;d", "a;…;d")).isTrue();
        assertThat(matches("a;b;c;e", "a;…;d")).isFalse();
        assertThat(matches("(x) and (y)", "(...) and (...)")).isTrue();
        assertThat(matches("aa", "a...a")).isTrue();
        assertThat(matches("a", "a...a")).isFalse();
        assertThat(missing(List.of("1", "2", "3"), List.of("1", "...", "3"))).isNull();
        assertThat(missing(List.of("1", "2", "3"), List.of("3", "1"))).isEqualTo("1");
        assertThat(words("bin/openets a \"b c\" 'd e' f")).containsExactly("bin/openets", "a", "b c", "d e", "f");
    }

    /** The example rulesets are the bundled ones with the one change the doc names, so they follow the bundled ones. */
    @Test void theShippedExampleRulesetsAreTheBundledOnesWithTheChangeTheDocNames() throws IOException {
        Path examples = ROOT.resolve("docs/examples/allocation");
        assertThat(Files.readString(examples.resolve("CN-POWER-2017-DRAFT-configured.tsv"), StandardCharsets.UTF_8))
                .isEqualTo(bundled("CN-POWER-2017-DRAFT").replace("fuel-heat-value.factor\tUSC_1000\tUNKNOWN\t", "fuel-heat-value.factor\tUSC_1000\t1\t"))
                .isNotEqualTo(bundled("CN-POWER-2017-DRAFT"));
        assertThat(Files.readString(examples.resolve("no-gas-benchmark.tsv"), StandardCharsets.UTF_8))
                .isEqualTo(bundled("CN-POWER-2019-2020").replaceAll("(?m)^benchmark\tGAS\t.*\n", ""))
                .isNotEqualTo(bundled("CN-POWER-2019-2020"));
    }

    static String bundled(String id) throws IOException {
        try (InputStream in = Ruleset.class.getResourceAsStream("rulesets/" + id + ".tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
