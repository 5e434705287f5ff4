package org.openets.web.ui;

import org.openets.registry.Account;
import org.openets.registry.Transaction;
import org.openets.web.desk.RegistryDesk;
import org.openets.workflows.registry.RegistryViews.SeriesView;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Rows as the pages show them: account numbers instead of ids, serial text, times in China Standard Time. */
public final class PageViews {
    private PageViews() {}

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

    static String time(Instant t) { return t == null ? "" : TIME.format(t); }

    public record TxRow(long id, String commandId, String batchId, String type, String status, String initiator, String from, String fromHolder,
                 String to, String toHolder, String series, long quantity, String beneficiary, String purpose, String proposedAt,
                 String approvedBy, String approvedAt, String expiresAt, String executesAt, String completedAt, String rejection,
                 List<SerialsRow> serials, String pledgee, Long reverses, String initiatorName, String approvedByName) {
        /** Who proposed it as a page names a person: 张三（cn-power-1-init）, or the login alone where there is no name. */
        public String initiatorShown() { return shown(initiatorName, initiator); }

        public String approvedByShown() { return shown(approvedByName, approvedBy); }

        private static String shown(String name, String login) {
            if (login == null) return null;
            if (name == null || name.equals(login)) return login;
            return "zh".equals(org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage()) ? name + "（" + login + "）" : name + " (" + login + ")";
        }
    }

    public record SerialsRow(String first, String last, long quantity) {}

    static final class Rows {
        private final RegistryDesk.SeriesLookup series;
        private final RegistryDesk.AccountNumbers accounts;
        private final org.openets.web.security.Permissions reader;
        private final RegistryDesk.PersonNames people;

        /** Rows as {@code reader} sees them: a natural person's name only where the reader may read that person's account. */
        Rows(RegistryDesk desk, org.openets.web.security.Permissions reader) {
            this.series = desk.seriesById();
            this.accounts = desk.accountNumbers();
            this.reader = reader;
            this.people = desk.personNames();
        }

        private String holder(long account) {
            return accounts.account(account).map(reader::holderAsSeen).orElse(null);
        }

        TxRow of(Transaction t) {
            SeriesView s = series.get(t.seriesId());
            List<SerialsRow> serials = t.ranges().stream()
                    .map(r -> new SerialsRow(serial(s, r.first()), serial(s, r.last()), r.size())).toList();
            return new TxRow(t.id(), t.commandId().value(), t.batchId(), t.type().name(), t.status().name(), t.initiator().value(),
                    accounts.number(t.from()), holder(t.from()), accounts.number(t.to()), holder(t.to()),
                    s == null ? "—" : s.code(), t.quantity(), t.beneficiary(), t.purpose(), time(t.proposedAt()),
                    t.approvedBy() == null ? null : t.approvedBy().value(), time(t.approvedAt()), time(t.expiresAt()), time(t.executesAt()),
                    time(t.completedAt()), t.rejection() == null ? null : t.rejection().name(), serials,
                    t.pledgee() == 0 ? null : accounts.number(t.pledgee()), t.reverses() == 0 ? null : t.reverses(),
                    people.of(t.initiator().value()), t.approvedBy() == null ? null : people.of(t.approvedBy().value()));
        }

        List<TxRow> of(List<Transaction> ts) { return ts.stream().map(this::of).toList(); }

        String number(long id) { return accounts.number(id); }
    }

    static String serial(SeriesView s, long n) {
        return s == null ? Long.toString(n) : s.prefix() + "-" + String.format("%012d", n);
    }
}
