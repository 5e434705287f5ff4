package org.openets.cli;

import org.openets.cli.emissions.EmissionsFile;
import org.openets.cli.emissions.EmissionsRun;
import org.openets.cli.emissions.ReportFormat;
import org.openets.emissions.Ruleset;
import org.openets.emissions.RulesetFormatException;
import org.openets.kernel.Jurisdiction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "emissions", description = "Emissions accounting (MRV): compute annual reports' emissions with their trace.",
        subcommands = EmissionsCommand.Compute.class)
final class EmissionsCommand {

    /** Exit codes ({@link OpenEts}): 0 computed and written; 1 problems in the input or the ruleset (listed on stderr, nothing written); 2 usage or I/O error. */
    @Command(name = "compute", sortOptions = false,
            description = {"Read a file of covered entities, installations and monthly sheets (docs/reference/cli.md), check every cell, compute each "
                    + "entity-year's emissions with the jurisdiction's ruleset, and print them per entity and installation.",
                    "Exit codes: 0 done; 1 problems in the input or the ruleset (each with its row and field on stderr; nothing is written); 2 usage or I/O error."})
    static final class Compute implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "the input file (UTF-8 CSV sections); - reads standard input")
        String file;

        @Option(names = "--jurisdiction", defaultValue = "CN", paramLabel = "CODE", description = "jurisdiction of the entities and ruleset (default ${DEFAULT-VALUE})")
        String jurisdiction;

        @Option(names = "--rules", paramLabel = "TSV", description = "a ruleset file to use instead of the bundled one (format: docs/reference/emissions-accounting.md §3)")
        Path rules;

        @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|csv", converter = FormatConverter.class,
                description = "output format (default ${DEFAULT-VALUE})")
        ReportFormat format;

        @Option(names = "--trace", description = "with each report, its trace: every line of the computation, the defaults and fills applied, the ruleset rows used ([U] = unconfirmed)")
        boolean trace;

        @Option(names = {"-o", "--output"}, paramLabel = "F", description = "write to F (replaced only when the whole input is good) instead of standard output")
        Path output;

        @Option(names = "--threads", paramLabel = "N", description = "reports computed in parallel (default: the number of processors)")
        Integer threads;

        @Option(names = "--timing", hidden = true, description = "print the time of each phase to stderr (for benchmarks)")
        boolean timing;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            long started = System.nanoTime();
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            Jurisdiction j;
            try {
                j = Jurisdiction.of(jurisdiction);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--jurisdiction: " + e.getMessage());
            }
            if (threads != null && threads < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
            Ruleset ruleset;
            try {
                ruleset = rules == null ? Ruleset.bundled(j) : Ruleset.parse(j, rules.getFileName().toString(), Files.readString(rules, StandardCharsets.UTF_8));
            } catch (RulesetFormatException e) {
                err.println("emissions compute: the ruleset " + rules + " has problems; nothing written:");
                for (String p : e.problems()) err.println("  " + p);
                return OpenEts.REFUSED;
            } catch (IllegalArgumentException e) {
                err.println("emissions compute: " + e.getMessage() + " (give one with --rules)");
                return OpenEts.COULD_NOT_RUN;
            } catch (IOException | UncheckedIOException e) {
                err.println("emissions compute: cannot read the ruleset " + rules + ": " + OutputFiles.describe(e));
                return OpenEts.COULD_NOT_RUN;
            }
            long readStart = System.nanoTime();
            try {
                EmissionsFile input;
                String name = file.equals("-") ? "<stdin>" : Path.of(file).getFileName().toString();
                try (InputStream in = file.equals("-") ? new java.io.FilterInputStream(System.in) {
                    @Override public void close() {} // standard input stays open
                } : Files.newInputStream(Path.of(file))) {
                    input = EmissionsFile.read(in, name, j);
                }
                long read = System.nanoTime();
                int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
                EmissionsRun.Result result = new EmissionsRun(input, ruleset, format, trace, n).run(output, out);
                if (timing)
                    err.printf("emissions compute timing: JVM start to command %d ms, ruleset %d ms, read %d lines %d ms, check + compute + write %d ms on %d thread(s)%n",
                            java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - started) / 1_000_000,
                            (readStart - started) / 1_000_000, input.lines(), (read - readStart) / 1_000_000, (System.nanoTime() - read) / 1_000_000, n);
                if (!result.problems().isEmpty()) {
                    err.println("emissions compute: " + result.problems().size() + " problem(s) in " + file + "; nothing written:");
                    for (String p : result.problems()) err.println("  " + p);
                    err.flush();
                    return OpenEts.REFUSED;
                }
                if (output != null)
                    err.printf("emissions compute: %d report(s) of %d entit%s, %d installation(s), %d resting on unconfirmed values, written to %s%n",
                            result.reports(), result.entities(), result.entities() == 1 ? "y" : "ies", result.installations(), result.unconfirmed(), output);
                return OpenEts.DONE;
            } catch (IOException | UncheckedIOException e) {
                err.println("emissions compute: " + OutputFiles.describe(e));
                return OpenEts.COULD_NOT_RUN;
            }
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override public ReportFormat convert(String value) {
            try {
                return ReportFormat.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not one of text, json, csv");
            }
        }
    }
}
