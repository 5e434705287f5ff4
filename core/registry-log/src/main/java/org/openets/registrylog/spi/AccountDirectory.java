package org.openets.registrylog.spi;

/**
 * The one fact about accounts the journal does not carry: which accounts are terminal (surrender 清缴,
 * retirement 自愿注销, cancellation 注销), the accounts units leave circulation into and leave only by reversal,
 * and which of the three each is. Account ids not known to the directory are not terminal.
 */
public interface AccountDirectory {
    /** {@code SURRENDER}, {@code RETIREMENT} or {@code CANCELLATION} for a terminal account, else null. */
    String terminalKind(long accountId);

    default boolean isTerminal(long accountId) { return terminalKind(accountId) != null; }
}
