package org.openets.registrylog.internal;

import org.openets.kernel.SerialRange;
import org.openets.registrylog.spi.LogState;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The log's own books during one run: balances per account and series, pledges per pledgee, and the serials
 * each series has issued, loaded from the last run's state and changed entry by entry. It remembers what it
 * changed, so a run saves only those rows. Balances are signed and never clamped: the books follow the journal,
 * and the findings say where the journal went wrong.
 */
public final class Books {
    private record Key(long account, long series) {}

    private record PledgeKey(long account, long series, long pledgee) {}

    private static final class SeriesBook {
        final String code;
        final SerialSet issued;

        SeriesBook(String code, SerialSet issued) {
            this.code = code;
            this.issued = issued;
        }
    }

    private final Map<Key, long[]> balances = new HashMap<>();
    private final Map<PledgeKey, Long> pledges = new HashMap<>();
    private final Map<Long, SeriesBook> series = new HashMap<>();
    private final Map<String, Long> seriesByCode = new HashMap<>();
    private final Set<Key> changedBalances = new HashSet<>();
    private final Set<PledgeKey> changedPledges = new HashSet<>();
    private final Set<Long> changedSeries = new HashSet<>();

    public static Books of(LogState state) {
        Books b = new Books();
        for (LogState.Balance x : state.balances()) b.balances.put(new Key(x.accountId(), x.seriesId()), new long[]{x.quantity(), x.frozen()});
        for (LogState.Pledge p : state.pledges()) b.pledges.put(new PledgeKey(p.accountId(), p.seriesId(), p.pledgee()), p.quantity());
        for (LogState.Series s : state.series()) {
            b.series.put(s.seriesId(), new SeriesBook(s.seriesCode(), new SerialSet(s.issued())));
            b.seriesByCode.put(s.seriesCode(), s.seriesId());
        }
        return b;
    }

    private long[] balance(long account, long series) { return balances.getOrDefault(new Key(account, series), new long[2]); }

    public long quantity(long account, long series) { return balance(account, series)[0]; }

    public long frozen(long account, long series) { return balance(account, series)[1]; }

    public long free(long account, long series) { long[] b = balance(account, series); return b[0] - b[1]; }

    public long pledged(long account, long series, long pledgee) { return pledges.getOrDefault(new PledgeKey(account, series, pledgee), 0L); }

    public void adjust(long account, long series, long deltaQuantity, long deltaFrozen) {
        Key k = new Key(account, series);
        long[] b = balances.computeIfAbsent(k, x -> new long[2]);
        b[0] = Math.addExact(b[0], deltaQuantity);
        b[1] = Math.addExact(b[1], deltaFrozen);
        changedBalances.add(k);
    }

    public void adjustPledge(long account, long series, long pledgee, long delta) {
        PledgeKey k = new PledgeKey(account, series, pledgee);
        pledges.merge(k, delta, Math::addExact);
        changedPledges.add(k);
    }

    /** The code a series was first issued under, or null for a series never issued. */
    public String seriesCode(long seriesId) {
        SeriesBook s = series.get(seriesId);
        return s == null ? null : s.code;
    }

    /** The series id a code was first issued under, or null. */
    public Long seriesIdOf(String code) { return seriesByCode.get(code); }

    /** The serials a series has issued; empty for a series never issued. */
    public SerialSet issued(long seriesId) {
        SeriesBook s = series.get(seriesId);
        return s == null ? new SerialSet() : s.issued;
    }

    /** Records an issuance: the series is created at its first issuance, under the code that issuance names. */
    public void issue(long seriesId, String code, List<SerialRange> ranges) {
        SeriesBook s = series.computeIfAbsent(seriesId, id -> new SeriesBook(code, new SerialSet()));
        seriesByCode.putIfAbsent(code, seriesId);
        ranges.forEach(s.issued::add);
        changedSeries.add(seriesId);
    }

    /** Every balance that is not zero, in no particular order. */
    public List<LogState.Balance> balances() {
        return balances.entrySet().stream().filter(e -> e.getValue()[0] != 0 || e.getValue()[1] != 0)
                .map(e -> new LogState.Balance(e.getKey().account, e.getKey().series, e.getValue()[0], e.getValue()[1])).toList();
    }

    public List<LogState.Balance> changedBalances() {
        return changedBalances.stream().map(k -> new LogState.Balance(k.account, k.series, quantity(k.account, k.series), frozen(k.account, k.series)))
                .sorted(Comparator.comparingLong(LogState.Balance::accountId).thenComparingLong(LogState.Balance::seriesId)).toList();
    }

    public List<LogState.Pledge> changedPledges() {
        return changedPledges.stream().map(k -> new LogState.Pledge(k.account, k.series, k.pledgee, pledged(k.account, k.series, k.pledgee)))
                .sorted(Comparator.comparingLong(LogState.Pledge::accountId).thenComparingLong(LogState.Pledge::seriesId)
                        .thenComparingLong(LogState.Pledge::pledgee)).toList();
    }

    public List<LogState.Series> changedSeries() {
        return changedSeries.stream().sorted().map(id -> new LogState.Series(id, series.get(id).code, series.get(id).issued.ranges())).toList();
    }
}
