package org.openets.cli.emissions;

import org.openets.emissions.Accounting;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EmissionsAccount;
import org.openets.emissions.Problem;
import org.openets.emissions.RawReport;
import org.openets.emissions.ReportReader;
import org.openets.emissions.Ruleset;
import org.openets.emissions.Validation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The second pass of {@code openets emissions compute}: reads, checks and computes each report (in parallel on
 * {@code threads} threads, a bounded window ahead of the writer) and writes the formatted reports in file order. The
 * output goes to a temporary file first; it replaces the target only when every report of the input was good, so a
 * bad input leaves nothing written.
 */
public final class EmissionsRun {
    /** What a run found: every problem (empty when the output was written), and counts for the summary. */
    public record Result(List<String> problems, int reports, int entities, int installations, int unconfirmed) {}

    private record Outcome(String text, List<String> problems, int installations, boolean unconfirmed) {}

    private final EmissionsFile input;
    private final Ruleset rules;
    private final Accounting accounting;
    private final ReportFormat format;
    private final boolean trace;
    private final int threads;
    /** Set once a problem is found: reports are then only checked, not formatted. */
    private volatile boolean failed;

    public EmissionsRun(EmissionsFile input, Ruleset rules, ReportFormat format, boolean trace, int threads) {
        this.input = input;
        this.rules = rules;
        this.accounting = new Accounting(rules);
        this.format = format;
        this.trace = trace;
        this.threads = threads;
    }

    /** Computes every report and writes them to {@code target} (null: {@code stdout}) unless a problem is found. */
    public Result run(Path target, PrintWriter stdout) throws IOException {
        List<String> problems = new ArrayList<>(input.problems());
        failed = !problems.isEmpty();
        List<EmissionsFile.Report> reports = input.reports();
        Sink sink = Sink.open(target);
        int installations = 0, unconfirmed = 0;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "emissions-compute");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            sink.write(format.begin(trace));
            ArrayDeque<Future<Outcome>> window = new ArrayDeque<>();
            int ahead = Math.max(64, threads * 64), next = 0;
            for (int done = 0; done < reports.size(); done++) {
                while (pool != null && next < reports.size() && window.size() < ahead) {
                    final int i = next++;
                    window.add(pool.submit(() -> compute(reports.get(i), i == 0)));
                }
                Outcome o = pool == null ? compute(reports.get(done), done == 0) : take(window.poll());
                problems.addAll(o.problems());
                if (!problems.isEmpty()) failed = true;
                installations += o.installations();
                if (o.unconfirmed()) unconfirmed++;
                if (problems.isEmpty()) sink.write(o.text());
            }
            sink.write(format.end());
            if (!problems.isEmpty()) {
                sink.abort();
                return new Result(problems, reports.size(), input.entities().size(), installations, unconfirmed);
            }
            sink.commit(stdout);
            long entities = reports.stream().map(EmissionsFile.Report::entity).distinct().count();
            return new Result(List.of(), reports.size(), (int) entities, installations, unconfirmed);
        } finally {
            sink.abort();
            if (pool != null) pool.shutdownNow();
        }
    }

    private static Outcome take(Future<Outcome> f) { return org.openets.cli.Futures.take(f); }

    /** One report: its rows read and checked, its emissions computed, formatted (unless a problem was already found). */
    private Outcome compute(EmissionsFile.Report r, boolean first) {
        CoveredEntity entity = input.entities().get(r.entity());
        if (entity == null) return new Outcome("", List.of(), 0, false); // its definition has problems, already listed
        RawReport raw = new RawReport(input.rows(r.fuels), input.rows(r.activity), input.rows(r.outputs));
        Validation<EmissionsAccount> v = new ReportReader(entity, r.year(), rules).read(raw).then(accounting::account);
        if (v instanceof Validation.Invalid<EmissionsAccount> bad) {
            List<String> ps = new ArrayList<>(bad.problems().size());
            for (Problem p : bad.problems())
                ps.add(input.name() + ": entity " + r.entity() + ", year " + r.year() + ", " + p.where() + ": " + p.message() + " (field " + p.field() + ", "
                        + p.code() + ")");
            return new Outcome("", ps, 0, false);
        }
        EmissionsAccount a = v.value();
        boolean u = a.trace().restsOnUnconfirmedValues();
        return new Outcome(!failed ? format.report(entity.name(), a, trace, first) : "", List.of(), a.installations().size(), u);
    }

    /** The output: a temporary file, moved (or copied) onto the target only when the run is good. */
    private static final class Sink {
        final Path target, tmp;
        final boolean move;
        final Writer w;
        boolean closed;

        private Sink(Path target, Path tmp, boolean move) throws IOException {
            this.target = target;
            this.tmp = tmp;
            this.move = move;
            this.w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16);
        }

        static Sink open(Path target) throws IOException {
            if (target != null && (!Files.exists(target) || Files.isRegularFile(target))) {
                Path dir = target.toAbsolutePath().getParent();
                if (!Files.isDirectory(dir)) throw new IOException("cannot write " + target + ": no such directory " + dir);
                return new Sink(target, Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp"), true);
            }
            return new Sink(target, Files.createTempFile("openets-emissions-", ".out"), false);
        }

        void write(String s) {
            try {
                w.write(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void commit(PrintWriter stdout) throws IOException {
            w.close();
            closed = true;
            if (move) {
                org.openets.cli.OutputFiles.replace(tmp, target);
            } else if (target != null) {
                try (OutputStream o = Files.newOutputStream(target)) {
                    Files.copy(tmp, o);
                }
            } else {
                try (Reader r = Files.newBufferedReader(tmp, StandardCharsets.UTF_8)) {
                    r.transferTo(stdout);
                }
                stdout.flush();
            }
        }

        void abort() {
            try {
                if (!closed) w.close();
            } catch (IOException ignored) {
                // the file is deleted next
            }
            closed = true;
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a temporary file left behind
            }
        }
    }
}
