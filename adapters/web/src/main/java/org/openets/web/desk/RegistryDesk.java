package org.openets.web.desk;

import org.openets.kernel.CommandId;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.Account;
import org.openets.registry.BatchRequest;
import org.openets.registry.OffsetAttributes;
import org.openets.registry.Outcome;
import org.openets.registry.Registry;
import org.openets.registry.Rejection;
import org.openets.registry.SeriesKey;
import org.openets.registry.Transaction;
import org.openets.registry.TransactionRequest;
import org.openets.registry.TransactionType;
import org.openets.registry.TransactionStatus;
import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.web.security.Refusals;
import org.openets.workflows.registry.RegistryService;
import org.openets.workflows.registry.RegistryViews.SeriesView;
import org.openets.workflows.registry.RegistryViews.TraceStep;
import org.openets.workflows.registry.spi.RegistryReadModel;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's front desk for the API and the pages alike: it finds out who is asking, checks the request
 * before it reaches the registry (so bad input and requests from people without the right are refused with
 * nothing written), hands the command to {@link RegistryService}, and turns the registry's rejections into
 * {@link Problem}s. Checks run in the registry's own precedence order (request shape, quantity, accounts,
 * unit type, then authorisation) so a request gets the same code here as it would from the registry.
 * Refusals of authority are recorded for the auditors.
 */
@Component
public class RegistryDesk {
    private static final Pattern SERIAL = Pattern.compile("([A-Z0-9-]+)-(\\d{12})");
    /** The most lines a batch proposes at once. */
    static final int MAX_BATCH_LINES = 2000;
    /** The most characters of a retirement's beneficiary or purpose. */
    static final int MAX_RETIREMENT_TEXT = 500;

    private final RegistryService registry;
    private final RegistryReadModel read;
    private final UnitTypes unitTypes;
    private final Refusals refusals;

    public RegistryDesk(RegistryService registry, RegistryReadModel read, UnitTypes unitTypes, Refusals refusals) {
        this.registry = registry;
        this.read = read;
        this.unitTypes = unitTypes;
        this.refusals = refusals;
    }

    public RegistryReadModel readModel() { return read; }

    public List<UnitTypes.Entry> unitTypes() { return unitTypes.all(); }

    // ---------------------------------------------------------------------------------------------- reading

    /** Auditors: every account; administrators: their jurisdictions' and their own; representatives: their own. */
    public List<Account> accounts(Permissions p) {
        if (!p.signedIn()) return List.of();
        if (p.auditor() || p.isAdministrator()) return read.accounts().stream().filter(p::mayRead).toList();
        return read.accounts(p.represented().keySet());
    }

    /**
     * A page of the accounts {@code p} may see that {@code filter} keeps, in the order of {@link #accounts(Permissions)}:
     * {@code rows}; {@code first}, the position (from 0) of the first row among the {@code matching} accounts of the
     * {@code total} the person may see; {@code previous} / {@code next}: there are matching accounts before / after.
     */
    public record AccountPage(List<Account> rows, int first, int matching, int total, boolean previous, boolean next) {}

    /**
     * Up to {@code limit} of the accounts {@code p} may see that {@code filter} keeps: those after the account numbered
     * {@code after} (the last of the page before), or else those just before the account numbered {@code before} (the
     * first of the page after; the previous page), or else the first. A cursor that is not an account the person sees is
     * 400 VALIDATION_FAILED. The accounts are read in one statement (not a query per account).
     */
    public AccountPage accounts(Permissions p, java.util.function.Predicate<Account> filter, String after, String before, int limit) {
        return page(accounts(p), filter, after, before, limit);
    }

    /** As above, over {@code all}: the accounts a person may see as {@link #accounts(Permissions)} read them. */
    public static AccountPage page(List<Account> all, java.util.function.Predicate<Account> filter, String after, String before, int limit) {
        Map<Long, Integer> position = new HashMap<>();
        for (int i = 0; i < all.size(); i++) position.put(all.get(i).id(), i);
        List<Account> matching = all.stream().filter(filter).toList();
        int from = 0, to;
        if (after != null && !after.isBlank()) {
            int at = cursor(all, after);
            while (from < matching.size() && position.get(matching.get(from).id()) <= at) from++;
            to = Math.min(matching.size(), from + limit);
        } else if (before != null && !before.isBlank()) {
            int at = cursor(all, before);
            to = 0;
            while (to < matching.size() && position.get(matching.get(to).id()) < at) to++;
            from = Math.max(0, to - limit);
            // a previous page that would hold fewer than a page's rows is the first page, full
            if (from == 0) to = Math.min(matching.size(), limit);
        } else to = Math.min(matching.size(), limit);
        return new AccountPage(List.copyOf(matching.subList(from, to)), from, matching.size(), all.size(), from > 0, to < matching.size());
    }

    /** Where an account list's cursor (an account's number) stands among the accounts read. */
    private static int cursor(List<Account> all, String number) {
        String n = number.strip();
        for (int i = 0; i < all.size(); i++) if (all.get(i).number().equalsIgnoreCase(n)) return i;
        throw Problem.badRequest("VALIDATION_FAILED", "after and before name an account of the list: the last (after) or the first (before) of a page")
                .say("detail.accounts.cursor");
    }

    /** An account by number or id that the person may read: 404 UNKNOWN_ACCOUNT, 403 NOT_AUTHORISED. */
    public Account account(Permissions p, String ref) { return account(p, ref, "READ account"); }

    /** As above; a refusal is recorded as {@code action}, what was attempted (e.g. CHANGE_STATUS account, GRANT role). */
    public Account account(Permissions p, String ref, String action) {
        Account a = find(ref).orElseThrow(() -> Problem.notFound("UNKNOWN_ACCOUNT", "no account " + ref).say("detail.unknownAccount", ref));
        if (!p.mayRead(a)) throw refuse(p, action, a.number(), "NOT_AUTHORISED", p.login() + " may not see account " + a.number()).say("detail.deny.seeAccount", a.number());
        return a;
    }

    /** An account by number (as typed: any case, full-width forms too) or by id. */
    public Optional<Account> find(String ref) {
        if (ref == null || ref.isBlank() || ref.length() > 64) return Optional.empty();
        String r = org.openets.web.FullWidth.toAscii(ref).strip();
        if (r.chars().allMatch(Character::isDigit)) {
            try {
                return read.account(Long.parseLong(r));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return read.accountByNumber(r).or(() -> read.accountByNumber(r.toUpperCase(java.util.Locale.ROOT)));
    }

    public Transaction transaction(Permissions p, long id) { return transaction(p, id, "READ transaction"); }

    /** As above; a refusal is recorded as {@code action} (what was attempted: READ, APPROVE, DECLINE, CANCEL transaction). */
    public Transaction transaction(Permissions p, long id, String action) {
        Transaction t = read.transaction(id).orElseThrow(() -> Problem.notFound("UNKNOWN_TRANSACTION", "no transaction " + id).say("detail.unknownTransaction", id));
        if (!mayRead(p, t)) throw refuse(p, action, Long.toString(id), "NOT_AUTHORISED", p.login() + " may not see transaction " + id).say("detail.deny.seeTransaction", id);
        return t;
    }

    /**
     * Auditors read every transaction; whoever reads the source account reads it whatever its state; whoever reads
     * only the destination reads it once it has moved units into that account (completed), or when it has no source
     * (issuance): a proposal that was declined, cancelled or rejected, or still waits, is none of the destination's
     * business (nor who proposed it).
     */
    public boolean mayRead(Permissions p, Transaction t) { return mayRead(p, t, read::account); }

    /** The lines of a batch the person may read, by the rule of {@link #mayRead(Permissions, Transaction)}; each account looked up once. */
    public List<Transaction> readableBatch(Permissions p, String batchId) {
        AccountNumbers accounts = accountNumbers();
        return read.batch(batchId).stream().filter(t -> mayRead(p, t, accounts::account)).toList();
    }

    /** As above, with accounts looked up through {@code accounts} (a history asks about the same few accounts many times). */
    private static boolean mayRead(Permissions p, Transaction t, java.util.function.LongFunction<Optional<Account>> accounts) {
        if (p.auditor()) return true;
        if (t.from() != 0 && accounts.apply(t.from()).map(p::mayRead).orElse(false)) return true;
        return t.to() != 0 && (t.from() == 0 || t.status() == org.openets.registry.TransactionStatus.COMPLETED)
                && accounts.apply(t.to()).map(p::mayRead).orElse(false);
    }

    /**
     * Whether the person may open a trace step's transaction: the rule of {@link #mayRead(Permissions, Transaction)} for
     * a completed transaction (the page links only those, so a step of someone else's history is not a link to a 403).
     */
    public boolean mayRead(Permissions p, TraceStep s, AccountNumbers accounts) {
        if (p.auditor()) return true;
        return s.from() != 0 && accounts.account(s.from()).map(p::mayRead).orElse(false)
                || s.to() != 0 && accounts.account(s.to()).map(p::mayRead).orElse(false);
    }

    /** An account's newest transactions as far as the person may read them, and whether older ones exist beyond them. */
    /** A page of an account's history; {@code before} is where the next (older) page starts, 0 when there is none. */
    public record History(List<Transaction> rows, boolean more, long before) {}

    /**
     * An account's transactions, newest first, as far as the person may read them (see {@link #mayRead(Permissions,
     * Transaction)}): up to {@code limit} of them, looked for among the newest {@code 2 × limit} of the account's.
     */
    public History history(Permissions p, Account a, int limit) {
        return history(p, a, Long.MAX_VALUE, null, null, limit);
    }

    /**
     * A page of an account's history older than transaction {@code before}, of one type and status when given (their
     * names; anything else is 400 VALIDATION_FAILED): up to {@code limit} readable rows, looked for window by window
     * ({@code 2 × limit} of the account's each, at most ten); the page says where the next one starts.
     */
    public History history(Permissions p, Account a, long before, String type, String status, int limit) {
        if (before <= 0) throw Problem.badRequest("VALIDATION_FAILED", "before is a transaction number").say("detail.history.before");
        String t = enumName(type, TransactionType.class, "type"), s = enumName(status, TransactionStatus.class, "status");
        AccountNumbers accounts = accountNumbers(); // each account looked up once
        List<Transaction> readable = new ArrayList<>();
        long from = before;
        boolean full = false;
        // window after window until the page is filled or the history ends (at most 10: a reader who may see little of a
        // long history is told there is more, and where to go on, rather than made to wait)
        for (int windows = 0; windows < 10 && readable.size() <= limit; windows++) {
            List<Transaction> window = read.transactionsOf(a.id(), from, t, s, 2 * limit);
            window.stream().filter(x -> mayRead(p, x, accounts::account)).forEach(readable::add);
            full = window.size() == 2 * limit;
            if (!full) break;
            from = window.getLast().id();
        }
        if (readable.size() > limit) return new History(readable.subList(0, limit), true, readable.get(limit - 1).id());
        // the next page starts after the last row examined (everything after the last row shown was not the reader's)
        return new History(readable, full, full ? from : 0);
    }

    private static <E extends Enum<E>> String enumName(String text, Class<E> type, String field) {
        if (text == null || text.isBlank()) return null;
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(java.util.Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "unknown " + field + " " + text).say("type".equals(field) ? "detail.history.type" : "detail.history.status", text);
        }
    }

    /** The account whose controls govern a transaction: its source, or for issuance its destination. */
    public Account governing(Transaction t) {
        return read.account(t.from() != 0 ? t.from() : t.to()).orElseThrow();
    }

    /**
     * Of an inbox, what waits for a regulator in particular: administrative types and transactions from government accounts. An
     * administrator may also approve holders' own transactions (in place of their approvers) where the controls of the account's
     * jurisdiction and type allow it (off by default: then the inbox holds none of them); those are shown on request.
     */
    public List<Transaction> forRegulators(List<Transaction> inbox) {
        AccountNumbers accounts = accountNumbers();
        return inbox.stream().filter(t -> t.type().isAdministrative()
                || accounts.account(t.from() != 0 ? t.from() : t.to()).map(a -> a.type().isGovernment()).orElse(true)).toList();
    }

    public List<Transaction> inbox(Permissions p) {
        return p.mayWrite() ? read.approvalInbox(p.actor()) : List.of();
    }

    /** The person's own transactions awaiting another person's approval, or approved and delayed (none for a read-only person). */
    public List<Transaction> ownPending(Permissions p) {
        return p.mayWrite() ? read.ownPending(p.actor()) : List.of();
    }

    public SeriesLookup seriesById() { return new SeriesLookup(read); }

    /** Series by id, each looked up once per use (not every series: an offset registry has one per project and vintage). */
    public static final class SeriesLookup {
        private final RegistryReadModel read;
        private final Map<Long, Optional<SeriesView>> seen = new HashMap<>();

        SeriesLookup(RegistryReadModel read) { this.read = read; }

        /** The series, or null for none (0: a transaction rejected before its series existed). */
        public SeriesView get(long id) { return id == 0 ? null : seen.computeIfAbsent(id, read::series).orElse(null); }
    }

    /** Account numbers by id, looked up once per use. */
    public AccountNumbers accountNumbers() { return new AccountNumbers(read); }

    public static final class AccountNumbers {
        private final RegistryReadModel read;
        private final Map<Long, Optional<Account>> seen = new HashMap<>();

        AccountNumbers(RegistryReadModel read) { this.read = read; }

        public Optional<Account> account(long id) { return id == 0 ? Optional.empty() : seen.computeIfAbsent(id, read::account); }

        public String number(long id) { return account(id).map(Account::number).orElse(null); }
    }

    /** People's display names by login, looked up once per use. */
    public PersonNames personNames() { return new PersonNames(read); }

    public static final class PersonNames {
        private final RegistryReadModel read;
        private final Map<String, Optional<String>> seen = new HashMap<>();

        PersonNames(RegistryReadModel read) { this.read = read; }

        /** The person's display name; null for a login that is no person (the platform, a job). */
        public String of(String login) {
            if (login == null) return null;
            return seen.computeIfAbsent(login, l -> Optional.ofNullable(read.displayNames(List.of(l)).get(l))).orElse(null);
        }
    }

    /** The public report, read in one snapshot: anyone may read it. */
    public org.openets.workflows.registry.RegistryViews.PublicReport publicReport() { return read.publicReport(); }

    /**
     * The public list of accounts, of one jurisdiction and one account type when named (blank: all; an unknown one
     * matches nothing): anyone may read it. A trading account's holder is not in it.
     */
    public List<org.openets.workflows.registry.RegistryViews.PublicAccountRow> publicAccounts(String jurisdiction, String type) {
        String j = jurisdiction == null ? "" : jurisdiction.strip().toUpperCase(java.util.Locale.ROOT);
        String t = type == null ? "" : type.strip().toUpperCase(java.util.Locale.ROOT);
        return read.publicAccounts().stream().filter(a -> (j.isEmpty() || a.jurisdiction().equals(j)) && (t.isEmpty() || a.type().equals(t))).toList();
    }

    public record Trace(String serial, SeriesView series, long number, String holderNow, List<TraceStep> steps, LeftCirculation left) {}

    /**
     * The transaction that took a unit out of circulation into a surrender, retirement or cancellation account, when that
     * is where it is now: its number, type, when it completed, and for a retirement the beneficiary and purpose it names.
     */
    public record LeftCirculation(long transactionId, String type, java.time.Instant completedAt, String beneficiary, String purpose) {}

    /** What took the unit out of circulation, when its last step moved it into a terminal account (else null). */
    private LeftCirculation leftCirculation(List<TraceStep> steps) {
        if (steps.isEmpty()) return null;
        TraceStep last = steps.getLast();
        if (read.account(last.to()).map(a -> !a.type().isTerminal()).orElse(true)) return null;
        return read.transaction(last.transactionId()).map(t -> new LeftCirculation(t.id(), t.type().name(), t.completedAt(), t.beneficiary(), t.purpose()))
                .orElse(null);
    }

    /**
     * Where a serial number has been. Auditors see every series' whole history; an administrator the whole history
     * of the series its jurisdictions issue. Anyone else (a representative, or an administrator for another
     * jurisdiction's series) only units one of their accounts holds or held, and then only the history up to and
     * including the last step that moved the unit into or out of one of their accounts; the holder now only when it
     * is one of their accounts, or when their own account's surrender, retirement or cancellation was the unit's last step
     * (then the terminal account and that transaction, {@link LeftCirculation}). Everyone else is refused (403
     * NOT_AUTHORISED, recorded).
     */
    public Trace trace(Permissions p, String serialText) {
        String s = serialText == null ? "" : org.openets.web.FullWidth.toAscii(serialText).strip().toUpperCase(java.util.Locale.ROOT);
        Matcher m = SERIAL.matcher(s);
        if (!m.matches()) throw Problem.badRequest("VALIDATION_FAILED", "a serial looks like CN-CEA-2024-000000000001").say("detail.serialFormat");
        long number = Long.parseLong(m.group(2));
        SeriesView series = read.series().stream().filter(x -> x.prefix().equals(m.group(1))).findFirst()
                .orElseThrow(() -> Problem.notFound("UNKNOWN_SERIAL", "no unit series " + m.group(1)).say("detail.unknownSeries", m.group(1)));
        if (number < 1 || number > series.issued()) throw Problem.notFound("UNKNOWN_SERIAL", s + " was never issued").say("detail.serialNeverIssued", s);
        List<TraceStep> steps = read.trace(series.id(), number);
        String holder = steps.isEmpty() ? null : steps.getLast().holderNow();
        if (p.auditor() || administersIssuer(p, series)) return new Trace(s, series, number, holder, steps, leftCirculation(steps));

        int last = -1;
        for (int i = 0; i < steps.size(); i++)
            if (p.represented().containsKey(steps.get(i).from()) || p.represented().containsKey(steps.get(i).to())) last = i;
        // an administrator is told whose series it is: one their jurisdictions do not issue (not the holder's wording)
        String issuer = unitTypes.find(series.unitType()).map(ut -> ut.issuer().code()).orElse(series.prefix());
        if (last < 0 && p.isAdministrator()) throw refuse(p, "TRACE serial", s, "NOT_AUTHORISED", s + " is a unit of " + issuer
                + ", a jurisdiction " + p.login() + " does not administer").say("detail.deny.traceOtherJurisdiction", s, issuer);
        if (last < 0) throw refuse(p, "TRACE serial", s, "NOT_AUTHORISED", p.login() + " may trace only units their accounts hold or held").say("detail.deny.trace");
        // the holder who surrendered, retired or cancelled the units by the last step of all sees where that step put them (a
        // registry account, no other holder's) and its own transaction; a later holder's account stays unseen
        LeftCirculation left = last == steps.size() - 1 && p.represented().containsKey(steps.get(last).from()) ? leftCirculation(steps) : null;
        String visibleHolder = left != null ? holder
                : holder != null && read.accountByNumber(holder).map(a -> p.represented().containsKey(a.id())).orElse(false) ? holder : null;
        List<TraceStep> visible = steps.subList(0, last + 1).stream()
                .map(t -> new TraceStep(t.transactionId(), t.type(), t.from(), t.to(), t.completedAt(), visibleHolder)).toList();
        return new Trace(s, series, number, visibleHolder, visible, left);
    }

    private boolean administersIssuer(Permissions p, SeriesView series) {
        return p.isAdministrator() && unitTypes.find(series.unitType()).map(ut -> p.administers(ut.issuer())).orElse(false);
    }

    // ---------------------------------------------------------------------------------------------- writing

    /** Proposes one transaction; a retry under the same command id returns the first result. */
    public Transaction propose(Permissions p, Proposal x) {
        CommandId id = commandId(x.commandId());
        TransactionRequest r = checkedRequest(p, id, x);
        Outcome o = registry.propose(r);
        return accepted(p, "PROPOSE " + r.type(), id.value(), o);
    }

    /** The proposal as the registry's request, checked; a refusal under a command id used for another request says that first. */
    private TransactionRequest checkedRequest(Permissions p, CommandId id, Proposal x) {
        try {
            return request(p, id, x, true);
        } catch (Problem e) {
            throw usedIdFirst(e, id, "command id " + id + " was used for a different request");
        }
    }

    /**
     * What proposing would come to now, proposing nothing and recording nothing but a refusal of authority: a page's
     * review step, before the person confirms. The desk's own checks run as for {@link #propose} (shape, quantity,
     * accounts, units, the person's authority), then what the accounts alone settle (the same account, a terminal source,
     * a route the type does not take); a refusal up to there is thrown as {@link #propose} would throw it. Then the
     * registry's own checks, in its order, on the current state ({@link RegistryService#review}): a failure from
     * ACCOUNT_NOT_OPEN on (status, unit type, holdings, pledges, the trusted list) is returned as the review's answer, for
     * the page to say with what to do; where everything passes, the route it would take (approval, delay, when it would be
     * carried out). The registry checks again when the proposal is made.
     */
    public org.openets.registry.Review review(Permissions p, Proposal x) {
        CommandId id = commandId(x.commandId());
        TransactionRequest r = checkedRequest(p, id, x);
        // what the accounts alone settle (the same account, a terminal source, a route the type does not take) is said
        // now, on the form, before a review that could only end in a refused transaction
        Optional<Outcome.Rejected> refused = Registry.refusalByAccounts(r.type(), r.from() == 0 ? null : read.account(r.from()).orElse(null),
                r.to() == 0 ? null : read.account(r.to()).orElse(null));
        if (refused.isPresent()) {
            Outcome.Rejected x1 = refused.get();
            Problem problem = rejection(p, "PROPOSE " + r.type(), id.value(), x1.code(), x1.detail(), false);
            if (x1.detailKey() != null) problem.say(x1.detailKey(), x1.detailArgs().toArray());
            throw problem;
        }
        org.openets.registry.Review review = registry.review(r);
        // the desk's checks mirror the registry's up to the route: anything the registry still finds before the state
        // checks (its authority check among them, recorded as a refusal) is thrown as the proposal would throw it
        if (review instanceof org.openets.registry.Review.Refused f && f.code().compareTo(Rejection.ACCOUNT_NOT_OPEN) < 0) {
            Problem problem = rejection(p, "PROPOSE " + r.type(), id.value(), f.code(), f.detail(), false);
            if (f.detailKey() != null) problem.say(f.detailKey(), f.detailArgs().toArray());
            throw problem;
        }
        return review;
    }

    /** Whether a command id was used already (by a transaction or a batch). */
    public boolean commandIdUsed(String commandId) {
        return commandId != null && !commandId.isBlank() && read.commandIdUsed(commandId.strip());
    }

    public record BatchResult(String batchId, List<Transaction> lines) {}

    /** Proposes lines that complete all or none (e.g. an allocation table). Line i gets the command id {@code <batch>:<i>}. */
    public BatchResult proposeBatch(Permissions p, String batchId, List<Proposal> lines) {
        CommandId id = commandId(batchId);
        if (id.value().length() > BatchRequest.MAX_ID_LENGTH)
            throw Problem.badRequest("VALIDATION_FAILED", "a batch's commandId has at most " + BatchRequest.MAX_ID_LENGTH + " characters (its lines add :1 … :2000)")
                    .say("detail.batchIdLength", BatchRequest.MAX_ID_LENGTH);
        if (lines == null || lines.isEmpty()) throw Problem.badRequest("VALIDATION_FAILED", "a batch needs at least one line").say("detail.batch.empty");
        if (lines.size() > MAX_BATCH_LINES) throw Problem.badRequest("VALIDATION_FAILED", "a batch has at most " + MAX_BATCH_LINES + " lines").say("detail.batch.tooMany", MAX_BATCH_LINES);
        List<TransactionRequest> requests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Proposal line = lines.get(i);
            if (line == null) throw Problem.badRequest("VALIDATION_FAILED", "line " + (i + 1) + " is empty").say("detail.batch.emptyLine").onLine(i + 1);
            try {
                requests.add(request(p, id.child(Integer.toString(i + 1)), line, false));
            } catch (Problem e) {
                Problem used = usedIdFirst(e, id, "batch id " + id + " was used for a different batch");
                if (used != e) throw used;
                // the line's own refusal, with its line: what it says (if it says anything) is said again, after 第 N 行：
                throw new Problem(e.status(), e.code(), "line " + (i + 1) + ": " + e.detail()).with("line", i + 1)
                        .say(e.messageKey(), e.messageArgs().toArray()).onLine(i + 1);
            }
        }
        Outcome.Batch b = registry.proposeBatch(new BatchRequest(id, p.actor(), requests));
        if (b.isRejected()) {
            Problem problem = rejection(p, "PROPOSE BATCH", id.value(), b.code(), b.detail(), false);
            // what the failing line's check says, with the line, for a page in another language
            if (b.detailKey() != null) {
                problem.say(b.detailKey(), b.detailArgs().toArray());
                if (b.detailLine() > 0) problem.onLine(b.detailLine());
            }
            if (!b.lines().isEmpty()) problem.with("transactionIds", b.lines().stream().map(Transaction::id).toList());
            throw problem;
        }
        return new BatchResult(id.value(), b.lines());
    }

    public Transaction approve(Permissions p, long id) {
        checkActionable(p, id, "APPROVE");
        return accepted(p, "APPROVE transaction", Long.toString(id), registry.approve(id, p.actor()), true);
    }

    /**
     * Declines a pending transaction, saying why (required, at most {@link org.openets.registry.Registry#MAX_DECLINE_REASON}
     * characters; a batch's lines all get the reason). A decline that happened is a success: the transaction as it now
     * stands (REJECTED, rejection DECLINED). Only a refusal (not allowed, not pending, unknown, no reason) is a problem.
     */
    public Transaction decline(Permissions p, long id, String reason) {
        checkActionable(p, id, "DECLINE");
        // a line break counts once, however the client sent it (a browser's form sends CR LF)
        if (reason != null) reason = reason.replace("\r\n", "\n").replace('\r', '\n');
        if (reason == null || reason.isBlank())
            throw org.openets.web.Problem.badRequest("VALIDATION_FAILED", "reason: say why the transaction is declined").say("detail.declineReason");
        if (reason.strip().length() > org.openets.registry.Registry.MAX_DECLINE_REASON)
            throw org.openets.web.Problem.badRequest("VALIDATION_FAILED", "reason: at most " + org.openets.registry.Registry.MAX_DECLINE_REASON + " characters").say("detail.declineReasonLength", org.openets.registry.Registry.MAX_DECLINE_REASON);
        Outcome o = registry.decline(id, p.actor(), reason);
        if (o instanceof Outcome.Rejected r && r.code() == Rejection.DECLINED && r.transaction() != null
                && r.transaction().status() == org.openets.registry.TransactionStatus.REJECTED)
            return r.transaction();
        return accepted(p, "DECLINE transaction", Long.toString(id), o, true);
    }

    public Transaction cancel(Permissions p, long id) {
        checkActionable(p, id, "CANCEL");
        return accepted(p, "CANCEL transaction", Long.toString(id), registry.cancel(id, p.actor()), true);
    }

    /**
     * The transaction someone may act on (approve, decline, cancel): writers only, and only a transaction they may
     * read; a refusal is recorded as the action attempted ({@code APPROVE transaction}, …), not as a read.
     */
    public Transaction actionable(Permissions p, long id, String action) {
        if (!p.mayWrite()) throw refuse(p, action + " transaction", Long.toString(id), "NOT_AUTHORISED", p.login() + " may not change anything").say("detail.deny.readOnly");
        return transaction(p, id, action + " transaction");
    }

    private void checkActionable(Permissions p, long id, String action) { actionable(p, id, action); }

    // ---------------------------------------------------------------------------------------------- checks

    /**
     * An id used before decides before the desk's own checks: a body that fails them is not the first body (which passed),
     * so it is a different one (409 DUPLICATE_ID_DIFFERENT_BODY). A refusal for lack of authority stays a refusal (and
     * is recorded); an id never used leaves the desk's refusal as it is.
     */
    private Problem usedIdFirst(Problem refused, CommandId id, String detail) {
        if (refused.status() == HttpStatus.FORBIDDEN || !read.commandIdUsed(id.value())) return refused;
        return new Problem(HttpStatus.CONFLICT, Rejection.DUPLICATE_ID_DIFFERENT_BODY.name(), detail).say("detail.duplicateId", id.value());
    }

    static CommandId commandId(String value) {
        if (value == null || value.isBlank()) throw Problem.badRequest("VALIDATION_FAILED", "commandId is required").say("detail.commandId.required");
        try {
            return CommandId.of(value);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "commandId must be 1-80 characters of A-Z a-z 0-9 . _ : -").say("detail.commandId.format");
        }
    }

    private TransactionRequest request(Permissions p, CommandId id, Proposal x, boolean single) {
        if (x.type() == null || x.type().isBlank()) throw Problem.badRequest("VALIDATION_FAILED", "type is required").say("detail.type.required");
        TransactionType type;
        try {
            type = TransactionType.valueOf(x.type().strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "unknown transaction type " + x.type()).say("detail.type.unknown", x.type());
        }
        if (!p.mayWrite()) throw refuse(p, "PROPOSE " + type, id.value(), "NOT_AUTHORISED", p.login() + " may not change anything").say("detail.deny.readOnly");
        boolean reversal = type == TransactionType.REVERSAL;

        // authority before input: where the source account (or the transaction reversed) is known, someone who may not
        // initiate the type on it is refused whatever else the request says (empty, malformed or fine), and recorded
        if (!reversal && type != TransactionType.ISSUE && !blank(x.from())) {
            Optional<Account> source = find(x.from());
            if (source.isPresent() && !p.mayInitiate(type, source.get())) throw denied(p, type, source.get(), source.get().number());
        }
        if (reversal && x.reverses() != null && x.reverses() > 0) read.transaction(x.reverses()).ifPresent(t -> authoriseReversal(p, t));

        // request shape
        if (reversal) {
            if (x.reverses() == null || x.reverses() <= 0) throw Problem.badRequest("VALIDATION_FAILED", "a reversal names the transaction it reverses (reverses)")
                    .say("detail.reversal.reverses");
            if (x.from() != null || x.to() != null || x.unitType() != null || x.quantity() != null)
                throw Problem.badRequest("VALIDATION_FAILED", "a reversal names only the transaction it reverses").say("detail.reversal.only");
        } else {
            if (type != TransactionType.ISSUE && blank(x.from())) throw Problem.badRequest("VALIDATION_FAILED", "from is required for " + type).say("detail.required.from");
            if ((type == TransactionType.TRANSFER || type == TransactionType.ALLOCATE) && blank(x.to()))
                throw Problem.badRequest("VALIDATION_FAILED", "to is required for " + type).say("detail.required.to");
            if ((type == TransactionType.FREEZE || type == TransactionType.UNFREEZE) && blank(x.pledgee()))
                throw Problem.badRequest("VALIDATION_FAILED", "pledgee is required for " + type).say("detail.required.pledgee");
            if (blank(x.unitType())) throw Problem.badRequest("VALIDATION_FAILED", "unitType is required").say("detail.chooseUnits");
            if (x.vintage() == null) throw Problem.badRequest("VALIDATION_FAILED", "vintage is required").say("detail.vintage.required");
            if (x.vintage() < 2005 || x.vintage() > 2100) throw Problem.badRequest("VALIDATION_FAILED", "vintage must be a year from 2005 to 2100").say("detail.year.range", 2005, 2100);
        }
        if (type != TransactionType.RETIRE && tooLong(x.purpose()))
            throw Problem.badRequest("VALIDATION_FAILED", "a reason has at most " + MAX_RETIREMENT_TEXT + " characters").say("detail.reason.length", MAX_RETIREMENT_TEXT);
        if (tooLong(x.beneficiary()) || tooLong(x.purpose())) throw Problem.badRequest("VALIDATION_FAILED", "beneficiary and purpose have at most " + MAX_RETIREMENT_TEXT + " characters")
                .say("detail.retire.textLength", MAX_RETIREMENT_TEXT);

        // quantity
        long quantity = reversal ? 0 : quantity(x.quantity());

        // accounts
        Account from = blank(x.from()) ? null : known(x.from(), "from");
        Account to = blank(x.to()) ? null : known(x.to(), "to");
        Account pledgee = blank(x.pledgee()) ? null : known(x.pledgee(), "pledgee");
        // a pledge to the account itself (SAME_ACCOUNT) or to a government account (ROUTE_NOT_ALLOWED) is the registry's check,
        // in its order (after authority)

        // unit type and series
        SeriesKey series = null;
        OffsetAttributes offset = null;
        if (!reversal) {
            UnitType ut = unitTypes.find(x.unitType().strip().toUpperCase())
                    .orElseThrow(() -> Problem.unprocessable("UNKNOWN_UNIT_TYPE", "unknown unit type " + x.unitType()).say("detail.unknownUnitType", x.unitType()));
            String project = blank(x.projectId()) ? null : x.projectId().strip().toUpperCase();
            try {
                series = new SeriesKey(ut, Vintage.of(x.vintage()), project);
            } catch (IllegalArgumentException e) {
                // the page says which rule, in its language: a project id where none belongs, or none where one must be
                String key = !ut.isOffset() && project != null ? "detail.series.noProject" : ut.isOffset() && project == null ? "detail.series.needsProject"
                        : project != null ? "detail.series.projectFormat" : "detail.seriesInvalid";
                throw Problem.badRequest("VALIDATION_FAILED", e.getMessage()).say(key, e.getMessage());
            }
            if (type == TransactionType.ISSUE && ut.isOffset()) offset = offset(project, x.offset());
            else if (x.offset() != null) throw Problem.badRequest("VALIDATION_FAILED", "only an offset issuance carries offset attributes").say("detail.offset.notOffset");
            if (type != TransactionType.ISSUE) {
                if (!read.seriesExists(ut.code(), series.vintage().year(), series.projectId()))
                    throw Problem.unprocessable("UNKNOWN_UNIT_TYPE", "no units of " + series.code() + " exist").say("detail.noUnitsOf", series.code());
            }
        }

        // authority
        Transaction reversed = null;
        if (reversal) reversed = read.transaction(x.reverses()).orElseThrow(() -> Problem.unprocessable("UNKNOWN_TRANSACTION", "no transaction " + x.reverses())
                .say("detail.unknownTransaction", x.reverses()));
        String target = from != null ? from.number() : reversed != null ? "transaction " + reversed.id() : series.prefix();
        boolean allowed;
        if (type == TransactionType.ISSUE) allowed = p.mayWrite() && p.administers(series.unitType().issuer());
        // a transaction rejected before its accounts resolved names no jurisdiction: an administrator hears the registry's
        // NOT_REVERSIBLE, anyone else is not authorised
        else if (reversal) allowed = read.account(reversed.to()).map(a -> p.mayInitiate(type, a)).orElse(p.mayWrite() && p.isAdministrator());
        else allowed = p.mayInitiate(type, from);
        if (!allowed) throw reversal ? deniedReversal(p, reversed.id()) : denied(p, type, from, target);

        return new TransactionRequest(id, type, p.actor(), from == null ? 0 : from.id(), to == null ? 0 : to.id(), series, quantity,
                blank(x.beneficiary()) ? null : x.beneficiary().strip(), blank(x.purpose()) ? null : x.purpose().strip(),
                pledgee == null ? 0 : pledgee.id(), reversal ? x.reverses() : 0, offset);
    }

    /**
     * Authority before input, for a page that reads its form before proposing: refuses (403 NOT_AUTHORISED, recorded as
     * {@code PROPOSE <type>}) someone who may not initiate {@code type} on {@code from}, as {@link #propose} would refuse
     * the same person with a complete form.
     */
    public void authoriseInitiation(Permissions p, TransactionType type, Account from) {
        if (!p.mayWrite()) throw refuse(p, "PROPOSE " + type, from.number(), "NOT_AUTHORISED", p.login() + " may not change anything").say("detail.deny.readOnly");
        if (!p.mayInitiate(type, from)) throw denied(p, type, from, from.number());
    }

    /** The same for a reversal of transaction {@code id} (an administrator of the jurisdiction it went to): before its reason is read. */
    public void authoriseReversal(Permissions p, long id) {
        read.transaction(id).ifPresent(t -> authoriseReversal(p, t));
    }

    private void authoriseReversal(Permissions p, Transaction reversed) {
        boolean allowed = read.account(reversed.to()).map(a -> p.mayInitiate(TransactionType.REVERSAL, a)).orElse(p.mayWrite() && p.isAdministrator());
        if (!allowed) throw deniedReversal(p, reversed.id());
    }

    /** The refusal of someone who may not initiate {@code type} on {@code target}; a representative without the initiator's role hears which role they have. */
    private Problem denied(Permissions p, TransactionType type, Account from, String target) {
        // a representative without the initiator's role hears which role they have: only an initiator proposes
        java.util.Set<org.openets.registry.Role> roles = from == null ? java.util.Set.of() : p.roles(from.id());
        if (!roles.isEmpty() && !roles.contains(org.openets.registry.Role.INITIATOR)) {
            boolean approver = roles.contains(org.openets.registry.Role.APPROVER);
            return refuse(p, "PROPOSE " + type, target, "NOT_AUTHORISED", p.login() + " may not initiate " + type + " on " + target + ": their role there is "
                    + (approver ? "approver" : "read only") + ", and only an initiator proposes transactions")
                    .say(approver ? "detail.deny.initiate.approver" : "detail.deny.initiate.readOnly", Problem.term(type), target);
        }
        return refuse(p, "PROPOSE " + type, target, "NOT_AUTHORISED", p.login() + " may not initiate " + type + " on " + target).say("detail.deny.initiate", Problem.term(type), target);
    }

    /** A reversal's target is a transaction ("transaction 12" in English): the page names it by its number. */
    private Problem deniedReversal(Permissions p, long reversed) {
        String target = "transaction " + reversed;
        return refuse(p, "PROPOSE " + TransactionType.REVERSAL, target, "NOT_AUTHORISED", p.login() + " may not initiate " + TransactionType.REVERSAL + " on " + target)
                .say("detail.deny.reverse", reversed);
    }

    private static OffsetAttributes offset(String project, Proposal.Offset o) {
        if (o == null) throw Problem.badRequest("VALIDATION_FAILED", "an offset issuance needs offset attributes (projectType, originRegion, reductionFrom, reductionTo)")
                .say("detail.offset.required");
        if (o.reductionFrom() != null && o.reductionTo() != null && o.reductionTo().isBefore(o.reductionFrom()))
            throw Problem.badRequest("VALIDATION_FAILED", "reduction period ends before it starts").say("detail.reductionPeriod", o.reductionFrom(), o.reductionTo());
        try {
            return new OffsetAttributes(project, o.projectType(), o.originRegion(), o.reductionFrom(), o.reductionTo(),
                    Boolean.TRUE.equals(o.insideCoveredBoundary()));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("VALIDATION_FAILED", e.getMessage()).say("detail.offset.invalid", e.getMessage());
        }
    }

    /** Whole tonnes from 1 to the largest serial a series can hold; anything else is INVALID_QUANTITY. */
    static long quantity(BigDecimal q) {
        if (q == null) throw Problem.unprocessable("INVALID_QUANTITY", "quantity is required").say("detail.quantity.required");
        BigDecimal s = q.stripTrailingZeros();
        if (s.signum() <= 0) throw Problem.unprocessable("INVALID_QUANTITY", "quantity must be at least 1 t").say("detail.quantity.positive");
        if (s.scale() > 0) throw Problem.unprocessable("INVALID_QUANTITY", "quantity is whole tonnes").say("detail.quantity.whole");
        if (s.compareTo(BigDecimal.valueOf(SeriesKey.MAX_SERIAL)) > 0)
            throw Problem.unprocessable("INVALID_QUANTITY", "quantity must be at most " + SeriesKey.MAX_SERIAL + " t").say("detail.quantity.max", String.format(java.util.Locale.ROOT, "%,d", SeriesKey.MAX_SERIAL));
        return s.longValueExact();
    }

    private Account known(String ref, String field) {
        return find(ref).orElseThrow(() -> Problem.unprocessable("UNKNOWN_ACCOUNT", "no account " + ref + " (" + field + ")").say("detail.unknownAccount." + field, ref));
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    private static boolean tooLong(String s) { return s != null && s.length() > MAX_RETIREMENT_TEXT; }

    // ---------------------------------------------------------------------------------------------- outcomes

    private Transaction accepted(Permissions p, String action, String target, Outcome o) { return accepted(p, action, target, o, false); }

    private Transaction accepted(Permissions p, String action, String target, Outcome o, boolean transactionInPath) {
        return switch (o) {
            case Outcome.Accepted a -> a.transaction();
            case Outcome.Rejected r -> {
                Problem problem = rejection(p, action, target, r.code(), r.detail(), transactionInPath);
                // what the registry's detail says, for a page in another language (reject.* in the UI's messages)
                if (r.detailKey() != null) problem.say(r.detailKey(), r.detailArgs().toArray());
                if (r.transaction() != null) problem.with("transactionId", r.transaction().id()).with("transactionStatus", r.transaction().status().name());
                throw problem;
            }
        };
    }

    private Problem rejection(Permissions p, String action, String target, Rejection code, String detail, boolean subjectInPath) {
        if (code == Rejection.NOT_AUTHORISED || code == Rejection.SELF_APPROVAL) return refuse(p, action, target, code.name(), detail);
        HttpStatus status = switch (code) {
            case UNKNOWN_ACCOUNT, UNKNOWN_TRANSACTION -> subjectInPath ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_CONTENT;
            case DUPLICATE_ID_DIFFERENT_BODY -> HttpStatus.CONFLICT;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return new Problem(status, code.name(), detail == null ? code.name() : detail);
    }

    /** A 403 for lack of authority, recorded for the auditors. */
    public Problem refuse(Permissions p, String action, String target, String code, String detail) {
        refusals.record(p.login(), action, target, code, detail);
        return Problem.forbidden(code, detail);
    }

    /** Administrators of a unit type's issuer may issue it. */
    public List<UnitTypes.Entry> issuable(Permissions p) {
        return unitTypes.all().stream().filter(e -> p.mayWrite() && p.administers(e.unitType().issuer())).toList();
    }
}
