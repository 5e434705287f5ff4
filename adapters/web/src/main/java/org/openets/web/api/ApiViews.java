package org.openets.web.api;

import org.openets.kernel.SerialRange;
import org.openets.registry.Account;
import org.openets.registry.Role;
import org.openets.registry.SeriesKey;
import org.openets.registry.Transaction;
import org.openets.web.desk.Proposal;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.RegistryViews.SeriesView;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the JSON API reads and writes. Accounts are named by their public numbers, serials in full text. */
public final class ApiViews {
    private ApiViews() {}

    public record AccountJson(long id, String number, String jurisdiction, String type, String holder, String holderKind, String entityCode, String status,
                              Set<Role> myRoles, boolean administeredByMe) {
        static AccountJson of(Account a, Permissions p) {
            return new AccountJson(a.id(), a.number(), a.jurisdiction().code(), a.type().name(), a.holder(),
                    a.holderKind() == null ? null : a.holderKind().name(), a.entityCode(), a.status().name(),
                    p.roles(a.id()), p.administers(a.jurisdiction()));
        }
    }

    public record HoldingJson(String series, String unitType, int vintage, String projectId, long quantity, long frozen, long free) {}

    public record BlockJson(String series, String firstSerial, String lastSerial, long quantity, String pledgedTo) {}

    public record SerialsJson(String first, String last, long quantity) {}

    public record TransactionJson(long id, String commandId, String batchId, String type, String status, String initiator, String from,
                                  String to, String series, String unitType, Integer vintage, String projectId, long quantity,
                                  String beneficiary, String purpose, String pledgee, Long reverses, Instant proposedAt, String approvedBy,
                                  Instant approvedAt, Instant expiresAt, Instant executesAt, Instant completedAt, String rejection,
                                  String declineReason, List<SerialsJson> serials) {}

    /** Shapes transactions for the API: account numbers and serial text need lookups. */
    static final class Transactions {
        private final RegistryDesk.SeriesLookup series;
        private final RegistryDesk.AccountNumbers numbers;
        private final org.openets.workflows.registry.spi.RegistryReadModel read;

        Transactions(RegistryDesk desk) {
            this.series = desk.seriesById();
            this.numbers = desk.accountNumbers();
            this.read = desk.readModel();
        }

        TransactionJson of(Transaction t) {
            SeriesView s = series.get(t.seriesId());
            List<SerialsJson> serials = t.ranges().stream().map(r -> serials(s, r)).toList();
            return new TransactionJson(t.id(), t.commandId().value(), t.batchId(), t.type().name(), t.status().name(), t.initiator().value(),
                    numbers.number(t.from()), numbers.number(t.to()), s == null ? null : s.code(), s == null ? null : s.unitType(),
                    s == null ? null : s.vintage(), s == null ? null : s.projectId(), t.quantity(), t.beneficiary(), t.purpose(),
                    numbers.number(t.pledgee()), t.reverses() == 0 ? null : t.reverses(), t.proposedAt(),
                    t.approvedBy() == null ? null : t.approvedBy().value(), t.approvedAt(), t.expiresAt(), t.executesAt(), t.completedAt(),
                    t.rejection() == null ? null : t.rejection().name(),
                    t.rejection() == org.openets.registry.Rejection.DECLINED ? read.declineReason(t.id()).orElse(null) : null, serials);
        }

        List<TransactionJson> of(List<Transaction> ts) { return ts.stream().map(this::of).toList(); }

        static SerialsJson serials(SeriesView s, SerialRange r) {
            return new SerialsJson(serial(s, r.first()), serial(s, r.last()), r.size());
        }
    }

    /** The serial text of number {@code n} in a series, as {@link SeriesKey#serial(long)} formats it. */
    static String serial(SeriesView s, long n) {
        if (s == null) return Long.toString(n);
        return s.prefix() + "-" + String.format("%012d", n);
    }

    public record BatchProposal(String commandId, List<Proposal> lines) {}

    public record BatchJson(String batchId, String status, List<TransactionJson> lines) {}

    public record TraceStepJson(long transactionId, String type, String from, String to, Instant completedAt) {}

    public record TraceJson(String serial, String series, String unitType, int vintage, String projectId, String holder, List<TraceStepJson> steps) {}

    public record TokenRequest(String name, Long expiresInSeconds) {}

    /** {@code token} is shown once, when the token is created; it is never stored. */
    public record TokenJson(long id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt, String token) {}

    public record MeJson(String login, String displayName, String kind, Set<String> administeredJurisdictions,
                         Map<String, Set<Role>> representedAccounts, boolean passwordChangeRequired) {}

    public record UnitTypeJson(String code, String kind, String issuer, String nameZh, String nameEn) {}
}
