package org.openets.cli.allocation;

import org.openets.allocation.AllocationException;
import org.openets.allocation.PopulationReader;
import org.openets.allocation.Problem;
import org.openets.allocation.UnitInput;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A population file's bytes as units: strict UTF-8 (a byte-order mark allowed), then {@link PopulationReader}
 * (docs/reference/allocation-population.md). Any problem: {@link AllocationException} with every problem found, in
 * line order.
 *
 * <p>A large file is read on several threads: the header line is read first (its problems are the file's), then the
 * lines after it are cut into parts at line ends, and each part is read with the header put before it and as many blank
 * lines as there are file lines before the part (the reader skips blank lines but counts them), so every unit and
 * problem has its line number in the file. The reader reads each line on its own, so the result is the same.
 */
public final class PopulationFile {
    /** Below this size one thread reads the file. */
    static final int PARALLEL_FROM = 64 * 1024;

    private PopulationFile() {}

    public static List<UnitInput> read(byte[] bytes, int threads) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            String lenient = new String(bytes, StandardCharsets.UTF_8);
            int line = 1;
            for (int i = 0; i < lenient.length() && lenient.charAt(i) != '\uFFFD'; i++) if (lenient.charAt(i) == '\n') line++;
            throw new AllocationException(List.of(new Problem(line, "", "", Problem.Code.BAD_FORMAT, "the file is not UTF-8 text")));
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (threads <= 1 || text.length() < PARALLEL_FROM) return PopulationReader.read(text);
        // the header: the first line that is not blank, as the reader finds it
        int start = 0, line = 1;
        String header = null;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            String l = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            if (!l.isBlank()) { header = l; break; }
            line++;
        }
        if (header == null || start >= text.length()) return PopulationReader.read(text);
        int headerLine = line;
        try {
            PopulationReader.read(header);
        } catch (AllocationException e) {
            throw new AllocationException(shift(e.problems(), headerLine - 1));
        }
        // the rest, in parts that end at line ends
        int parts = threads * 4, size = (text.length() - start) / parts + 1;
        List<int[]> cuts = new ArrayList<>(parts);
        int from = start, firstLine = headerLine + 1;
        while (from < text.length()) {
            int to = Math.min(text.length(), from + size);
            if (to < text.length()) {
                int nl = text.indexOf('\n', to - 1);
                to = nl < 0 ? text.length() : nl + 1;
            }
            cuts.add(new int[] {from, to, firstLine});
            for (int i = from; i < to; i++) if (text.charAt(i) == '\n') firstLine++;
            from = to;
        }
        String all = text;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "allocate-read");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<UnitInput>>> futures = new ArrayList<>(cuts.size());
            for (int[] c : cuts) {
                String head = header;
                futures.add(pool.submit(() -> {
                    // the header on line 1, blank lines up to the part's first line
                    StringBuilder part = new StringBuilder(head.length() + c[2] + (c[1] - c[0]));
                    part.append(head).append('\n').repeat('\n', c[2] - 2).append(all, c[0], c[1]);
                    return PopulationReader.read(part.toString());
                }));
            }
            List<UnitInput> units = new ArrayList<>();
            List<Problem> problems = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    units.addAll(futures.get(i).get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AllocationException ae) problems.addAll(ae.problems());
                    else if (e.getCause() instanceof RuntimeException r) throw r;
                    else throw new IllegalStateException(e.getCause());
                }
            }
            if (!problems.isEmpty()) throw new AllocationException(problems);
            return units;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Problem> shift(List<Problem> problems, int by) {
        List<Problem> out = new ArrayList<>(problems.size());
        for (Problem p : problems) out.add(p.line() > 0 ? new Problem(p.line() + by, p.unitId(), p.field(), p.code(), p.message()) : p);
        return out;
    }
}
