package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths that Tomcat refuses before Spring sees them (an encoded slash, a backslash, a broken escape) are answered
 * as problem+json 400 BAD_REQUEST, not with Tomcat's HTML page. Sent over a raw socket: HTTP clients refuse to send
 * some of these paths at all.
 */
class BadPathHttpTest extends ServerTestBase {

    record Raw(int status, String headers, String body) {}

    Raw raw(String path) { return raw(path, null); }

    Raw raw(String path, String accept) {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: " + basic("auditor")
                    + (accept == null ? "" : "\r\nAccept: " + accept) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            String body = text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) body = dechunk(body);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String dechunk(String body) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
            if (size == 0) return s.toString();
            s.append(body, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
    }

    @Test
    void paths_tomcat_refuses_are_answered_as_problems() {
        for (String path : new String[]{"/api/v1/accounts/..%2F1044", "/api/v1/accounts/1043%5c", "/api/v1/accounts/%ZZ", "/accounts/%ZZ"}) {
            Raw r = raw(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.headers().toLowerCase()).as(path).contains("content-type: application/problem+json");
            assertThat(r.body()).as(path).doesNotContain("<html").doesNotContainIgnoringCase("tomcat");
            JsonNode problem = JSON.readTree(r.body());
            assertThat(problem.path("code").asString()).as(path).isEqualTo("BAD_REQUEST");
            assertThat(problem.path("status").asInt()).isEqualTo(400);
        }
    }

    @Test
    void a_browser_asking_for_a_page_gets_a_page_in_both_languages() {
        for (String path : new String[]{"/accounts/%ZZ", "/accounts?q=" + "x".repeat(9_000)}) {
            Raw r = raw(path, "text/html,application/xhtml+xml");
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.headers().toLowerCase()).as(path).contains("content-type: text/html");
            assertThat(r.body()).as(path).contains("data-code=\"BAD_REQUEST\"", "无法读取该请求", "cannot be read").doesNotContainIgnoringCase("tomcat");
        }
        // the API stays problem+json whatever it accepts
        Raw api = raw("/api/v1/accounts/%ZZ", "text/html");
        assertThat(api.headers().toLowerCase()).contains("content-type: application/problem+json");
    }

    @Test
    void an_address_too_long_to_read_is_a_problem_under_the_api_and_a_page_elsewhere() {
        String long20k = "x".repeat(20_000);
        // an API client, whatever it accepts, and an absolute form's path too
        for (String[] sent : new String[][]{{"/api/v1/accounts/" + long20k, null}, {"/api/v1/accounts?q=" + long20k, "text/html"},
                {"http://localhost:" + port + "/api/v1/accounts/" + long20k, "application/json"}}) {
            Raw r = raw(sent[0], sent[1]);
            assertThat(r.status()).as(sent[0].substring(0, 40)).isEqualTo(414);
            assertThat(r.headers().toLowerCase()).contains("content-type: application/problem+json");
            assertThat(r.body()).doesNotContain("<html").doesNotContainIgnoringCase("tomcat");
            JsonNode problem = JSON.readTree(r.body());
            assertThat(problem.path("code").asString()).isEqualTo("URI_TOO_LONG");
            assertThat(problem.path("title").asString()).isEqualTo("URI too long");
            assertThat(problem.path("status").asInt()).isEqualTo(414);
            assertThat(problem.path("detail").asString()).contains("too long");
            // the start of the address, not all of it
            assertThat(problem.path("instance").asString()).startsWith("/api/v1/accounts").endsWith("…").hasSizeLessThan(300);
        }
        // a page's address stays the page in both languages
        Raw page = raw("/accounts/" + long20k, "text/html,application/xhtml+xml");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.headers().toLowerCase()).contains("content-type: text/html");
        assertThat(page.body()).contains("data-code=\"BAD_REQUEST\"", "无法读取该请求", "cannot be read");
    }

    @Test
    void answers_spring_gives_are_left_alone() {
        Raw r = raw("/api/v1/no-such-thing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).path("code").asString()).isEqualTo("NOT_FOUND");
        Raw ok = raw("/api/v1/unit-types");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).startsWith("[");
    }
}
