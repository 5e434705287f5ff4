package org.openets.server;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code openets.database.*}: {@code mode=embedded} (default) starts a real PostgreSQL from the classpath with its
 * data under {@code data-dir} on {@code embedded-port} (0 = any free port); {@code mode=external} connects to
 * {@code url} as {@code user}/{@code password}.
 */
@ConfigurationProperties("openets.database")
public record DatabaseSettings(@DefaultValue("embedded") String mode, @DefaultValue("./data/pg") String dataDir,
                               @DefaultValue("0") int embeddedPort, String url, @DefaultValue("postgres") String user,
                               @DefaultValue("") String password, @DefaultValue("16") int poolSize) {
    public boolean embedded() {
        return switch (mode) {
            case "embedded" -> true;
            case "external" -> false;
            default -> throw new IllegalArgumentException("openets.database.mode must be embedded or external, not " + mode);
        };
    }
}
