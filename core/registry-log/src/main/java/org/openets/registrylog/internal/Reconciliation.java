package org.openets.registrylog.internal;

import org.openets.registrylog.Discrepancy;
import org.openets.registrylog.spi.LogState;
import org.openets.registrylog.spi.RegistryHoldings;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * 对账: the log's balances against the registry's holdings, in both directions. A holding either side lacks
 * counts as zero there, so a registry row the journal never created and a balance the registry lost are both
 * found, while a row of zeros on one side and nothing on the other is no discrepancy.
 */
public final class Reconciliation {
    private Reconciliation() {}

    private record Key(long account, long series) {}

    public static List<Discrepancy> compare(Books books, List<RegistryHoldings.Row> holdings) {
        Map<Key, long[]> registry = new HashMap<>();
        for (RegistryHoldings.Row r : holdings) {
            long[] v = registry.computeIfAbsent(new Key(r.accountId(), r.seriesId()), k -> new long[2]);
            v[0] = Math.addExact(v[0], r.quantity());
            v[1] = Math.addExact(v[1], r.frozen());
        }
        Map<Key, long[]> log = new HashMap<>();
        for (LogState.Balance b : books.balances()) log.put(new Key(b.accountId(), b.seriesId()), new long[]{b.quantity(), b.frozen()});
        Set<Key> keys = new HashSet<>(registry.keySet());
        keys.addAll(log.keySet());
        return keys.stream().map(k -> {
                    long[] l = log.getOrDefault(k, new long[2]), r = registry.getOrDefault(k, new long[2]);
                    return l[0] == r[0] && l[1] == r[1] ? null : new Discrepancy(k.account, k.series, l[0], l[1], r[0], r[1]);
                }).filter(Objects::nonNull)
                .sorted(Comparator.comparingLong(Discrepancy::accountId).thenComparingLong(Discrepancy::seriesId)).toList();
    }
}
