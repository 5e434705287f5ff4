package org.openets.registry;

/**
 * What an account is for. Government accounts belong to the registry administrator of a jurisdiction;
 * the three terminal accounts (surrender 清缴, retirement 自愿注销, cancellation 注销) receive units that
 * have left circulation, so units never vanish: they only move into one of these.
 */
public enum AccountType {
    TOTAL_QUANTITY(true, false),
    ALLOCATION(true, false),
    AUCTION(true, false),
    NEW_ENTRANT_RESERVE(true, false),
    SURRENDER(true, true),
    CANCELLATION(true, true),
    RETIREMENT(true, true),
    COVERED_ENTITY_HOLDING(false, false),
    TRADING_HOLDING(false, false),
    EXCHANGE_CLEARING(false, false),
    AUCTION_DELIVERY(false, false);

    private final boolean government;
    private final boolean terminal;

    AccountType(boolean government, boolean terminal) {
        this.government = government;
        this.terminal = terminal;
    }

    public boolean isGovernment() { return government; }

    /** How English prose names it: "covered entity holding", "allocation". */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '); }

    /** The label with its article: "a covered entity holding", "an allocation". */
    public String withArticle() { return ("aeiou".indexOf(label().charAt(0)) >= 0 ? "an " : "a ") + label(); }

    /** Units in a terminal account have left circulation; only a REVERSAL may take them out. */
    public boolean isTerminal() { return terminal; }
}
