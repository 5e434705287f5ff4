package org.openets.registrylog.spi;

/**
 * The one fact about accounts the journal does not carry: which accounts are terminal (surrender 清缴,
 * retirement 自愿注销, cancellation 注销), the accounts units leave circulation into and leave only by reversal.
 * Account ids not known to the directory are not terminal.
 */
public interface AccountDirectory {
    boolean isTerminal(long accountId);
}
