package org.openets.store;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V41 writes trading accounts' holder identifiers the way the application stores them (full-width as ASCII, upper
 * case, no whitespace), on a database as V40 left it; it refuses, naming the accounts, when that would give one holder
 * two open trading accounts in a jurisdiction.
 */
class TradingHolderIdentifierMigrationTest {
    String url;

    @AfterEach void drop() {
        if (url != null) TestDatabases.drop(url);
    }

    private void account(Connection c, long id, String number, String j, String type, String kind, String code, String status) throws SQLException {
        try (var st = c.prepareStatement("INSERT INTO account (id, number, jurisdiction, type, holder, holder_kind, entity_code, status) VALUES (?, ?, ?, ?, 'h', ?, ?, ?)")) {
            st.setLong(1, id);
            st.setString(2, number);
            st.setString(3, j);
            st.setString(4, type);
            st.setString(5, kind);
            st.setString(6, code);
            st.setString(7, status);
            st.executeUpdate();
        }
    }

    private Map<String, String> codes(Connection c) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT number, entity_code FROM account WHERE id >= 900000 ORDER BY id")) {
            while (rs.next()) m.put(rs.getString(1), rs.getString(2) == null ? "(none)" : rs.getString(2));
        }
        return m;
    }

    @Test void identifiersAreWrittenTheOneWay() throws SQLException {
        url = TestDatabases.createAt(TestDatabases.Target.EMBEDDED, "40");
        var ds = TestDatabases.simple(url);
        try (Connection c = ds.getConnection()) {
            account(c, 900001, "T-1", "CN", "TRADING_HOLDING", "ORGANISATION", " 91110000 6000 3x ", "OPEN");
            account(c, 900002, "T-2", "CN", "TRADING_HOLDING", "PERSON", "１１０１０１１９９００３０７７５１ｘ", "OPEN");
            account(c, 900003, "T-3", "CN", "TRADING_HOLDING", null, "ab\tc\u3000d", "OPEN");           // before V36: no kind
            account(c, 900004, "T-4", "CN", "TRADING_HOLDING", "ORGANISATION", "\u3000 ", "OPEN");        // blank: no identifier
            account(c, 900005, "T-5", "CN", "TRADING_HOLDING", "ORGANISATION", "ALREADY1", "OPEN");
            account(c, 900006, "C-6", "CN", "COVERED_ENTITY_HOLDING", "ORGANISATION", "covered x", "OPEN"); // not a trading account
            // a closed account of the same holder does not collide
            account(c, 900007, "T-7", "CN", "TRADING_HOLDING", "ORGANISATION", "911100006000 3X", "CLOSED");
        }
        Database.migrate(ds);
        try (Connection c = ds.getConnection()) {
            assertThat(codes(c)).containsExactly(
                    Map.entry("T-1", "9111000060003X"), Map.entry("T-2", "11010119900307751X"), Map.entry("T-3", "ABCD"),
                    Map.entry("T-4", "(none)"), Map.entry("T-5", "ALREADY1"), Map.entry("C-6", "covered x"), Map.entry("T-7", "9111000060003X"));
        }
    }

    @Test void aHolderWithTwoOpenTradingAccountsStopsTheMigrationNamingThem() throws SQLException {
        url = TestDatabases.createAt(TestDatabases.Target.EMBEDDED, "40");
        var ds = TestDatabases.simple(url);
        try (Connection c = ds.getConnection()) {
            account(c, 900011, "CN-9-900011", "CN", "TRADING_HOLDING", "ORGANISATION", "9111000060003X", "OPEN");
            account(c, 900012, "CN-9-900012", "CN", "TRADING_HOLDING", "ORGANISATION", "９１１１０００ ０６０００３ｘ", "RESTRICTED");
            // another jurisdiction's account of the same holder is no clash
            account(c, 900013, "GD-9-900013", "GD", "TRADING_HOLDING", "ORGANISATION", "9111000060003x", "OPEN");
        }
        assertThatThrownBy(() -> Database.migrate(ds)).isInstanceOf(FlywayException.class)
                .hasMessageContaining("CN: CN-9-900011, CN-9-900012").hasMessageNotContaining("GD-9-900013")
                // the accounts by number, never the holder's identifier (a person's would land in the log)
                .hasMessageNotContaining("9111000060003X").hasMessageNotContaining("０６０００３");
        try (Connection c = ds.getConnection()) {
            // nothing was changed
            assertThat(codes(c)).containsEntry("CN-9-900012", "９１１１０００ ０６０００３ｘ").containsEntry("GD-9-900013", "9111000060003x");
        }
    }
}
