package org.openets.web.ui;

import org.openets.registry.Account;
import org.openets.registry.AccountStatus;
import org.openets.registry.AccountType;
import org.openets.registry.Registry;
import org.openets.registry.TrustedAccount;
import org.openets.registry.Role;
import org.openets.registry.Transaction;
import org.openets.registry.TransactionType;
import org.openets.web.Problem;
import org.openets.web.desk.AccountAdministrationDesk;
import org.openets.web.desk.Proposal;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.RegistryViews.BlockView;
import org.openets.workflows.registry.RegistryViews.HoldingView;
import org.openets.workflows.registry.RegistryViews.SeriesView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** My accounts; one account with its holdings, serial blocks and history; transfer, surrender and retire. */
@Controller
public class AccountPages {
    /** Operations on a holder's account beyond transfer, surrender and retirement, each shown to whoever may initiate it. */
    private static final List<TransactionType> OPERATIONS = List.of(TransactionType.CANCEL, TransactionType.FORCED_DEDUCTION,
            TransactionType.RETURN_OF_EXCESS, TransactionType.FREEZE, TransactionType.UNFREEZE);

    /** The newest transactions shown on an account's page; older ones through the API (up to 1,000). */
    static final int HISTORY_ROWS = 200;

    /** The accounts a page of the accounts list shows (by jurisdiction and type, as read); next and previous for the rest. */
    static final int ACCOUNT_ROWS = 100;

    /** The serial blocks shown on an account's page (by series and first serial); all of them in blocks.csv. */
    static final int BLOCK_ROWS = 100;

    private final RegistryDesk desk;
    private final AccountAdministrationDesk administration;
    private final Access access;

    public AccountPages(RegistryDesk desk, AccountAdministrationDesk administration, Access access) {
        this.desk = desk;
        this.administration = administration;
        this.access = access;
    }

    /** An account in the list, with what it holds by series (units of different series are not added up). */
    public record AccountRow(Account account, Set<Role> roles, List<HoldingView> holdings) {}

    public record BlockRow(String series, String first, String last, long quantity, String pledgedTo) {}

    @GetMapping("/")
    String home() { return "redirect:/accounts"; }

    /**
     * The "go to transaction" box: a number typed (with # or grouping, full-width or not) goes to its page. Anything else
     * goes back to the accounts page saying what to enter; a number of a transaction that does not exist, or that the
     * person may not see (the refusal recorded), goes back saying the same for both: nobody learns from the box whether a
     * transaction they may not see exists.
     */
    @GetMapping("/transactions")
    String findTransaction(@RequestParam(required = false) String id, RedirectAttributes ra) {
        String digits = id == null ? "" : org.openets.web.FullWidth.toAscii(id).replaceAll("[#,\\s]", "");
        try {
            if (!digits.matches("\\d{1,18}"))
                throw Problem.badRequest("VALIDATION_FAILED", "enter a transaction number, e.g. 3614").say("detail.transactionNumber");
            long number = Long.parseLong(digits);
            try {
                desk.transaction(access.current(), number);
            } catch (Problem unknownOrHidden) {
                if (!unknownOrHidden.code().equals("UNKNOWN_TRANSACTION") && !unknownOrHidden.code().equals("NOT_AUTHORISED")) throw unknownOrHidden;
                throw Problem.notFound("UNKNOWN_TRANSACTION", "transaction " + number + " was not found, or you may not see it")
                        .say("detail.transactionNotFound", Long.toString(number));
            }
            return "redirect:/transactions/" + number;
        } catch (Problem e) {
            ra.addFlashAttribute("flash", PageSupport.Flash.of(e));
            return "redirect:/accounts";
        }
    }

    @GetMapping("/accounts")
    String accounts(@RequestParam(required = false) String q, @RequestParam(required = false) String type,
                    @RequestParam(required = false) String status, @RequestParam(required = false) String after,
                    @RequestParam(required = false) String before, Model model) {
        Permissions p = access.current();
        // find: a number, holder or entity code containing the text (full-width forms read as ASCII), of a type and status
        String text = q == null ? "" : org.openets.web.FullWidth.toAscii(q).strip().toLowerCase(java.util.Locale.ROOT);
        String t = type == null ? "" : type.strip(), st = status == null ? "" : status.strip();
        // a national registry has thousands of accounts: the page shows ACCOUNT_ROWS of those found, with what they hold
        // read for the page's accounts in one query
        List<Account> all = desk.accounts(p);
        RegistryDesk.AccountPage page = RegistryDesk.page(all, a -> (text.isEmpty() || a.number().toLowerCase(java.util.Locale.ROOT).contains(text)
                        || a.holder().toLowerCase(java.util.Locale.ROOT).contains(text)
                        || (a.entityCode() != null && a.entityCode().toLowerCase(java.util.Locale.ROOT).contains(text)))
                        && (t.isEmpty() || a.type().name().equals(t))
                        && (st.isEmpty() || a.status().name().equals(st)),
                after, before, ACCOUNT_ROWS);
        Map<Long, List<HoldingView>> held = desk.readModel().holdings(page.rows().stream().map(Account::id).toList());
        List<AccountRow> rows = page.rows().stream().map(a -> new AccountRow(a, p.roles(a.id()), held.getOrDefault(a.id(), List.of()))).toList();
        model.addAttribute("accounts", rows);
        model.addAttribute("accountsMatching", page.matching());
        model.addAttribute("accountsFrom", page.first() + 1);
        model.addAttribute("accountsTo", page.first() + rows.size());
        model.addAttribute("accountsPrevious", page.previous());
        model.addAttribute("accountsNext", page.next());
        model.addAttribute("accountsPrevCursor", rows.isEmpty() ? "" : rows.getFirst().account().number());
        model.addAttribute("accountsNextCursor", rows.isEmpty() ? "" : rows.getLast().account().number());
        model.addAttribute("accountsTotal", all.size());
        // an auditor or an administrator reads accounts they hold no role on: not "my" accounts
        model.addAttribute("allAccounts", p.auditor() || p.isAdministrator());
        model.addAttribute("findText", q == null ? "" : q.strip());
        model.addAttribute("findType", t);
        model.addAttribute("findStatus", st);
        model.addAttribute("accountTypes", all.stream().map(a -> a.type().name()).distinct().sorted().toList());
        model.addAttribute("accountStatuses", Arrays.stream(AccountStatus.values()).map(Enum::name).toList());
        model.addAttribute("openIn", p.mayWrite() ? new java.util.TreeSet<>(p.administered()) : java.util.Set.of());
        model.addAttribute("openable", AccountAdministrationDesk.openable());
        model.addAttribute("commandId", PageSupport.newCommandId());
        return "accounts";
    }

    @PostMapping("/accounts")
    String open(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String type, @RequestParam(required = false) String holder,
                @RequestParam(required = false) String holderKind, @RequestParam(required = false) String entityCode,
                @RequestParam(required = false) String commandId, RedirectAttributes ra) {
        Permissions p = access.current();
        var sent = PageSupport.sent("open", "jurisdiction", jurisdiction, "type", type, "holder", holder, "holderKind", holderKind, "entityCode", entityCode);
        Account[] opened = new Account[1];
        String back = PageSupport.act(ra, "/accounts", sent, () -> {
            // the form's id: a second press of the button answers with the account the first one opened
            opened[0] = administration.openAccount(p, jurisdiction, type, holder, holderKind, entityCode, commandId);
            return new PageSupport.Flash("done", "ACCOUNT_OPENED", opened[0].number(), null, null);
        });
        return opened[0] == null ? back : "redirect:/accounts/" + opened[0].number();
    }

    @PostMapping("/accounts/{ref}/representatives")
    String grant(@PathVariable String ref, @RequestParam(required = false) String login, @RequestParam(required = false) String role, RedirectAttributes ra) {
        Permissions p = access.current();
        Account a = desk.account(p, ref, "GRANT role");
        return PageSupport.act(ra, "/accounts/" + a.number(), PageSupport.sent("grant", "login", login, "role", role), () -> {
            administration.grant(p, a.number(), login, role);
            return new PageSupport.Flash("done", "ROLE_GRANTED", login == null ? "" : login.strip(), null, null);
        });
    }

    @PostMapping("/accounts/{ref}/representatives/revoke")
    String revoke(@PathVariable String ref, @RequestParam(required = false) String login, @RequestParam(required = false) String role, RedirectAttributes ra) {
        Permissions p = access.current();
        Account a = desk.account(p, ref, "REVOKE role");
        return PageSupport.act(ra, "/accounts/" + a.number(), () -> {
            administration.revoke(p, a.number(), login, role);
            return new PageSupport.Flash("done", "ROLE_REVOKED", login == null ? "" : login.strip(), null, null);
        });
    }

    @GetMapping("/accounts/{ref}")
    String account(@PathVariable String ref, @RequestParam(required = false) String before, @RequestParam(required = false) String type,
                   @RequestParam(required = false) String status, Model model) {
        Permissions p = access.current();
        Account a = desk.account(p, ref);
        RegistryDesk.SeriesLookup series = desk.seriesById();
        PageViews.Rows rows = new PageViews.Rows(desk, p);
        List<HoldingView> holdings = desk.readModel().holdings(a.id());
        // an account that trades for years holds thousands of blocks: the page shows the first ones and says how many there are
        List<BlockView> blocks = desk.readModel().blocks(a.id(), BLOCK_ROWS);
        model.addAttribute("blocksTotal", blocks.size() < BLOCK_ROWS ? blocks.size() : desk.readModel().blockCount(a.id()));
        model.addAttribute("blockLimit", BLOCK_ROWS);
        model.addAttribute("account", a);
        model.addAttribute("roles", p.roles(a.id()));
        model.addAttribute("government", a.type().isGovernment());
        model.addAttribute("holdings", holdings);
        // the units other accounts pledged to this one (it is their pledgee): its representatives see what they hold as security
        model.addAttribute("pledgedToUs", a.type().isGovernment() ? List.of() : desk.readModel().pledgedTo(a.id()));
        model.addAttribute("blocks", blocks.stream().map(b -> new BlockRow(b.seriesCode(), PageViews.serial(series.get(b.seriesId()), b.range().first()),
                PageViews.serial(series.get(b.seriesId()), b.range().last()), b.quantity(), rows.number(b.pledgee()))).toList());
        long from;
        try {
            from = before == null || before.isBlank() ? Long.MAX_VALUE : Long.parseLong(before.strip());
        } catch (NumberFormatException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "before is a transaction number").say("detail.history.before");
        }
        RegistryDesk.History history = desk.history(p, a, from, type, status, HISTORY_ROWS);
        model.addAttribute("history", rows.of(history.rows()));
        model.addAttribute("historyMore", history.more());
        model.addAttribute("historyNext", history.before());
        model.addAttribute("historyPaged", from != Long.MAX_VALUE);
        model.addAttribute("historyFiltered", (type != null && !type.isBlank()) || (status != null && !status.isBlank()));
        model.addAttribute("historyType", type == null ? "" : type.strip().toUpperCase(java.util.Locale.ROOT));
        model.addAttribute("historyStatus", status == null ? "" : status.strip().toUpperCase(java.util.Locale.ROOT));
        model.addAttribute("txTypes", Arrays.stream(TransactionType.values()).map(Enum::name).toList());
        model.addAttribute("txStatuses", Arrays.stream(org.openets.registry.TransactionStatus.values()).map(Enum::name).toList());
        model.addAttribute("historyLimit", HISTORY_ROWS);
        // only the forms the account's status lets succeed (a restricted account may still surrender what it owes)
        // and only what units may do out of an account of this type (the registry's rule: Registry.mayLeave)
        model.addAttribute("mayTransfer", p.mayInitiate(TransactionType.TRANSFER, a) && Registry.mayLeave(TransactionType.TRANSFER, a.type())
                && a.status().maySend(TransactionType.TRANSFER));
        model.addAttribute("maySurrender", p.mayInitiate(TransactionType.SURRENDER, a) && !a.type().isGovernment() && Registry.mayLeave(TransactionType.SURRENDER, a.type())
                && a.status().maySend(TransactionType.SURRENDER));
        model.addAttribute("mayRetire", p.mayInitiate(TransactionType.RETIRE, a) && !a.type().isGovernment() && Registry.mayLeave(TransactionType.RETIRE, a.type())
                && a.status().maySend(TransactionType.RETIRE));
        // operations move or pledge units: none to offer on an account that holds nothing
        model.addAttribute("operations", holdings.isEmpty() ? List.of() : OPERATIONS.stream().filter(t -> mayOperate(p, t, a)).map(Enum::name).toList());
        model.addAttribute("allocationAccounts", desk.readModel().accounts(a.jurisdiction().code(), AccountType.ALLOCATION).stream()
                .filter(p::mayRead).map(Account::number).toList());
        model.addAttribute("mayChangeStatus", administration.mayChangeStatus(p, a) && a.status() != AccountStatus.CLOSED);
        model.addAttribute("statuses", Arrays.stream(AccountStatus.values()).filter(st -> st != a.status()).map(Enum::name).toList());
        model.addAttribute("statusHistory", desk.readModel().statusHistory(a.id()));
        model.addAttribute("mayKeepTrustedList", administration.mayKeepTrustedList(p, a));
        model.addAttribute("representatives", a.type().isGovernment() ? List.of() : desk.readModel().representatives(a.id()));
        model.addAttribute("mayKeepRepresentatives", administration.mayKeepRepresentatives(p, a));
        model.addAttribute("representativeChanges", a.type().isGovernment() ? List.of() : desk.readModel().representativeChanges(a.id()));
        model.addAttribute("roles4grant", Arrays.stream(Role.values()).map(Enum::name).toList());
        model.addAttribute("trusted", a.type().isGovernment() ? List.of() : administration.asSeen(p, desk.readModel().trustedAccounts(a.id())));
        model.addAttribute("pendingTrusted", a.type().isGovernment() ? List.of() : administration.rows(p, desk.readModel().pendingTrusted(a.id())));
        // an administrator's transfer goes to another government account of the jurisdiction (units reach holders by allocation)
        model.addAttribute("governmentDestinations", !a.type().isGovernment() ? List.of() : java.util.stream.Stream.of(AccountType.TOTAL_QUANTITY,
                        AccountType.ALLOCATION, AccountType.AUCTION, AccountType.NEW_ENTRANT_RESERVE)
                .flatMap(t -> desk.readModel().accounts(a.jurisdiction().code(), t).stream()).filter(x -> x.id() != a.id()).map(Account::number).toList());
        model.addAttribute("trustedRemovals", a.type().isGovernment() ? List.of() : administration.removalsAsSeen(p, desk.readModel().trustedRemovals(a.id())));
        // what the list does for this account type: a transfer to an account not on it is refused, or waits so many business hours
        org.openets.registry.Controls controls = desk.readModel().controls(a.jurisdiction().code(), a.type()).orElse(org.openets.registry.Controls.none());
        model.addAttribute("untrustedPolicy", controls.untrusted() == org.openets.registry.Controls.UntrustedPolicy.REFUSE ? "REFUSE"
                : controls.untrustedDelayHours() > 0 ? "DELAY" : "NONE");
        model.addAttribute("untrustedDelayHours", controls.untrustedDelayHours());
        model.addAttribute("now", Instant.now());
        model.addAttribute("commandId", PageSupport.newCommandId());
        return "account";
    }

    private static boolean mayOperate(Permissions p, TransactionType t, Account a) {
        // what the registry never accepts out of an account of this type is not offered (a return of excess out of a trading
        // account, anything but a reversal out of a terminal one): the registry's rule, asked, not copied
        if (!Registry.mayLeave(t, a.type()) || !p.mayInitiate(t, a)) return false;
        // what the status lets leave; a pledgee's release is never held up by the holder's status (but a closed account does nothing)
        if (t == TransactionType.UNFREEZE ? a.status() == AccountStatus.CLOSED : !a.status().maySend(t)) return false;
        // administrators act on holders' accounts; a government account's units leave it by allocation or cancellation only
        return t == TransactionType.CANCEL || !a.type().isGovernment();
    }

    @PostMapping("/accounts/{ref}/operation")
    String operation(@PathVariable String ref, @RequestParam(required = false) String commandId, @RequestParam(required = false) String type,
                     @RequestParam(required = false) String to, @RequestParam(required = false) String pledgee,
                     @RequestParam(required = false) String series, @RequestParam(required = false) String quantity,
                     @RequestParam(required = false) String reason, @RequestParam(required = false) boolean confirm, RedirectAttributes ra) {
        Permissions p = access.current();
        Account from = desk.account(p, ref, "PROPOSE " + (type == null ? "operation" : type));
        // who may change nothing (an auditor) is refused before the form is read, and recorded
        if (!p.mayWrite()) throw desk.refuse(p, "PROPOSE " + (type == null ? "operation" : type), from.number(), "NOT_AUTHORISED", p.login() + " may not change anything").say("detail.deny.readOnly");
        var sent = PageSupport.sent(type == null ? "" : type, "to", to, "pledgee", pledgee, "series", series, "quantity", quantity, "reason", reason);
        return PageSupport.act(ra, "/accounts/" + from.number(), sent, () -> {
            java.util.Optional<TransactionType> chosen = OPERATIONS.stream().filter(o -> o.name().equals(type)).findFirst();
            // authority before input: who may initiate the operation (or, none named, any of them) on the account, else refused and recorded
            if (chosen.isPresent()) desk.authoriseInitiation(p, chosen.get(), from);
            else if (OPERATIONS.stream().noneMatch(o -> p.mayInitiate(o, from)))
                throw desk.refuse(p, "PROPOSE operation", from.number(), "NOT_AUTHORISED", p.login() + " may not initiate an operation on " + from.number())
                        .say("detail.deny.initiate", "operation", from.number());
            TransactionType t = chosen.orElseThrow(() -> Problem.badRequest("VALIDATION_FAILED", "choose an operation").say("detail.chooseOperation"));
            // a cancellation takes units out of circulation for good: the page asks the person to confirm it
            if (t == TransactionType.CANCEL && !confirm) throw Problem.badRequest("VALIDATION_FAILED", "confirm that cancelled units leave circulation for good").say("detail.confirm.cancel");
            // a forced deduction names its legal basis (the decision or notice); the others may say why
            if (t == TransactionType.FORCED_DEDUCTION && (reason == null || reason.isBlank()))
                throw Problem.badRequest("VALIDATION_FAILED", "a forced deduction names its reason or legal basis").say("detail.reason.forcedDeduction");
            // a forced deduction takes units from the holder against their will: the page asks the administrator to confirm it
            if (t == TransactionType.FORCED_DEDUCTION && !confirm)
                throw Problem.badRequest("VALIDATION_FAILED", "confirm that the deducted units go to the surrender account and are not given back").say("detail.confirm.forcedDeduction");
            SeriesChoice s = SeriesChoice.parse(series);
            boolean pledge = t == TransactionType.FREEZE || t == TransactionType.UNFREEZE;
            Transaction done = desk.propose(p, new Proposal(commandId == null || commandId.isBlank() ? PageSupport.newCommandId() : commandId,
                    t.name(), from.number(), t == TransactionType.RETURN_OF_EXCESS ? blankToNull(to) : null, s.unitType(), s.vintage(), s.projectId(),
                    FormQuantities.parse(quantity), null, blankToNull(reason), pledge ? blankToNull(pledgee) : null, null, null));
            return new PageSupport.Flash("done", "PROPOSED", null, done.id(), done.status().name());
        });
    }

    @PostMapping("/accounts/{ref}/status")
    String status(@PathVariable String ref, @RequestParam(required = false) String status, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) boolean confirm, @RequestParam(required = false) boolean confirmClose, RedirectAttributes ra) {
        Permissions p = access.current();
        Account a = desk.account(p, ref, "CHANGE_STATUS account");
        return PageSupport.act(ra, "/accounts/" + a.number(), PageSupport.sent("status", "status", status, "reason", reason), () -> {
            // who may not change it is refused before the form is read (recorded, as with a complete form)
            administration.authoriseStatusChange(p, a);
            // a status change takes effect at once (no second person approves it): the page asks the administrator to confirm it
            if (!confirm) throw Problem.badRequest("VALIDATION_FAILED", "confirm the status change: it takes effect at once").say("detail.confirm.status");
            // closing is final: the page asks the person to say they know
            if ("CLOSED".equalsIgnoreCase(status == null ? "" : status.strip()) && !confirmClose)
                throw Problem.badRequest("VALIDATION_FAILED", "confirm that closing the account is final").say("detail.confirm.close");
            Account changed = administration.changeStatus(p, a.number(), status, reason);
            return new PageSupport.Flash("done", "STATUS_CHANGED", changed.status().name(), null, null);
        });
    }

    @PostMapping("/accounts/{ref}/trusted")
    String trust(@PathVariable String ref, @RequestParam(required = false) String account, RedirectAttributes ra) {
        Permissions p = access.current();
        Account a = desk.account(p, ref, "TRUST account");
        return PageSupport.act(ra, "/accounts/" + a.number(), PageSupport.sent("trust", "account", account), () -> {
            org.openets.registry.TrustedAddition.Added added = administration.trust(p, a.number(), account);
            if (added.isPending())
                return new PageSupport.Flash("done", "TRUSTED_PENDING", desk.readModel().account(added.pending().trustedAccountId()).map(Account::number).orElse(""), null, null);
            TrustedAccount t = added.entry();
            return new PageSupport.Flash("done", "TRUSTED", desk.readModel().account(t.trustedAccountId()).map(Account::number).orElse("")
                    + " · " + PageViews.time(t.activatesAt()), null, null);
        });
    }

    /** Where a decision on a pending addition goes back to: the approval inbox, or the account. */
    private static String trustBack(String back, Account a) { return "approvals".equals(back) ? "/approvals" : "/accounts/" + a.number(); }

    @PostMapping("/accounts/{ref}/trusted/{trusted}/approve")
    String approveTrusted(@PathVariable String ref, @PathVariable String trusted, @RequestParam(required = false) String back,
                          @RequestParam(required = false) boolean confirm, RedirectAttributes ra) {
        Permissions p = access.current();
        Account a = desk.account(p, ref, "APPROVE trusted addition");
        return PageSupport.act(ra, trustBack(back, a), () -> {
            administration.authoriseTrustApproval(p, a);
            if (!confirm) throw org.openets.web.Problem.badRequest("VALIDATION_FAILED", "confirm that the account to trust was checked").say("detail.confirm.trustApproval");
            TrustedAccount t = administration.approveTrusted(p, a.number(), trusted);
            return new PageSupport.Flash("done", "TRUSTED_APPROVED", desk.readModel().account(t.trustedAccountId()).map(Account::number).orElse("")
                    + " · " + PageViews.time(t.activatesAt()), null, null);
        });
    }

    @PostMapping("/accounts/{ref}/trusted/{trusted}/decline")
    String declineTrusted(@PathVariable String ref, @PathVariable String trusted, @RequestParam(required = false) String back,
                          @RequestParam(required = false) String reason, RedirectAttributes ra) {
        Permissions p = access.current();
        Account a = desk.account(p, ref, "DECLINE trusted addition");
        return PageSupport.act(ra, trustBack(back, a), PageSupport.sent("trust-decline-" + trusted, "reason", reason), () -> {
            var x = administration.declineTrusted(p, a.number(), trusted, reason);
            return new PageSupport.Flash("done", "TRUSTED_DECLINED", x.trustedNumber(), null, null);
        });
    }

    @PostMapping("/accounts/{ref}/trusted/{trusted}/withdraw")
    String withdrawTrusted(@PathVariable String ref, @PathVariable String trusted, @RequestParam(required = false) String back,
                           @RequestParam(required = false) String reason, RedirectAttributes ra) {
        Permissions p = access.current();
        Account a = desk.account(p, ref, "WITHDRAW trusted addition");
        return PageSupport.act(ra, trustBack(back, a), () -> {
            var x = administration.withdrawTrusted(p, a.number(), trusted, reason);
            return new PageSupport.Flash("done", "TRUSTED_WITHDRAWN", x.trustedNumber(), null, null);
        });
    }

    @PostMapping("/accounts/{ref}/trusted/remove")
    String untrust(@PathVariable String ref, @RequestParam(required = false) String account, @RequestParam(required = false) boolean confirm, RedirectAttributes ra) {
        Permissions p = access.current();
        Account a = desk.account(p, ref, "UNTRUST account");
        return PageSupport.act(ra, "/accounts/" + a.number(), () -> {
            Account removed = administration.untrust(p, a.number(), account, confirm);
            return new PageSupport.Flash("done", "UNTRUSTED", removed.number(), null, null);
        });
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }

    /** What the transfer's confirmation step shows: from, to (with the holder's name as the person may see it), units and quantity. */
    public record TransferReview(String commandId, String from, String fromHolder, String to, String toType, String toHolder, String series,
                                 String unitType, int vintage, String projectId, long quantity) {}

    /**
     * What the registry's checks say of the transfer now (the review step; advice, checked again at the proposal).
     * {@code code}: the rejection a proposal would meet now, null when every check passes; then {@code detail} (English),
     * {@code sentenceKey} and {@code sentenceArgs} (what the check says, reject.* in the UI's messages) and, for the checks a
     * person can do something about, {@code hintKey} (transfer.review.hint.CODE, with {@code transferable} and {@code pledged}
     * as its values). {@code transferable} and {@code pledged}: the source's holding of the units, not pledged and pledged
     * (null when unknown). When it passes: {@code needsApproval} within {@code approvalHours}; {@code delayHours} business
     * hours of delay (0: none); {@code trusted}, whether the destination is active on the source's trusted list (null where
     * the list does not apply); {@code executesAt}, the earliest time it is carried out (Beijing time; approved now where
     * it needs approval), null without a delay.
     */
    public record TransferOutcome(String code, String detail, String sentenceKey, List<String> sentenceArgs, String hintKey,
                                  Long transferable, Long pledged, boolean needsApproval, int approvalHours, int delayHours,
                                  Boolean trusted, String executesAt) {
        /** The checks that a person can act on, each with what to do (transfer.review.hint.CODE). */
        static final Set<String> HINTED = Set.of("ACCOUNT_NOT_OPEN", "UNIT_TYPE_NOT_ALLOWED", "INSUFFICIENT_HOLDINGS", "HOLDINGS_FROZEN",
                "ACCOUNT_NOT_ON_TRUSTED_LIST");

        public boolean passes() { return code == null; }

        static TransferOutcome of(org.openets.registry.Review review) {
            org.openets.registry.Holding h = review.holding();
            Long transferable = h == null ? null : h.free(), pledged = h == null ? null : h.frozen();
            return switch (review) {
                case org.openets.registry.Review.Refused x -> new TransferOutcome(x.code().name(), x.detail(), x.detailKey(), x.detailArgs(),
                        HINTED.contains(x.code().name()) ? "transfer.review.hint." + x.code().name() : null, transferable, pledged, false, 0, 0, null, null);
                case org.openets.registry.Review.Passes x -> new TransferOutcome(null, null, null, List.of(), null, transferable, pledged,
                        x.needsApproval(), x.approvalWindowHours(), x.delayHours(), x.destinationTrusted(), PageViews.time(x.executesAt()));
            };
        }
    }

    /**
     * A transfer in two steps. The form ({@code step} absent) is checked as a proposal would be, proposing nothing, and
     * answered with a page that says what will happen: the registry's checks run on the current state, writing nothing
     * ({@link RegistryDesk#review}); one that would fail is said with what to do, and the page then offers no confirm
     * button; one that passes says whether it needs approval and, where it is delayed, when it would be carried out. Its confirm button ({@code step=confirm}) sends the same values
     * under the same command id (a second press is the same transaction); {@code step=edit} goes back to the form, filled in.
     */
    @PostMapping("/accounts/{ref}/transfer")
    String transfer(@PathVariable String ref, @RequestParam(required = false) String commandId, @RequestParam(required = false) String to,
                    @RequestParam(required = false) String series, @RequestParam(required = false) String quantity,
                    @RequestParam(required = false) String step, Model model, RedirectAttributes ra) {
        if ("confirm".equals(step)) return move(ref, TransactionType.TRANSFER, commandId, to, series, quantity, null, null, true, ra);
        Permissions p = access.current();
        Account from = desk.account(p, ref, "PROPOSE " + TransactionType.TRANSFER);
        var sent = PageSupport.sent(TransactionType.TRANSFER.name(), "to", to, "series", series, "quantity", quantity);
        if ("edit".equals(step)) {
            ra.addFlashAttribute("form", sent);
            return "redirect:/accounts/" + from.number();
        }
        try {
            // authority before input: someone who may not initiate a transfer here is refused (and recorded) whatever the form says
            desk.authoriseInitiation(p, TransactionType.TRANSFER, from);
            SeriesChoice s = SeriesChoice.parse(series);
            BigDecimal q = FormQuantities.parse(quantity);
            // a form sent again after its transfer was proposed (the browser's back button, a cached page): a new review,
            // under a new command id — confirming it proposes what this review shows, not the first transfer again
            String id = commandId == null || commandId.isBlank() || desk.commandIdUsed(commandId) ? PageSupport.newCommandId() : commandId.strip();
            // an unknown destination, a quantity or units the registry would not read, a person who may not initiate, a route
            // the accounts do not allow: said on the form; what the registry's checks find on the current state: on the review
            var review = desk.review(p, new Proposal(id, TransactionType.TRANSFER.name(), from.number(), to, s.unitType(), s.vintage(), s.projectId(), q,
                    null, null, null, null, null));
            Account dest = desk.find(to).orElseThrow(() -> Problem.unprocessable("UNKNOWN_ACCOUNT", "no account " + to + " (to)").say("detail.unknownAccount.to", to));
            model.addAttribute("review", new TransferReview(id, from.number(), from.holder(), dest.number(), dest.type().name(), p.holderAsSeen(dest),
                    s.unitType().strip().toUpperCase(java.util.Locale.ROOT) + "/" + s.vintage() + (s.projectId() == null ? "" : "/" + s.projectId().strip().toUpperCase(java.util.Locale.ROOT)),
                    s.unitType().strip().toUpperCase(java.util.Locale.ROOT), s.vintage(), s.projectId(), q.longValueExact()));
            model.addAttribute("outcome", TransferOutcome.of(review));
            model.addAttribute("account", from);
            return "transfer-confirm";
        } catch (Problem e) {
            ra.addFlashAttribute("flash", PageSupport.Flash.of(e));
            ra.addFlashAttribute("form", sent);
            return "redirect:/accounts/" + from.number();
        }
    }

    /** The confirmation page's own address opened again (its language switch, a reload after the session): back to the account. */
    @GetMapping("/accounts/{ref}/transfer")
    String transferAgain(@PathVariable String ref) {
        Account a = desk.account(access.current(), ref);
        return "redirect:/accounts/" + a.number();
    }

    @PostMapping("/accounts/{ref}/surrender")
    String surrender(@PathVariable String ref, @RequestParam(required = false) String commandId, @RequestParam(required = false) String series,
                     @RequestParam(required = false) String quantity, @RequestParam(required = false) boolean confirm, RedirectAttributes ra) {
        return move(ref, TransactionType.SURRENDER, commandId, null, series, quantity, null, null, confirm, ra);
    }

    @PostMapping("/accounts/{ref}/retire")
    String retire(@PathVariable String ref, @RequestParam(required = false) String commandId, @RequestParam(required = false) String series,
                  @RequestParam(required = false) String quantity, @RequestParam(required = false) String beneficiary,
                  @RequestParam(required = false) String purpose, @RequestParam(required = false) boolean confirm, RedirectAttributes ra) {
        return move(ref, TransactionType.RETIRE, commandId, null, series, quantity, beneficiary, purpose, confirm, ra);
    }

    private String move(String ref, TransactionType type, String commandId, String to, String series, String quantity,
                        String beneficiary, String purpose, boolean confirmed, RedirectAttributes ra) {
        Permissions p = access.current();
        Account from = desk.account(p, ref, "PROPOSE " + type);
        var sent = PageSupport.sent(type.name(), "to", to, "series", series, "quantity", quantity, "beneficiary", beneficiary, "purpose", purpose);
        return PageSupport.act(ra, "/accounts/" + from.number(), sent, () -> {
            // authority before input: someone who may not initiate the type here is refused (and recorded) whatever the form says
            desk.authoriseInitiation(p, type, from);
            SeriesChoice s = SeriesChoice.parse(series);
            // a form left incomplete is sent back as it is, not recorded as a rejected transaction
            if (type == TransactionType.RETIRE && (beneficiary == null || beneficiary.isBlank() || purpose == null || purpose.isBlank()))
                throw Problem.badRequest("VALIDATION_FAILED", "a retirement names a beneficiary and a purpose").say("detail.retire.beneficiaryPurpose");
            // surrendered and retired units do not come back: the page asks the person to say they know
            if (!confirmed && type == TransactionType.SURRENDER)
                throw Problem.badRequest("VALIDATION_FAILED", "confirm that surrendered units count for compliance and cannot be taken back").say("detail.confirm.surrender");
            if (!confirmed) throw Problem.badRequest("VALIDATION_FAILED", "confirm that retired units can never be used again").say("detail.confirm.retire");
            Transaction t = desk.propose(p, new Proposal(commandId == null || commandId.isBlank() ? PageSupport.newCommandId() : commandId,
                    type.name(), from.number(), to, s.unitType(), s.vintage(), s.projectId(), FormQuantities.parse(quantity),
                    beneficiary, purpose, null, null, null));
            return new PageSupport.Flash("done", "PROPOSED", null, t.id(), t.status().name());
        });
    }

    /** A series as a form sends it: {@code GDEA/2024} or {@code CCER/2019/P000123}. */
    record SeriesChoice(String unitType, Integer vintage, String projectId) {
        static SeriesChoice parse(String text) {
            if (text == null || text.isBlank()) throw Problem.badRequest("VALIDATION_FAILED", "choose the units").say("detail.chooseUnits");
            String[] parts = text.strip().split("/");
            if (parts.length < 2 || parts.length > 3) throw Problem.badRequest("VALIDATION_FAILED", "units are named like GDEA/2024").say("detail.unitsFormat");
            try {
                return new SeriesChoice(parts[0], Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : null);
            } catch (NumberFormatException e) {
                throw Problem.badRequest("VALIDATION_FAILED", "units are named like GDEA/2024").say("detail.unitsFormat");
            }
        }
    }

    /** Quantities typed into a form: digits, optionally with thousands separators. */
    static final class FormQuantities {
        private FormQuantities() {}

        /** A person's quantity, read only when it cannot be misread ({@link org.openets.kernel.Quantity#typed}); full-width forms as ASCII. */
        static BigDecimal parse(String text) {
            if (text == null || text.isBlank()) throw Problem.unprocessable("INVALID_QUANTITY", "enter a quantity in whole tonnes").say("detail.quantity.enter");
            java.util.Optional<BigDecimal> read = org.openets.kernel.Quantity.typed(org.openets.web.FullWidth.toAscii(text));
            if (read.isEmpty()) {
                String shown = text.strip().length() <= 40 ? text.strip() : text.strip().substring(0, 40) + "…";
                throw Problem.unprocessable("INVALID_QUANTITY", "enter whole tonnes in digits, without a decimal point or exponent (1000 or 1,000): " + shown)
                        .say("detail.quantity.digits", shown);
            }
            return read.get();
        }
    }
}
