package org.openets.cli;

import org.openets.store.Database;
import org.openets.store.JournalVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;

@Command(name = "journal", description = "The tamper-evident journal.", subcommands = JournalCommand.Verify.class)
final class JournalCommand {

    /** Exit codes ({@link OpenEts}): 0 intact, 1 broken (problems listed), 2 could not run (e.g. database unreachable) or usage error. */
    @Command(name = "verify", description = "Recompute the hash chain from genesis and every balance from the journal; name the exact entry where it breaks.",
            exitCodeOnExecutionException = 2)
    static final class Verify implements java.util.concurrent.Callable<Integer> {
        @Mixin DatabaseOptions db;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            JournalVerifier.Report report;
            try (Database d = Database.open(db.url, db.user, db.password, 2)) {
                report = new JournalVerifier(d.dataSource()).verify();
            } catch (RuntimeException e) {
                err.println("journal verify: cannot read the registry database at " + db.url + ": " + rootMessage(e));
                return OpenEts.COULD_NOT_RUN;
            }
            out.printf("journal entries: %d (genesis included)%nhead hash: %s%n", report.entries(), report.headHash());
            if (report.intact()) {
                out.println("chain intact; balances, blocks and transactions agree with the journal");
                return OpenEts.DONE;
            }
            err.printf("journal verify found %d problem(s):%n", report.problems().size());
            for (JournalVerifier.Problem p : report.problems()) err.println("  " + p);
            return OpenEts.REFUSED;
        }

        private static String rootMessage(Throwable t) {
            while (t.getCause() != null) t = t.getCause();
            return t.getMessage();
        }
    }
}
