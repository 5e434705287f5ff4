package org.openets.server;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openets.cli.OpenEts;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform operator's `openets users` against the server's own database: the administrator it adds signs in to
 * the server with that password (the hash is in the form the server checks) and administers what it was given; a
 * disabled sign-in is refused.
 */
class OperatorSignInHttpTest extends ServerTestBase {

    int getWith(String login, String password, String path) {
        String auth = "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", auth).GET().build()).statusCode();
    }

    @Test
    void anAdministratorAddedByTheCliSignsInAndADisabledOneDoesNot(@TempDir Path dir) throws Exception {
        HikariDataSource ds = dataSource.unwrap(HikariDataSource.class);
        Path pw = Files.writeString(dir.resolve("pw"), "a long operator secret\n");
        int added = OpenEts.execute("users", "add", "--url", ds.getJdbcUrl(), "--user", ds.getUsername(), "--login", "fj-admin-ops",
                "--name", "福建省生态环境厅 运维", "--administers", "FJ", "--password-file", pw.toString());
        assertThat(added).isZero();

        // the operator knows the password: the administrator chooses their own before anything else
        assertThat(getWith("fj-admin-ops", "a long operator secret", "/api/v1/accounts")).isEqualTo(403);
        assertThat(getWith("fj-admin-ops", "not the secret at all", "/api/v1/accounts")).isEqualTo(401);
        var chosen = send(HttpRequest.newBuilder(uri("/api/v1/me/password")).header("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("fj-admin-ops:a long operator secret".getBytes()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"current\":\"a long operator secret\",\"password\":\"my own admin secret\"}")).build());
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(204);
        assertThat(getWith("fj-admin-ops", "a long operator secret", "/api/v1/accounts")).isEqualTo(401);
        assertThat(getWith("fj-admin-ops", "my own admin secret", "/api/v1/accounts")).isEqualTo(200);
        // it administers Fujian: it reads Fujian's accounts, not Guangdong's
        var accounts = json(send(HttpRequest.newBuilder(uri("/api/v1/accounts")).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("fj-admin-ops:my own admin secret".getBytes())).GET().build()));
        assertThat(accounts.findValuesAsString("jurisdiction")).isNotEmpty().containsOnly("FJ");

        assertThat(OpenEts.execute("users", "disable", "--url", ds.getJdbcUrl(), "--user", ds.getUsername(), "--login", "fj-admin-ops")).isZero();
        assertThat(getWith("fj-admin-ops", "my own admin secret", "/api/v1/accounts")).isEqualTo(401);

        // a password meant to stay (a sign-in no person types) is used as it is
        assertThat(OpenEts.execute("users", "add", "--url", ds.getJdbcUrl(), "--user", ds.getUsername(), "--login", "fj-reader-ops",
                "--name", "福建 只读客户端", "--auditor", "--permanent", "--password-file", pw.toString())).isZero();
        assertThat(getWith("fj-reader-ops", "a long operator secret", "/api/v1/accounts")).isEqualTo(200);
        // and a new password from the operator is to be changed again, unless it too is to stay
        assertThat(OpenEts.execute("users", "passwd", "--url", ds.getJdbcUrl(), "--user", ds.getUsername(), "--login", "fj-reader-ops",
                "--password-file", pw.toString())).isZero();
        assertThat(getWith("fj-reader-ops", "a long operator secret", "/api/v1/accounts")).isEqualTo(403);
        assertThat(OpenEts.execute("users", "passwd", "--url", ds.getJdbcUrl(), "--user", ds.getUsername(), "--login", "fj-reader-ops",
                "--permanent", "--password-file", pw.toString())).isZero();
        assertThat(getWith("fj-reader-ops", "a long operator secret", "/api/v1/accounts")).isEqualTo(200);
    }
}
