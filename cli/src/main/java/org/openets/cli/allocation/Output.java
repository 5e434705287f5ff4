package org.openets.cli.allocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Where a format writes: a buffer handed to the writer in 32 KiB pieces, and the few ways figures are written.
 * Exact figures are plain decimals without trailing zeros; tonnes are whole numbers; money is yuan with 2 decimals.
 */
public final class Output {
    private final Writer w;
    final StringBuilder b = new StringBuilder(1 << 16);

    public Output(Writer w) { this.w = w; }

    Output s(String s) { b.append(s); return this; }

    Output c(char c) { b.append(c); return this; }

    Output n(long v) { b.append(v); return this; }

    /** Ends a record: hands the buffer on once it is large. */
    void end() {
        if (w != null && b.length() >= 1 << 15) drain();
    }

    /** Writes one item of a list; {@code index} is its place in the list. */
    interface Block<T> {
        void write(int index, T item, Output out);
    }

    static final int CHUNK = 256;

    /**
     * Writes every item with {@code block}, in list order. With more than one thread, chunks of items are formatted in
     * parallel, each into a buffer of its own, a bounded window ahead of this output, which appends them in order; so
     * the output does not depend on the threads.
     */
    <T> void blocks(List<T> items, int threads, Block<T> block) {
        if (threads <= 1 || items.size() <= CHUNK) {
            for (int i = 0; i < items.size(); i++) {
                block.write(i, items.get(i), this);
                end();
            }
            return;
        }
        int chunks = (items.size() + CHUNK - 1) / CHUNK;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "allocate-output");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<StringBuilder>> window = new ArrayDeque<>();
            int next = 0;
            for (int done = 0; done < chunks; done++) {
                while (next < chunks && window.size() < threads * 4) {
                    int from = next++ * CHUNK, to = Math.min(items.size(), from + CHUNK);
                    window.add(pool.submit(() -> {
                        Output o = new Output(null);
                        for (int i = from; i < to; i++) block.write(i, items.get(i), o);
                        return o.b;
                    }));
                }
                b.append(take(window.poll()));
                end();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static StringBuilder take(Future<StringBuilder> f) { return org.openets.cli.Futures.take(f); }

    private void drain() {
        try {
            w.write(b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        b.setLength(0);
    }

    public void flush() {
        drain();
        try {
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exact, without trailing zeros or exponent: {@code 2631000.000} → {@code 2631000}. */
    static String exact(BigDecimal v) { return v == null ? "" : v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString(); }

    /** For reading: to 3 decimals (half-even), without trailing zeros. csv and json give the exact figure. */
    static String shown(BigDecimal v) { return v == null ? "" : exact(v.setScale(3, RoundingMode.HALF_EVEN)); }

    /** Fen as yuan with 2 decimals: {@code -1234} → {@code -12.34}. */
    static String yuan(long fen) { return BigDecimal.valueOf(fen, 2).toPlainString(); }

    /** A percentage or ratio as computed by the domain (already rounded), or empty. */
    static String plain(BigDecimal v) { return v == null ? "" : v.toPlainString(); }

    /** A cell of the csv output: quoted when it holds a comma, a quote or a line break. */
    static String csv(String s) {
        if (s == null) return "";
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** A JSON string. */
    static String json(String s) { return org.openets.kernel.CanonicalText.jsonString(s); }

    /** A JSON number, or null. */
    static String jsonNumber(BigDecimal v) { return v == null ? "null" : exact(v); }
}
