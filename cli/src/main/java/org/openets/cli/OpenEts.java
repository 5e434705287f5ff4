package org.openets.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code openets}: the platform's command line for batch work. A plain {@code main}, not a Spring context, so
 * commands start in a fraction of a second.
 */
@Command(name = "openets", mixinStandardHelpOptions = true, version = "OpenETS 0.1.0",
        description = "OpenETS command line: serve the platform, verify the journal, compute emissions, allocate allowances.",
        subcommands = {ServeCommand.class, JournalCommand.class, EmissionsCommand.class, AllocateCommand.class, UsersCommand.class, CapsCommand.class})
public final class OpenEts implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static int execute(String... args) { return new CommandLine(new OpenEts()).execute(args); }

    public static void main(String... args) { System.exit(execute(args)); }
}
