package org.openets.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the system of record is: the registry database's URL, user and password. The password option is
 * {@code --db-password}: a command that also takes a person's password ({@code users add}, {@code users passwd}) reads
 * that one from a file or standard input, never from an option, so no option named {@code --password} could be taken
 * for it. The old {@code --password} is refused with a message saying so.
 */
final class DatabaseOptions {
    @Option(names = "--url", description = "JDBC URL of the registry database (default: the quick start's embedded one, ${DEFAULT-VALUE})",
            defaultValue = "${env:OPENETS_DATABASE_URL:-jdbc:postgresql://localhost:54329/postgres}")
    String url;

    @Option(names = "--user", defaultValue = "${env:OPENETS_DATABASE_USER:-postgres}", description = "database user (default ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--db-password", paramLabel = "P", defaultValue = "${env:OPENETS_DATABASE_PASSWORD:-}",
            description = "the registry database's password, not a person's (default: OPENETS_DATABASE_PASSWORD, else none)")
    String password;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE) CommandLine.Model.CommandSpec command;

    /** The option's old name: refused, naming the new one (and, in {@code users}, where a person's password comes from). */
    @Option(names = "--password", hidden = true, paramLabel = "P")
    void oldPasswordOption(String ignored) {
        boolean users = command.qualifiedName().startsWith("openets users");
        throw new CommandLine.ParameterException(command.commandLine(), "--password is not an option: the database password is --db-password (or "
                + "OPENETS_DATABASE_PASSWORD)" + (users ? "; the person's password is never an option: it is the first line of --password-file, else of standard input" : ""));
    }
}
