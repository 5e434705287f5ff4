package org.openets.cli;

import org.openets.kernel.ActorId;
import org.openets.registry.SeriesKey;
import org.openets.store.Database;
import org.openets.store.PgRegistryAdministration;
import org.openets.store.PgRegistryReadModel;
import org.openets.store.Sql;
import org.openets.store.security.PgRefusals;
import org.openets.workflows.registry.RegistryViews.CapChangeView;
import org.openets.workflows.registry.RegistryViews.CapProposalView;
import org.openets.workflows.registry.RegistryViews.CapView;
import org.openets.workflows.registry.spi.RegistryAdministration.CapChange;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The caps (issuance limits): list them with their history and the changes awaiting approval, and set one directly, the
 * platform operator's action on the server with database access (as {@code users} is the operator's). In the pages and
 * the API a cap change is 4-eyes (one administrator proposes, another approves); {@code caps set} is not: the operator
 * sets the cap at once, acting as an administrator of the unit type's issuer ({@code --as}, recorded as who set it), and
 * the version is kept with the route {@code OPERATOR}, so the history tells it from a 4-eyes change. Otherwise the same
 * rules: on a source, in whole tonnes, never below what is issued plus what awaits approval (under the ledger's lock); a
 * refusal of authority is recorded in the refusal log. A change of the same cap awaiting approval stays pending (it is
 * named in the output), but it is approved only over the cap it was proposed against: unless this sets that very value,
 * its approval is now refused (CAP_CHANGED) and it is to be declined or withdrawn. Exit codes: 0 done, 1 refused (the reason on stderr,
 * nothing written), 2 could not run.
 */
@Command(name = "caps", description = "Caps (issuance limits): list them with their history and the changes awaiting approval; set one directly (the operator's action).",
        subcommands = {CapsCommand.List.class, CapsCommand.Set.class})
final class CapsCommand implements Runnable {
    static final int MAX_SOURCE = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    static final class Refused extends RuntimeException {
        Refused(String message) { super(message); }
    }

    static String t(long q) { return String.format(Locale.ROOT, "%,d", q); }

    abstract static class Base implements Callable<Integer> {
        @Mixin DatabaseOptions db;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        abstract String name();

        abstract void run(Database d, PrintWriter out);

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            try (Database d = Database.open(db.url, db.user, db.password, 2)) {
                try {
                    run(d, out);
                } catch (Refused e) {
                    err.println("caps " + name() + ": " + e.getMessage() + "; nothing written");
                    return 1;
                }
                out.flush();
                return 0;
            } catch (RuntimeException e) {
                Throwable c = e;
                while (c.getCause() != null) c = c.getCause();
                err.println("caps " + name() + ": cannot use the registry database at " + db.url + ": " + c.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "list", description = "Every cap with what is issued and awaiting approval, and the cap changes awaiting a second administrator; --history adds every version.",
            exitCodeOnExecutionException = 2)
    static final class List extends Base {
        @Option(names = "--history", description = "also list every version of the caps, newest first") boolean history;

        @Override String name() { return "list"; }

        @Override void run(Database d, PrintWriter out) {
            PgRegistryReadModel read = new PgRegistryReadModel(d.dataSource());
            out.printf("%-8s %-7s %20s %20s %20s  %s%n", "unit", "vintage", "cap (t)", "issued (t)", "awaiting (t)", "source");
            for (CapView c : read.caps())
                out.printf("%-8s %-7d %20s %20s %20s  %s%n", c.unitType(), c.vintage(), t(c.cap()), t(c.issued()), t(c.pending()), c.source() == null ? "" : c.source());
            java.util.List<CapProposalView> pending = read.capProposals("PENDING", 1000);
            if (!pending.isEmpty()) {
                out.println();
                out.printf("%-6s %-8s %-7s %20s  %-16s %-16s %-16s %s%n", "change", "unit", "vintage", "proposed cap (t)", "proposed by", "at (UTC+8)", "expires (UTC+8)", "source");
                for (CapProposalView x : pending.reversed())
                    out.printf("%-6s %-8s %-7d %20s  %-16s %-16s %-16s %s%n", "#" + x.id(), x.unitType(), x.vintage(), t(x.quantity()), x.proposedBy(),
                            TIME.format(x.proposedAt()), TIME.format(x.expiresAt()), x.source());
            }
            if (!history) return;
            out.println();
            out.printf("%-16s %-8s %-7s %20s %20s  %-16s %-16s %-16s %s%n", "set at (UTC+8)", "unit", "vintage", "before (t)", "cap (t)", "set by", "proposed by", "route", "source");
            for (CapChangeView h : read.capChanges(null, null, 1000))
                out.printf("%-16s %-8s %-7d %20s %20s  %-16s %-16s %-16s %s%n", TIME.format(h.at()), h.unitType(), h.vintage(), h.previous() == null ? "-" : t(h.previous()),
                        t(h.quantity()), h.setBy() == null ? "(platform)" : h.setBy(), h.proposedBy() == null ? "-" : h.proposedBy(), h.route(),
                        h.source() == null ? "" : h.source());
        }
    }

    @Command(name = "set", description = "Set the cap of a unit type and vintage at once, the operator acting as an administrator of the unit type's issuer "
            + "(recorded as OPERATOR; in the pages and the API a cap change needs a second administrator).", exitCodeOnExecutionException = 2)
    static final class Set extends Base {
        @Option(names = "--unit-type", required = true, description = "e.g. CEA, GDEA") String unitType;
        @Option(names = "--vintage", required = true, description = "a year from 2005 to 2100") int vintage;
        @Option(names = "--quantity", required = true, description = "the cap in whole tonnes (1 to the largest serial)") String quantity;
        @Option(names = "--source", required = true, description = "the regulation or notice the cap is set on (at most 500 characters)") String source;
        @Option(names = "--as", required = true, description = "the login of the administrator the operator acts as (recorded as who set it, route OPERATOR)") String as;

        @Override String name() { return "set"; }

        @Override void run(Database d, PrintWriter out) {
            String code = unitType.strip().toUpperCase(Locale.ROOT), login = as.strip(), target = code + " " + vintage;
            PgRegistryReadModel read = new PgRegistryReadModel(d.dataSource());
            PgRefusals refusals = new PgRefusals(d.dataSource());
            if (!UsersCommand.LOGIN.matcher(login).matches()) throw new Refused("--as is a login (letters, digits, . _ -)");
            Optional<String> issuer = one(d, "SELECT issuer FROM unit_type WHERE code = ?", code);
            if (issuer.isEmpty()) throw new Refused("UNKNOWN_UNIT_TYPE: no unit type " + code);
            // a disabled sign-in, or an auditor, acts for nobody (an administrator's record without a sign-in is the operator's to keep)
            boolean person = one(d, "SELECT (enabled AND kind = 'PERSON')::text FROM platform_user WHERE login = ?", login).map(Boolean::parseBoolean).orElse(true);
            if (!person || !read.administeredJurisdictions(ActorId.of(login)).contains(issuer.get())) {
                String detail = login + " may not set the caps of " + code + ": the administrators of " + issuer.get() + " do";
                refusals.record(Instant.now(), login, "SET issuance limit", target, "NOT_AUTHORISED", detail + " (openets caps set)");
                throw new Refused("NOT_AUTHORISED: " + detail);
            }
            if (vintage < 2005 || vintage > 2100) throw new Refused("VALIDATION_FAILED: vintage must be a year from 2005 to 2100");
            long q = quantity(quantity);
            String s = source.strip();
            if (s.isEmpty()) throw new Refused("VALIDATION_FAILED: a cap names its source (a regulation or notice number)");
            if (s.length() > MAX_SOURCE) throw new Refused("VALIDATION_FAILED: the source has at most " + MAX_SOURCE + " characters");
            CapChange c = new PgRegistryAdministration(d.dataSource()).changeIssuanceLimit(code, vintage, q, s, ActorId.of(login));
            switch (c.result()) {
                case UNKNOWN_UNIT_TYPE -> throw new Refused("UNKNOWN_UNIT_TYPE: no unit type " + code);
                case BELOW_ISSUED -> throw new Refused("CAP_BELOW_ISSUED: a cap of " + t(q) + " t for " + target + " is below what is issued (" + t(c.issued())
                        + " t) plus what awaits approval (" + t(c.pending()) + " t): it is at least " + t(c.issued() + c.pending()) + " t");
                case SET -> {
                    out.printf("cap of %s set to %s t (was %s) on %s, by %s (the operator's direct change)%n", target, t(q), c.previous() == null ? "none" : t(c.previous()) + " t",
                            s, login);
                    // a pending change is approved only over the cap it was proposed against (V39): said which way it now stands
                    read.capProposals("PENDING", 1000).stream().filter(x -> x.unitType().equals(code) && x.vintage() == vintage).forEach(x -> out.printf(
                            "note: change #%d of this cap to %s t, proposed by %s, still awaits approval; %s%n", x.id(), t(x.quantity()), x.proposedBy(),
                            x.baseQuantity() != null && x.baseQuantity() == q ? "approved, it replaces this value"
                                    : "it was proposed against " + (x.baseQuantity() == null ? "no cap" : t(x.baseQuantity()) + " t")
                                    + ", so its approval is now refused (CAP_CHANGED): decline or withdraw it"));
                }
            }
        }

        /** Whole tonnes from 1 to the largest serial, in digits (thousands separators allowed), as the pages read them. */
        static long quantity(String text) {
            java.math.BigDecimal v = org.openets.kernel.Quantity.typed(text).orElseThrow(() -> new Refused(
                    "INVALID_QUANTITY: --quantity is whole tonnes in digits, without a decimal point or exponent (1000 or 1,000), not '" + text + "'"));
            if (v.signum() <= 0) throw new Refused("INVALID_QUANTITY: quantity must be at least 1 t");
            if (v.scale() > 0) throw new Refused("INVALID_QUANTITY: quantity is whole tonnes");
            if (v.compareTo(java.math.BigDecimal.valueOf(SeriesKey.MAX_SERIAL)) > 0) throw new Refused("INVALID_QUANTITY: quantity must be at most " + t(SeriesKey.MAX_SERIAL) + " t");
            return v.longValueExact();
        }

        private static Optional<String> one(Database d, String sql, String arg) {
            try (var c = d.dataSource().getConnection()) {
                return Sql.one(c, sql, rs -> rs.getString(1), arg);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
