package org.openets.cli;

import org.openets.allocation.Allocation;
import org.openets.allocation.AllocationException;
import org.openets.allocation.Allocator;
import org.openets.allocation.Comparison;
import org.openets.allocation.Problem;
import org.openets.allocation.Ruleset;
import org.openets.allocation.RulesetFormatException;
import org.openets.allocation.Stage;
import org.openets.allocation.UnitInput;
import org.openets.allocation.WhatIf;
import org.openets.cli.allocation.AllocationFormat;
import org.openets.cli.allocation.Output;
import org.openets.cli.allocation.ParallelAllocation;
import org.openets.cli.allocation.PopulationFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code openets allocate}: a ruleset applied to a population file, with the trace of every line; or a what-if of a
 * draft against verified emissions; or two rulesets side by side. All or nothing: a problem anywhere in the input or
 * the ruleset is reported with its line, unit, field and code, and nothing is written.
 */
@Command(name = "allocate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply an allocation ruleset to a population file (docs/reference/allocation-population.md) and print the allocation per entity "
                + "and unit with its trace; or, with --what-if, the gap to verified emissions and its cost; or, with --compare, two rulesets side by side.",
                "Exit codes: 0 done; 1 problems in the input or the ruleset (each with its line, unit, field and code on stderr; nothing is written); "
                        + "2 usage or I/O error (an unknown ruleset id too)."})
final class AllocateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the population file (UTF-8 CSV); - reads standard input")
    String file;

    @Option(names = "--ruleset", paramLabel = "ID|FILE.tsv", description = "a bundled ruleset (see --list-rulesets) or a ruleset file (docs/reference/allocation-rulesets.md)")
    String ruleset;

    @Option(names = "--year", paramLabel = "Y", description = "the allocation year; the ruleset must cover it")
    Integer year;

    @Option(names = "--stage", paramLabel = "final|pre", defaultValue = "final", converter = StageConverter.class,
            description = "final allocation on the year's output (default), or pre-allocation on the base-year output the file carries")
    Stage stage;

    @Option(names = "--format", paramLabel = "text|csv|json", converter = FormatConverter.class,
            description = "output format (default: text, or csv or json when -o names a .csv or .json file)")
    AllocationFormat format;

    @Option(names = "--trace", description = "with each line, every step that made it: the rule, the figures, the ruleset rows read ([U] = unconfirmed)")
    boolean trace;

    @Option(names = {"-o", "--output"}, paramLabel = "F", description = "write to F (replaced only when the whole input is good) instead of standard output")
    Path output;

    @Option(names = "--what-if", description = "allowance against each unit's verified emissions per unit, entity, sector and region: gap, gap %% and its cost")
    boolean whatIf;

    @Option(names = "--prices", split = ",", paramLabel = "FEN", description = "with --what-if: prices in fen per tonne (4000 = 40.00 CNY/t), comma-separated; the cost of each gap is shown at each price, in yuan")
    List<Long> prices;

    @Option(names = "--basis", paramLabel = "total|free", converter = BasisConverter.class,
            description = "with --what-if or --compare: measure against the total allowance (default) or its free part only")
    WhatIf.Basis basis;

    @Option(names = "--compare", paramLabel = "ID|FILE.tsv", description = "a second ruleset: both applied to the file, side by side (needs verified_emissions_t)")
    String compare;

    @Option(names = "--compare-year", paramLabel = "Y2", description = "the year for the --compare ruleset (default: --year)")
    Integer compareYear;

    @Option(names = "--list-rulesets", description = "list the bundled rulesets and exit")
    boolean listRulesets;

    @Option(names = "--threads", paramLabel = "N", description = "threads that read, allocate and format (default: the number of processors); the output does not depend on it")
    Integer threads;

    @Option(names = "--timing", hidden = true, description = "print the time of each phase to stderr (for benchmarks)")
    boolean timing;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Ends the command with an exit code; its message (if any) is already on stderr. */
    private static final class Stop extends Exception {
        final int code;

        Stop(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    @Override public Integer call() {
        long started = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        if (format == null) format = AllocationFormat.of(output == null ? "text" : byExtension(output.getFileName().toString()));
        try {
            if (listRulesets) {
                List<Ruleset> all = new ArrayList<>();
                for (String id : Ruleset.BUNDLED) all.add(Ruleset.bundled(id));
                Output o = new Output(spec.commandLine().getOut());
                format.rulesets(all, o);
                o.flush();
                return OpenEts.DONE;
            }
            checkUsage();
            Ruleset a = load(ruleset, "--ruleset", err);
            covers(a, year, "--year");
            Ruleset b = null;
            int yearB = compareYear != null ? compareYear : year;
            if (compare != null) {
                b = load(compare, "--compare", err);
                covers(b, yearB, compareYear != null ? "--compare-year" : "--year");
            }
            long loaded = System.nanoTime();
            String name = file.equals("-") ? "<stdin>" : Path.of(file).getFileName().toString();
            byte[] bytes = read(err);
            List<UnitInput> population;
            try {
                population = PopulationFile.read(bytes, threads());
            } catch (AllocationException e) {
                throw problems(err, name, "", e.problems());
            }
            long read = System.nanoTime();
            int n = threads();
            Writer sink = null;
            Path tmp = null;
            try {
                Object result = compute(a, b, yearB, population, n, name, err);
                long computed = System.nanoTime();
                boolean direct = output != null && Files.exists(output) && !Files.isRegularFile(output);
                if (output != null) {
                    Path dir = output.toAbsolutePath().getParent();
                    if (!direct && (dir == null || !Files.isDirectory(dir))) {
                        err.println("allocate: cannot write " + output + ": no such directory " + dir);
                        return OpenEts.COULD_NOT_RUN;
                    }
                    if (!direct) tmp = Files.createTempFile(dir, "." + output.getFileName() + ".", ".tmp");
                    sink = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(direct ? output : tmp), StandardCharsets.UTF_8), 1 << 16);
                }
                Output o = new Output(sink != null ? sink : spec.commandLine().getOut());
                int unconfirmed = write(result, a, b, o);
                o.flush();
                if (sink != null) {
                    sink.close();
                    sink = null;
                    if (tmp != null) OutputFiles.replace(tmp, output);
                    tmp = null;
                }
                if (timing)
                    err.printf(Locale.ROOT, "allocate timing: JVM start to command %d ms, ruleset %d ms, read %d units %d ms, allocate %d ms on %d thread(s), write %d ms%n",
                            java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - started) / 1_000_000,
                            (loaded - started) / 1_000_000, population.size(), (read - loaded) / 1_000_000, (computed - read) / 1_000_000, n,
                            (System.nanoTime() - computed) / 1_000_000);
                if (output != null) err.println("allocate: " + summary(result) + (unconfirmed == 0 ? "" : "; rests on " + unconfirmed
                        + " unconfirmed [U] ruleset row(s)") + "; written to " + output);
                return OpenEts.DONE;
            } finally {
                if (sink != null) try { sink.close(); } catch (IOException ignored) { /* the file is deleted next */ }
                if (tmp != null) try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* a temporary file left behind */ }
            }
        } catch (Stop s) {
            err.flush();
            return s.code;
        } catch (IOException | UncheckedIOException e) {
            err.println("allocate: " + OutputFiles.describe(e));
            return OpenEts.COULD_NOT_RUN;
        }
    }

    private int threads() { return threads != null ? threads : Runtime.getRuntime().availableProcessors(); }

    /** csv for {@code out.csv}, json for {@code out.json}, otherwise text. */
    static String byExtension(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") ? "csv" : n.endsWith(".json") ? "json" : "text";
    }

    private void checkUsage() {
        CommandLine cl = spec.commandLine();
        if (ruleset == null) throw new CommandLine.ParameterException(cl, "Missing required option: '--ruleset=ID|FILE.tsv' (--list-rulesets lists the bundled ones)");
        if (year == null) throw new CommandLine.ParameterException(cl, "Missing required option: '--year=Y'");
        if (file == null) throw new CommandLine.ParameterException(cl, "Missing required parameter: 'FILE' (- reads standard input)");
        if (whatIf && compare != null) throw new CommandLine.ParameterException(cl, "--what-if and --compare are two different runs: give one");
        if (prices != null && !whatIf) throw new CommandLine.ParameterException(cl, "--prices goes with --what-if");
        if (prices != null) for (Long p : prices) if (p < 0) throw new CommandLine.ParameterException(cl, "--prices are fen per tonne, not negative: " + p);
        if (basis != null && !whatIf && compare == null) throw new CommandLine.ParameterException(cl, "--basis goes with --what-if or --compare");
        if (compareYear != null && compare == null) throw new CommandLine.ParameterException(cl, "--compare-year goes with --compare");
        if (stage == Stage.PRE_ALLOCATION && (whatIf || compare != null))
            throw new CommandLine.ParameterException(cl, "--what-if and --compare measure the final allocation; leave out --stage pre");
        if (threads != null && threads < 1) throw new CommandLine.ParameterException(cl, "--threads must be at least 1");
    }

    /** A bundled ruleset by id, or a file: a name ending in .tsv, or one that exists. */
    private Ruleset load(String arg, String option, PrintWriter err) throws Stop {
        Path path = null;
        try {
            if (arg.toLowerCase(Locale.ROOT).endsWith(".tsv") || Files.isRegularFile(Path.of(arg))) path = Path.of(arg);
        } catch (java.nio.file.InvalidPathException ignored) {
            // not a path: an id
        }
        if (path == null) {
            try {
                return Ruleset.bundled(arg);
            } catch (IllegalArgumentException e) {
                err.println("allocate: " + option + " " + arg + ": no bundled ruleset has this id (bundled: " + String.join(", ", Ruleset.BUNDLED)
                        + "); a ruleset file's name ends in .tsv");
                throw new Stop(OpenEts.COULD_NOT_RUN);
            } catch (RulesetFormatException e) {
                throw rulesetProblems(err, arg, e);
            }
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            err.println("allocate: " + option + ": cannot read the ruleset " + arg + ": " + OutputFiles.describe(e));
            throw new Stop(OpenEts.COULD_NOT_RUN);
        }
        try {
            return Ruleset.parse(path.getFileName().toString(), text);
        } catch (RulesetFormatException e) {
            throw rulesetProblems(err, path.getFileName().toString(), e);
        }
    }

    private static Stop rulesetProblems(PrintWriter err, String name, RulesetFormatException e) {
        err.println("allocate: " + e.problems().size() + " problem(s) in the ruleset " + name + "; nothing written:");
        for (String p : e.problems()) err.println("  " + name + " " + p);
        return new Stop(OpenEts.REFUSED);
    }

    private void covers(Ruleset r, int y, String option) {
        if (!r.covers(y)) throw new CommandLine.ParameterException(spec.commandLine(), option + " " + y + ": ruleset " + r.id() + " covers "
                + (r.fromYear() == r.toYear() ? String.valueOf(r.fromYear()) : r.fromYear() + "-" + r.toYear()) + ", not " + y);
    }

    private byte[] read(PrintWriter err) throws Stop {
        try {
            return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file)); // standard input stays open
        } catch (IOException | UncheckedIOException e) {
            err.println("allocate: cannot read " + file + ": " + OutputFiles.describe(e));
            throw new Stop(OpenEts.COULD_NOT_RUN);
        }
    }

    /** The run: an {@link Allocation}, a {@link WhatIf.Result} or a {@link Comparison.Result}. */
    private Object compute(Ruleset a, Ruleset b, int yearB, List<UnitInput> population, int threads, String name, PrintWriter err) throws Stop {
        WhatIf.Basis on = basis == null ? WhatIf.Basis.TOTAL : basis;
        if (compare == null && !whatIf) {
            try {
                return ParallelAllocation.allocate(new Allocator(a), year, stage, population, threads);
            } catch (AllocationException e) {
                throw problems(err, name, "", e.problems());
            }
        }
        List<Long> fen = prices == null ? List.of() : prices;
        WhatIf.Result ra = null, rb = null;
        List<String> found = new ArrayList<>();
        try {
            ra = WhatIf.run(a, year, population, on, fen);
        } catch (AllocationException e) {
            if (b == null) throw problems(err, name, "", e.problems());
            for (Problem p : e.problems()) found.add(describe(name, "A (" + a.id() + " " + year + ")", p));
        }
        if (b == null) return ra;
        try {
            rb = WhatIf.run(b, yearB, population, on, List.of());
        } catch (AllocationException e) {
            for (Problem p : e.problems()) found.add(describe(name, "B (" + b.id() + " " + yearB + ")", p));
        }
        if (!found.isEmpty()) {
            err.println("allocate: " + found.size() + " problem(s) in " + file + "; nothing written:");
            for (String p : found) err.println("  " + p);
            throw new Stop(OpenEts.REFUSED);
        }
        return Comparison.compare(ra, rb);
    }

    private int write(Object result, Ruleset a, Ruleset b, Output o) {
        return switch (result) {
            case Allocation al -> format.allocation(al, a, trace, threads(), o);
            case WhatIf.Result w -> format.whatIf(w, a, trace, o);
            case Comparison.Result c -> format.comparison(c, a, b, trace, o);
            default -> throw new IllegalStateException(result.getClass().getName());
        };
    }

    private static String summary(Object result) {
        return switch (result) {
            case Allocation a -> a.units().size() + " unit line(s), " + a.entities().size() + " entity line(s), " + a.total() + " t (" + a.free() + " free, "
                    + a.paid() + " paid)";
            case WhatIf.Result w -> "what-if of " + w.lines().size() + " unit(s): allowance " + w.total().allowance() + " t, verified " + w.total().emissions()
                    + " t, gap " + w.total().gap() + " t";
            case Comparison.Result c -> "comparison of " + c.lines().size() + " unit(s): " + c.statedBasis() + ": " + c.totalA() + " t vs " + c.totalB() + " t";
            default -> "";
        };
    }

    private Stop problems(PrintWriter err, String name, String side, List<Problem> problems) {
        err.println("allocate: " + problems.size() + " problem(s) in " + file + "; nothing written:");
        for (Problem p : problems) err.println("  " + describe(name, side, p));
        return new Stop(OpenEts.REFUSED);
    }

    /** {@code units.csv line 7, unit U7, field supply_mwh: INVALID_VALUE: must not be negative: -5}. */
    static String describe(String name, String side, Problem p) {
        StringBuilder b = new StringBuilder();
        if (!side.isEmpty()) b.append(side).append(": ");
        b.append(name);
        if (p.line() > 0) b.append(" line ").append(p.line());
        if (p.unitId() != null && !p.unitId().isEmpty()) b.append(", unit ").append(p.unitId());
        if (p.field() != null && !p.field().isEmpty()) b.append(", field ").append(p.field());
        return b.append(": ").append(p.code()).append(": ").append(p.message()).toString();
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<AllocationFormat> {
        @Override public AllocationFormat convert(String value) {
            try {
                return AllocationFormat.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class StageConverter implements CommandLine.ITypeConverter<Stage> {
        @Override public Stage convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "final" -> Stage.FINAL;
                case "pre" -> Stage.PRE_ALLOCATION;
                default -> throw new CommandLine.TypeConversionException("'" + value + "' is not one of final, pre");
            };
        }
    }

    static final class BasisConverter implements CommandLine.ITypeConverter<WhatIf.Basis> {
        @Override public WhatIf.Basis convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "total" -> WhatIf.Basis.TOTAL;
                case "free" -> WhatIf.Basis.FREE;
                default -> throw new CommandLine.TypeConversionException("'" + value + "' is not one of total, free");
            };
        }
    }
}
