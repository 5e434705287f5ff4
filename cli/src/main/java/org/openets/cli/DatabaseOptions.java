package org.openets.cli;

import picocli.CommandLine.Option;

/** Where the system of record is. */
final class DatabaseOptions {
    @Option(names = "--url", description = "JDBC URL of the registry database (default: the quick start's embedded one, ${DEFAULT-VALUE})",
            defaultValue = "${env:OPENETS_DATABASE_URL:-jdbc:postgresql://localhost:54329/postgres}")
    String url;

    @Option(names = "--user", defaultValue = "${env:OPENETS_DATABASE_USER:-postgres}", description = "database user (default ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", defaultValue = "${env:OPENETS_DATABASE_PASSWORD:-}", description = "database password (or OPENETS_DATABASE_PASSWORD)")
    String password;
}
