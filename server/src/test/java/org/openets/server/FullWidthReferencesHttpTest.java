package org.openets.server;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account number or a serial typed on a Chinese keyboard (full-width letters, digits and hyphens) names what its
 * ASCII form names, in the API and the pages, as quantities already do. Moves 1 t FJEA from fj-cement-1 to fj-power-1.
 */
class FullWidthReferencesHttpTest extends ServerTestBase {

    static String fullWidth(String ascii) {
        StringBuilder b = new StringBuilder();
        for (char c : ascii.toCharArray()) b.append(c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : c);
        return b.toString();
    }

    static String path(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    @Test
    void account_numbers_and_serials_in_full_width_name_the_same_things() {
        String from = accountOf("fj-cement-1"), to = accountOf("fj-power-1");
        HttpResponse<String> account = get("/api/v1/accounts/" + path(fullWidth(from)), "fj-cement-1-init");
        assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
        assertThat(json(account).path("number").asString()).isEqualTo(from);
        assertThat(page("/accounts/" + path(fullWidth(from)), "fj-cement-1-init").statusCode()).isEqualTo(200);

        HttpResponse<String> moved = postJson("/api/v1/transactions", "fj-cement-1-init",
                transfer("full-width-to", from, fullWidth(to), "FJEA", 1));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
        assertThat(json(moved).path("to").asString()).isEqualTo(to);

        String serial = "FJ-FJEA-2024-000000000001";
        HttpResponse<String> trace = get("/api/v1/serials/" + path(fullWidth(serial)), "auditor");
        assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
        assertThat(trace.body()).contains(serial);
    }
}
