package org.openets.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code openets}: the platform's command line for batch work. A plain {@code main}, not a Spring context, so
 * commands start in a fraction of a second.
 *
 * <p>One exit-code convention for every command (docs/reference/cli.md, <em>Exit codes</em>): {@link #DONE},
 * {@link #REFUSED}, {@link #COULD_NOT_RUN}. Every command and subcommand takes {@code -h}/{@code --help} (usage on
 * standard output, exit 0); a command that groups subcommands, run without one, is a usage error.
 */
@Command(name = "openets", mixinStandardHelpOptions = true, version = "OpenETS 0.1.0",
        description = "OpenETS command line: serve the platform, verify the journal, compute emissions, allocate allowances.",
        footer = "Exit codes: 0 done; 1 refused or check failed (the reasons on stderr; nothing written); 2 usage error or could not run.",
        subcommands = {ServeCommand.class, JournalCommand.class, EmissionsCommand.class, AllocateCommand.class, UsersCommand.class, CapsCommand.class, CalendarCommand.class})
public final class OpenEts {
    /** Done: what was asked is done (or, for a check, found intact). */
    public static final int DONE = 0;
    /**
     * The command ran and said no: a refusal (nothing written), a check that found problems, an input or ruleset with
     * problems (each listed on stderr; nothing written).
     */
    public static final int REFUSED = 1;
    /**
     * The command could not run: a usage error (an unknown or missing option, a bad value, a group without its
     * subcommand), a file that cannot be read or written, a database that cannot be reached.
     */
    public static final int COULD_NOT_RUN = 2;

    public static int execute(String... args) { return commandLine().execute(args); }

    public static void main(String... args) { System.exit(execute(args)); }

    /** The command line as {@code bin/openets} runs it: the conventions above applied to every command. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new OpenEts());
        conventions(cl);
        // serve passes Spring properties (--name=value) on to the server; it checks that each is one
        cl.getSubcommands().get("serve").setUnmatchedOptionsArePositionalParams(true);
        cl.setExecutionStrategy(OpenEts::run);
        return cl;
    }

    private static void conventions(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        spec.exitCodeOnInvalidInput(COULD_NOT_RUN);
        spec.exitCodeOnExecutionException(COULD_NOT_RUN);
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp))
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        for (CommandLine sub : cl.getSubcommands().values()) conventions(sub);
    }

    /** Help first; then a group without its subcommand is a usage error; otherwise the last command given runs. */
    private static int run(ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) return help;
        ParseResult last = parsed;
        while (last.hasSubcommand()) last = last.subcommand();
        CommandSpec spec = last.commandSpec();
        if (!spec.subcommands().isEmpty())
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand: '" + spec.qualifiedName()
                    + "' needs one of " + String.join(", ", spec.subcommands().keySet()));
        return new CommandLine.RunLast().execute(parsed);
    }
}
