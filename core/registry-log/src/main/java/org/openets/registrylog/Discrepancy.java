package org.openets.registrylog;

/**
 * A holding on which the log and the registry disagree: what the log's books say the account holds of the
 * series, and what the registry's holdings say. A row missing on one side counts as zero there. A discrepancy
 * stays open, and the account stays stopped, until the two agree again.
 */
public record Discrepancy(long accountId, long seriesId, long logQuantity, long logFrozen, long registryQuantity,
                          long registryFrozen) {

    public String describe() {
        return "account " + accountId + " series " + seriesId + ": the log has " + logQuantity + " t (" + logFrozen
                + " t frozen), the registry " + registryQuantity + " t (" + registryFrozen + " t frozen)";
    }
}
