package org.openets.registry.internal;

import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.SerialRange;
import org.openets.kernel.UnitType;
import org.openets.registry.Account;
import org.openets.registry.AccountStatus;
import org.openets.registry.AccountType;
import org.openets.registry.Controls;
import org.openets.registry.Holding;
import org.openets.registry.OffsetAttributes;
import org.openets.registry.Rejection;
import org.openets.registry.Role;
import org.openets.registry.SeriesKey;
import org.openets.registry.Transaction;
import org.openets.registry.TrustedAccount;
import org.openets.registry.TransactionRequest;
import org.openets.registry.TransactionStatus;
import org.openets.registry.TransactionType;
import org.openets.registry.UnitBlock;
import org.openets.registry.UnitSeries;
import org.openets.registry.spi.LedgerSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The business checks, one small method per rule, run in the precedence order of {@link Rejection}: the
 * first failing check decides the code. Resolution (shape, accounts, unit type) comes first; the checks that
 * depend on state follow, at proposal and again at completion.
 */
public final class Checks {
    private Checks() {}

    /**
     * A failed check: its code, its detail in English, and what the detail says as a sentence key with its values
     * ({@code key} null when it has none) for a page in another language.
     */
    public record Failure(Rejection code, String detail, String key, List<String> args) {
        public Failure {
            args = args == null ? List.of() : List.copyOf(args);
        }

        public Failure(Rejection code, String detail) { this(code, detail, null, List.of()); }

        static Failure says(Rejection code, String detail, String key, Object... args) {
            List<String> a = new ArrayList<>(args.length);
            // a long is a quantity in tonnes: written with thousands separators, as the pages and the detail write it
            for (Object o : args) a.add(o instanceof Long l ? t(l) : String.valueOf(o));
            return new Failure(code, detail, key, a);
        }
    }

    /** A quantity in tonnes with thousands separators (6,000,000,000): the same in English and Chinese. */
    static String t(long quantity) {
        return String.format(java.util.Locale.ROOT, "%,d", quantity);
    }

    /** A request with its accounts, series and (for a reversal) the reversed transaction looked up. */
    public record Resolved(TransactionRequest request, Account from, Account to, SeriesKey seriesKey, UnitSeries series,
                           OffsetAttributes offset, Transaction reversed, Optional<Failure> failure) {
        public Resolved withSeries(UnitSeries s) { return new Resolved(request, from, to, seriesKey, s, offset, reversed, failure); }

        /** The pool of units a line draws on: free units, or units pledged to one pledgee. */
        public String poolKey() {
            long pool = request.type() == TransactionType.UNFREEZE ? request.pledgee() : 0;
            return from.id() + "/" + series.id() + "/" + pool;
        }

        /** The account whose controls govern the transaction: the source, or for issuance the destination. */
        public Account governing() { return from != null ? from : to; }
    }

    private static Resolved fail(TransactionRequest r, Rejection code, String detail) {
        return new Resolved(r, null, null, r.series(), null, r.offset(), null, Optional.of(new Failure(code, detail)));
    }

    /** INVALID_REQUEST, INVALID_QUANTITY, UNKNOWN_ACCOUNT, UNKNOWN_UNIT_TYPE, UNKNOWN_TRANSACTION. */
    public static Resolved resolve(LedgerSession s, TransactionRequest r) {
        TransactionType type = r.type();
        if (type == TransactionType.REVERSAL) {
            if (r.reverses() <= 0 || r.from() != 0 || r.to() != 0 || r.series() != null || r.quantity() != 0 || r.beneficiary() != null)
                return fail(r, Rejection.INVALID_REQUEST, "a reversal names only the transaction it reverses (and why)");
            if (r.purpose() != null && blank(r.purpose())) return fail(r, Rejection.INVALID_REQUEST, "a reason has 1 to 500 characters");
            Optional<Transaction> original = s.transaction(r.reverses());
            if (original.isEmpty()) return fail(r, Rejection.UNKNOWN_TRANSACTION, "no transaction " + r.reverses());
            Transaction o = original.get();
            Optional<Account> source = s.account(o.to()), destination = o.from() == 0 ? Optional.empty() : s.account(o.from());
            // a transaction rejected before its accounts resolved names accounts that do not exist: nothing to reverse. Only
            // an administrator (of any jurisdiction: these accounts name none) learns that; anyone else is not authorised
            if (source.isEmpty() || (o.from() != 0 && destination.isEmpty()))
                return s.isAdministratorAnywhere(r.initiator())
                        ? fail(r, Rejection.NOT_REVERSIBLE, "transaction " + o.id() + " moved no units")
                        : fail(r, Rejection.NOT_AUTHORISED, r.initiator() + " may not initiate REVERSAL");
            Account from = source.get(), to = destination.orElse(null);
            UnitSeries series = o.seriesId() == 0 ? null : s.series(o.seriesId()).orElseThrow();
            return new Resolved(r, from, to, series == null ? null : series.key(), series, null, o, Optional.empty());
        }
        String shape = shapeProblem(r);
        if (shape != null) return fail(r, Rejection.INVALID_REQUEST, shape);
        if (r.quantity() <= 0 || r.quantity() > SeriesKey.MAX_SERIAL)
            return fail(r, Rejection.INVALID_QUANTITY, "quantity must be a whole number of tonnes from 1 to " + SeriesKey.MAX_SERIAL);
        Account from = null, to = null;
        if (r.from() != 0) {
            Optional<Account> a = s.account(r.from());
            if (a.isEmpty()) return fail(r, Rejection.UNKNOWN_ACCOUNT, "no account " + r.from());
            from = a.get();
        }
        if (r.to() != 0) {
            Optional<Account> a = s.account(r.to());
            if (a.isEmpty()) return fail(r, Rejection.UNKNOWN_ACCOUNT, "no account " + r.to());
            to = a.get();
        }
        if (r.pledgee() != 0 && s.account(r.pledgee()).isEmpty())
            return fail(r, Rejection.UNKNOWN_ACCOUNT, "no pledgee account " + r.pledgee());
        Jurisdiction j = type == TransactionType.ISSUE ? r.series().unitType().issuer() : from.jurisdiction();
        AccountType derived = switch (type) {
            case ISSUE -> AccountType.TOTAL_QUANTITY;
            case RETURN_OF_EXCESS -> r.to() == 0 ? AccountType.ALLOCATION : null;
            default -> type.terminalDestination();
        };
        if (derived != null) {
            Optional<Account> a = s.governmentAccount(j, derived);
            if (a.isEmpty()) return fail(r, Rejection.UNKNOWN_ACCOUNT, "jurisdiction " + j + " has no " + derived.label() + " account");
            to = a.get();
        }
        if (type == TransactionType.FREEZE || type == TransactionType.UNFREEZE) to = from;
        // every account first (UNKNOWN_ACCOUNT, the jurisdiction's own accounts included), then the unit type
        Optional<UnitType> known = s.unitType(r.series().unitType().code());
        if (known.isEmpty() || !known.get().equals(r.series().unitType()))
            return fail(r, Rejection.UNKNOWN_UNIT_TYPE, "unknown unit type " + r.series().unitType().code());
        Optional<UnitSeries> series = s.series(r.series());
        // a series exists from its first issuance's proposal on; until units are issued in it, there are none to move
        if (type != TransactionType.ISSUE && (series.isEmpty() || s.nextSerial(series.get().id()) == 1))
            return fail(r, Rejection.UNKNOWN_UNIT_TYPE, "no units of " + r.series() + " exist");
        // the attributes of a series with units are what those units carry; a series of which nothing was issued and none
        // is pending (its first issuance declined or lapsed) takes the attributes of the next issuance (Registry.withSeries)
        if (type == TransactionType.ISSUE && series.isPresent() && r.offset() != null && !r.offset().equals(series.get().offset())
                && (s.nextSerial(series.get().id()) != 1 || s.issuancePending(series.get().id())))
            return fail(r, Rejection.INVALID_REQUEST, "offset attributes differ from the existing series " + r.series());
        return new Resolved(r, from, to, r.series(), series.orElse(null), r.offset(), null, Optional.empty());
    }

    private static String shapeProblem(TransactionRequest r) {
        TransactionType type = r.type();
        if (r.series() == null) return "series (unit type and vintage) is required";
        if (r.reverses() != 0) return "only a reversal names a transaction to reverse";
        boolean offsetSeries = r.series().unitType().isOffset();
        switch (type) {
            case ISSUE -> {
                if (r.from() != 0 || r.to() != 0) return "issuance names no accounts: units are created in the total-quantity account";
                if (offsetSeries && r.offset() == null) return "offset issuance needs the project attributes";
                if (offsetSeries && !r.offset().projectId().equals(r.series().projectId())) return "offset attributes name another project";
                if (!offsetSeries && r.offset() != null) return "allowances carry no project attributes";
            }
            case ALLOCATE, TRANSFER -> {
                if (r.from() == 0 || r.to() == 0) return "from and to accounts are required";
            }
            case RETURN_OF_EXCESS -> {
                if (r.from() == 0) return "from account is required";
            }
            case SURRENDER, RETIRE, CANCEL, FORCED_DEDUCTION -> {
                if (r.from() == 0) return "from account is required";
                if (r.to() != 0) return type + " goes to the jurisdiction's own account; name no destination";
                if (type == TransactionType.RETIRE && (blank(r.beneficiary()) || blank(r.purpose())))
                    return "retirement needs a beneficiary and a purpose";
            }
            case FREEZE, UNFREEZE -> {
                if (r.from() == 0 || r.pledgee() == 0) return "account and pledgee are required";
                if (r.to() != 0) return "a pledge names no destination";
            }
            case REVERSAL -> throw new IllegalStateException("handled by resolve");
        }
        if (type != TransactionType.FREEZE && type != TransactionType.UNFREEZE && r.pledgee() != 0) return "only a pledge names a pledgee";
        if (type != TransactionType.RETIRE && r.beneficiary() != null) return "only a retirement names a beneficiary";
        // the other types that carry a purpose carry an administrator's reason or legal basis (a forced deduction's notice);
        // a holder's transfer or surrender carries no free text to its counterparty or approver
        if ((type == TransactionType.TRANSFER || type == TransactionType.SURRENDER) && r.purpose() != null) return "a " + type + " carries no reason text";
        if (type != TransactionType.RETIRE && r.purpose() != null && blank(r.purpose())) return "a reason has 1 to 500 characters";
        if (type != TransactionType.ISSUE && r.offset() != null) return "only an issuance carries offset attributes";
        return null;
    }

    private static boolean blank(String s) { return s == null || s.isBlank() || s.length() > 500; }

    /** Looks up a stored transaction's accounts and series again, for approval or completion. */
    public static Resolved resolveStored(LedgerSession s, Transaction t) {
        Account from = t.from() == 0 ? null : s.account(t.from()).orElseThrow();
        Account to = t.to() == 0 ? null : s.account(t.to()).orElseThrow();
        UnitSeries series = s.series(t.seriesId()).orElseThrow();
        Transaction reversed = t.reverses() == 0 ? null : s.transaction(t.reverses()).orElseThrow();
        TransactionRequest r = new TransactionRequest(t.commandId(), t.type(), t.initiator(), t.from(), t.to(), series.key(), t.quantity(),
                t.beneficiary(), t.purpose(), t.pledgee(), t.reverses(), series.offset());
        return new Resolved(r, from, to, series.key(), series, series.offset(), reversed, Optional.empty());
    }

    /** The transaction as first recorded, before routing. */
    public static Transaction draft(long id, TransactionRequest r, String hash, String batchId, Resolved res, Instant now) {
        long from = res.from() == null ? r.from() : res.from().id();
        long to = res.to() == null ? r.to() : res.to().id();
        long seriesId = res.series() == null ? 0 : res.series().id();
        long quantity = res.reversed() != null ? res.reversed().quantity() : r.quantity();
        return new Transaction(id, r.id(), hash, batchId, r.type(), TransactionStatus.PROPOSED, r.initiator(), from, to, seriesId,
                quantity, r.beneficiary(), r.purpose(), r.pledgee(), r.reverses(), now, null, null, null, null, null, null, List.of());
    }

    /** The checks that follow resolution, at proposal: everything from NOT_AUTHORISED on. */
    public static Optional<Failure> atProposal(LedgerSession s, Resolved r, Instant now) {
        return authorised(s, r)
                .or(() -> structure(s, r))
                .or(() -> open(s, r))
                .or(() -> allowed(s, r))
                .or(() -> r.request().type() == TransactionType.ISSUE ? Optional.empty() : holdingsCover(s, r, quantity(r)))
                .or(() -> trusted(s, r, now))
                .or(() -> r.request().type() == TransactionType.ISSUE ? capCovers(s, r, r.request().quantity(), true) : Optional.empty());
    }

    /**
     * At completion the state may have changed since the proposal: statuses, holdings, the trusted list (an entry
     * removed while the transfer awaited approval or its delay: under a REFUSE policy it does not complete) and the cap
     * are checked again.
     */
    public static Optional<Failure> atCompletion(LedgerSession s, Resolved r, Instant now) {
        return open(s, r)
                .or(() -> allowed(s, r))
                .or(() -> r.request().type() == TransactionType.ISSUE ? Optional.empty() : holdingsCover(s, r, quantity(r)))
                .or(() -> trusted(s, r, now))
                .or(() -> r.request().type() == TransactionType.ISSUE ? capCovers(s, r, r.request().quantity()) : Optional.empty());
    }

    private static long quantity(Resolved r) { return r.reversed() != null ? r.reversed().quantity() : r.request().quantity(); }

    private static Optional<Failure> authorised(LedgerSession s, Resolved r) {
        TransactionType type = r.request().type();
        ActorId who = r.request().initiator();
        Account governing = r.governing();
        boolean ok;
        if (type.isAdministrative() || governing.type().isGovernment()) ok = s.isAdministrator(who, governing.jurisdiction());
        else ok = s.roles(governing.id(), who).contains(Role.INITIATOR);
        return ok ? Optional.empty() : Optional.of(new Failure(Rejection.NOT_AUTHORISED, who + " may not initiate " + type + " on account " + governing.number()));
    }

    private static Optional<Failure> structure(LedgerSession s, Resolved r) {
        TransactionType type = r.request().type();
        // a reversal's accounts are the reversed transaction's; a pledge's (one account) is NOT_REVERSIBLE below
        if (type.movesUnits() && type != TransactionType.REVERSAL && r.from() != null && r.to() != null && r.from().id() == r.to().id())
            return Optional.of(Failure.says(Rejection.SAME_ACCOUNT, "source and destination are the same account", "reject.sameAccount"));
        // a new pledge is to someone else (a release of an existing pledge goes through whatever the pledge was made to)
        if (type == TransactionType.FREEZE && r.from() != null && r.request().pledgee() == r.from().id())
            return Optional.of(Failure.says(Rejection.SAME_ACCOUNT, "an account does not pledge units to itself", "reject.pledgeToItself"));
        if (r.from() != null && r.from().type().isTerminal() && type != TransactionType.REVERSAL)
            return Optional.of(new Failure(Rejection.TERMINAL_ACCOUNT, "units leave " + r.from().type().withArticle() + " account only by reversal"));
        Optional<Failure> route = route(s, r);
        if (route.isPresent()) return route;
        if (type == TransactionType.REVERSAL) {
            Transaction o = r.reversed();
            if (o.status() != TransactionStatus.COMPLETED)
                return Optional.of(new Failure(Rejection.NOT_REVERSIBLE, "only a completed transaction can be reversed"));
            if (o.type() == TransactionType.ISSUE || !o.type().movesUnits() || o.type() == TransactionType.REVERSAL)
                return Optional.of(new Failure(Rejection.NOT_REVERSIBLE, o.type() + " is not reversed: correct it with a new transaction"));
            if (s.reversalOf(o.id()).isPresent())
                return Optional.of(new Failure(Rejection.NOT_REVERSIBLE, "transaction " + o.id() + " is already reversed or being reversed"));
        }
        return Optional.empty();
    }

    private static final java.util.Set<AccountType> ALLOCATES = java.util.EnumSet.of(AccountType.ALLOCATION, AccountType.AUCTION, AccountType.NEW_ENTRANT_RESERVE);
    private static final java.util.Set<AccountType> TAKES_EXCESS_BACK = java.util.EnumSet.of(AccountType.ALLOCATION, AccountType.NEW_ENTRANT_RESERVE);
    /**
     * Who buys at an auction (Guangdong's paid-allowance auctions: covered entities, new-project entities and exchange
     * member investment institutions; rules-reference §3.2), and the auction delivery account through which auctioned units
     * may be delivered: where an ALLOCATE out of an auction account goes. Free allocation (out of an allocation or new entrant
     * reserve account) goes to covered entities only.
     */
    private static final java.util.Set<AccountType> BUYS_AT_AUCTION = java.util.EnumSet.of(AccountType.COVERED_ENTITY_HOLDING,
            AccountType.TRADING_HOLDING, AccountType.AUCTION_DELIVERY);

    /**
     * ROUTE_NOT_ALLOWED (and SAME_ACCOUNT for a pledge to the account itself): what kind of account a transaction type
     * moves units out of and into. Units enter a terminal account only by the types that lead there, so a retirement
     * always names its beneficiary and purpose and a surrender is always a SURRENDER; an administrator's ALLOCATE and
     * RETURN_OF_EXCESS go between the registry's accounts and a holder, never from one holder to another (that would
     * pass by the holder's trusted list and delay); free allocation (out of an allocation or new entrant reserve account)
     * goes to a covered entity holding account only, and only such an account returns excess; auctioned units go to a
     * covered entity, trading or auction delivery account; a holder's TRANSFER goes to another holder, an administrator's TRANSFER
     * to another government account of the same jurisdiction; a pledge is to a holder of the pledging account's jurisdiction.
     */
    private static Optional<Failure> route(LedgerSession s, Resolved r) {
        return route(r.request().type(), r.from(), r.to(), () -> s.account(r.request().pledgee()));
    }

    /**
     * What the accounts alone settle of a {@code type} from {@code from} to {@code to}, before anything is proposed (a
     * page's review step): SAME_ACCOUNT, TERMINAL_ACCOUNT (units leave a terminal account only by reversal) and
     * ROUTE_NOT_ALLOWED, as {@link #check} finds them later in their place in the order. Not for a pledge or a reversal.
     */
    public static Optional<Failure> byAccounts(TransactionType type, Account from, Account to) {
        if (type == TransactionType.REVERSAL || type == TransactionType.FREEZE || type == TransactionType.UNFREEZE || from == null || to == null)
            return Optional.empty();
        if (type.movesUnits() && from.id() == to.id())
            return Optional.of(Failure.says(Rejection.SAME_ACCOUNT, "source and destination are the same account", "reject.sameAccount"));
        if (from.type().isTerminal())
            return Optional.of(new Failure(Rejection.TERMINAL_ACCOUNT, "units leave " + from.type().withArticle() + " account only by reversal"));
        return route(type, from, to, Optional::empty);
    }

    /**
     * Whether units may ever go out of an account of type {@code from} by a {@code type} (TERMINAL_ACCOUNT and what
     * ROUTE_NOT_ALLOWED settles by the source's type alone): for a page that offers only what the registry could accept.
     * Who may initiate, the account's status and the destination are checked as ever when the transaction is proposed.
     */
    public static boolean mayLeave(TransactionType type, AccountType from) {
        if (type == TransactionType.ISSUE) return false;
        if (from.isTerminal()) return type == TransactionType.REVERSAL;
        return switch (type) {
            case ALLOCATE -> ALLOCATES.contains(from);
            case RETURN_OF_EXCESS -> from == AccountType.COVERED_ENTITY_HOLDING;
            // a surrender meets a covered entity's obligation: nobody else has one to meet
            case SURRENDER -> from == AccountType.COVERED_ENTITY_HOLDING;
            // a registry account's units are not pledged, so none are released either
            case FREEZE, UNFREEZE -> !from.isGovernment();
            default -> true;
        };
    }

    private static Optional<Failure> route(TransactionType type, Account from, Account to, java.util.function.Supplier<Optional<Account>> pledgeeOf) {
        if (type == TransactionType.REVERSAL || from == null) return Optional.empty();
        if (type.movesUnits() && to != null && to.type().isTerminal() && type.terminalDestination() != to.type())
            return route("units enter " + to.type().withArticle() + " account only by " + enteringBy(to.type()) + ", not by " + type,
                    "reject.route.terminal", to.number(), type);
        switch (type) {
            case ALLOCATE -> {
                if (!ALLOCATES.contains(from.type()))
                    return route("an allocation goes out of an allocation, auction or new entrant reserve account, not " + from.type().withArticle() + " account",
                            "reject.route.allocateFrom", from.number());
                if (to.type().isGovernment())
                    return route("an allocation goes to a holder's account, not " + to.type().withArticle() + " account", "reject.route.allocateTo", to.number());
                // free allocation (and the new entrant reserve's) is for covered entities (重点排放单位) only
                if (from.type() != AccountType.AUCTION && to.type() != AccountType.COVERED_ENTITY_HOLDING)
                    return route("an allocation out of " + from.type().withArticle() + " account goes to a covered entity holding account, not "
                            + to.type().withArticle() + " account", "reject.route.allocateToCovered", to.number(), from.number());
                if (from.type() == AccountType.AUCTION && !BUYS_AT_AUCTION.contains(to.type()))
                    return route("auctioned units go to a covered entity holding, trading or auction delivery account, not " + to.type().withArticle() + " account",
                            "reject.route.auctionTo", to.number());
            }
            case SURRENDER -> {
                // surrender (清缴) meets a covered entity's compliance obligation; a trading account has none, and units it
                // sent to the surrender account would count for nobody and come back only by reversal
                if (from.type() != AccountType.COVERED_ENTITY_HOLDING)
                    return route("a surrender comes out of a covered entity holding account, not " + from.type().withArticle() + " account",
                            "reject.route.surrenderFrom", from.number());
            }
            case RETURN_OF_EXCESS -> {
                if (from.type().isGovernment())
                    return route("a return of excess comes out of a holder's account, not " + from.type().withArticle() + " account", "reject.route.returnFrom", from.number());
                // what was allocated free is given back: only a covered entity's account was allocated to
                if (from.type() != AccountType.COVERED_ENTITY_HOLDING)
                    return route("a return of excess comes out of a covered entity holding account, not " + from.type().withArticle() + " account",
                            "reject.route.returnFromCovered", from.number());
                if (!TAKES_EXCESS_BACK.contains(to.type()))
                    return route("a return of excess goes to an allocation or new entrant reserve account, not " + to.type().withArticle() + " account",
                            "reject.route.returnTo", to.number());
            }
            case TRANSFER -> {
                // an administrator's transfer moves units between the jurisdiction's own accounts (from the total-quantity
                // account to the allocation account, say); units reach holders by ALLOCATE out of an allocation, auction or
                // new entrant reserve account, never straight from the registry's accounts
                if (from.type().isGovernment() && (!to.type().isGovernment() || !to.jurisdiction().equals(from.jurisdiction())))
                    return route("an administrator's transfer goes to another government account of " + from.jurisdiction().code()
                            + "; units reach a holder by ALLOCATE out of an allocation, auction or new entrant reserve account",
                            "reject.route.transferFromRegistry", to.number(), from.jurisdiction().code());
                if (!from.type().isGovernment() && to.type().isGovernment())
                    return route("a holder transfers to another holder's account; units go back to the registry by RETURN_OF_EXCESS, SURRENDER, RETIRE or CANCEL",
                            "reject.route.toRegistry", to.number());
            }
            case FREEZE -> {
                // a pledge is of a holder's units, to a holder's account; an existing pledge is released (UNFREEZE) whatever
                // it was made to, so no units stay frozen for good
                if (from.type().isGovernment())
                    return route("units of " + from.type().withArticle() + " account are not pledged", "reject.route.pledgeFrom", from.number());
                Optional<Account> pledgee = pledgeeOf.get();
                if (pledgee.isPresent() && pledgee.get().type().isGovernment())
                    return route("units are pledged to a holder's account, not to " + pledgee.get().type().withArticle() + " account", "reject.route.pledgee", pledgee.get().number());
                // the pledgee is a holder of the pledging account's jurisdiction (whose administrators release the pledge)
                if (pledgee.isPresent() && !pledgee.get().jurisdiction().equals(from.jurisdiction()))
                    return route("units are pledged to an account of " + from.jurisdiction().code() + ", not of " + pledgee.get().jurisdiction().code(),
                            "reject.route.pledgeeJurisdiction", pledgee.get().number(), from.jurisdiction().code());
            }
            default -> { }
        }
        return Optional.empty();
    }

    private static Optional<Failure> route(String detail, String key, Object... args) {
        return Optional.of(Failure.says(Rejection.ROUTE_NOT_ALLOWED, detail, key, args));
    }

    private static String enteringBy(AccountType terminal) {
        return switch (terminal) {
            case SURRENDER -> "SURRENDER or FORCED_DEDUCTION";
            case RETIREMENT -> "RETIRE";
            default -> "CANCEL";
        };
    }

    private static Optional<Failure> open(LedgerSession s, Resolved r) {
        TransactionType type = r.request().type();
        // a pledge is made to a pledgee that can still act on it; a pledge to a closed account is released all the same
        if (type == TransactionType.FREEZE) {
            Optional<Account> pledgee = s.account(r.request().pledgee());
            if (pledgee.isPresent() && pledgee.get().status() == AccountStatus.CLOSED)
                return Optional.of(Failure.says(Rejection.ACCOUNT_NOT_OPEN, "account " + pledgee.get().number() + " is CLOSED", "reject.notOpen.CLOSED", pledgee.get().number()));
        }
        if (r.from() != null) {
            AccountStatus st = r.from().status();
            boolean ok = type == TransactionType.UNFREEZE ? st != AccountStatus.CLOSED : st.maySend(type);
            if (!ok) return Optional.of(Failure.says(Rejection.ACCOUNT_NOT_OPEN, "account " + r.from().number() + " is " + st, "reject.notOpen." + st, r.from().number()));
        }
        if (type.movesUnits() && r.to() != null && !r.to().status().mayReceive())
            return Optional.of(Failure.says(Rejection.ACCOUNT_NOT_OPEN, "account " + r.to().number() + " is " + r.to().status(), "reject.notOpen." + r.to().status(), r.to().number()));
        return Optional.empty();
    }

    private static Optional<Failure> allowed(LedgerSession s, Resolved r) {
        if (!r.request().type().movesUnits() || r.to() == null) return Optional.empty();
        String code = r.seriesKey().unitType().code();
        if (s.mayHold(r.to().jurisdiction(), r.to().type(), code)) return Optional.empty();
        return Optional.of(Failure.says(Rejection.UNIT_TYPE_NOT_ALLOWED, r.to().type().label() + " accounts of " + r.to().jurisdiction().code() + " may not hold " + code,
                "reject.notHoldable", r.to().number(), code));
    }

    /** INSUFFICIENT_HOLDINGS or HOLDINGS_FROZEN when the pool the line draws on holds less than {@code need}. */
    public static Optional<Failure> holdingsCover(LedgerSession s, Resolved r, long need) {
        TransactionType type = r.request().type();
        Account from = r.from();
        long seriesId = r.series().id();
        if (type == TransactionType.REVERSAL) {
            boolean frozen = false;
            for (SerialRange range : r.reversed().ranges()) {
                long covered = 0;
                for (UnitBlock b : s.blocksOverlapping(from.id(), seriesId, range)) {
                    covered += Math.min(b.range().last(), range.last()) - Math.max(b.range().first(), range.first()) + 1;
                    frozen |= b.isFrozen();
                }
                if (covered < range.size())
                    return Optional.of(Failure.says(Rejection.INSUFFICIENT_HOLDINGS, "account " + from.number() + " no longer holds units " + range, "reject.noLongerHolds", from.number(), range));
            }
            return frozen ? Optional.of(Failure.says(Rejection.HOLDINGS_FROZEN, "some of the units to reverse are frozen", "reject.reversalFrozen")) : Optional.empty();
        }
        if (type == TransactionType.UNFREEZE) {
            long pledged = s.blocksCovering(from.id(), seriesId, r.request().pledgee(), need).stream().mapToLong(UnitBlock::size).sum();
            return pledged >= need ? Optional.empty()
                    : Optional.of(Failure.says(Rejection.INSUFFICIENT_PLEDGED, "only " + t(pledged) + " t are pledged to that pledgee", "reject.pledgedOnly", pledged, need));
        }
        Holding h = s.holding(from.id(), seriesId);
        if (h.quantity() < need)
            return Optional.of(Failure.says(Rejection.INSUFFICIENT_HOLDINGS, "account " + from.number() + " holds " + t(h.quantity()) + " t of " + r.seriesKey() + ", needs " + t(need),
                    "reject.holds", from.number(), h.quantity(), r.seriesKey(), need));
        // says what may move: the units not pledged
        if (h.free() < need)
            return Optional.of(Failure.says(Rejection.HOLDINGS_FROZEN, "account " + from.number() + " holds enough, but " + t(h.frozen()) + " t are frozen (pledged): "
                    + t(h.free()) + " t are free to move", "reject.frozen", from.number(), h.frozen(), h.free()));
        return Optional.empty();
    }

    private static Optional<Failure> trusted(LedgerSession s, Resolved r, Instant now) {
        if (r.request().type() != TransactionType.TRANSFER || r.from().type().isGovernment()) return Optional.empty();
        Controls c = s.controls(r.from().jurisdiction(), r.from().type());
        if (c.untrusted() != Controls.UntrustedPolicy.REFUSE) return Optional.empty();
        Optional<TrustedAccount> entry = s.trusted(r.from().id(), r.to().id());
        if (entry.isPresent() && entry.get().isActiveAt(now)) return Optional.empty();
        // on the list but not active yet says so, with when: an entry added waits its activation delay
        if (entry.isPresent()) {
            String from = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(
                    entry.get().activatesAt().atZone(s.calendar(r.from().jurisdiction()).zone()));
            return Optional.of(Failure.says(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST, "account " + r.to().number() + " is on the trusted list of " + r.from().number()
                    + " from " + from + " on (the activation delay)", "reject.notTrustedYet", r.to().number(), r.from().number(), from));
        }
        return Optional.of(Failure.says(Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST, "account " + r.to().number() + " is not on the trusted list of " + r.from().number(),
                "reject.notTrusted", r.to().number(), r.from().number()));
    }

    /** EXCEEDS_CAP when issuing {@code need} more units would pass the cap (issued units only: at completion). */
    public static Optional<Failure> capCovers(LedgerSession s, Resolved r, long need) { return capCovers(s, r, need, false); }

    /**
     * EXCEEDS_CAP when issuing {@code need} more units would pass the cap. Allowances cannot be issued without one. At
     * proposal ({@code reserving}) the issuances still waiting for approval count too, so the second of two that together
     * pass the cap is refused when it is proposed, not only when it is approved.
     */
    public static Optional<Failure> capCovers(LedgerSession s, Resolved r, long need, boolean reserving) {
        SeriesKey k = r.seriesKey();
        OptionalLong limit = s.issuanceLimit(k.unitType().code(), k.vintage());
        if (limit.isEmpty()) return k.unitType().isOffset() ? Optional.empty()
                : Optional.of(Failure.says(Rejection.EXCEEDS_CAP, "no cap is configured for " + k.unitType().code() + " " + k.vintage(), "reject.noCap", k.unitType().code(), k.vintage()));
        long issued = s.issued(k.unitType().code(), k.vintage());
        if (Math.addExact(issued, need) > limit.getAsLong())
            return Optional.of(Failure.says(Rejection.EXCEEDS_CAP, "issuing " + t(need) + " t would pass the cap of " + t(limit.getAsLong()) + " t (" + t(issued) + " t issued)",
                    "reject.cap", need, limit.getAsLong(), issued));
        if (!reserving) return Optional.empty();
        long pending = s.pendingIssuance(k.unitType().code(), k.vintage());
        if (Math.addExact(Math.addExact(issued, pending), need) > limit.getAsLong())
            return Optional.of(Failure.says(Rejection.EXCEEDS_CAP, "issuing " + t(need) + " t would pass the cap of " + t(limit.getAsLong()) + " t (" + t(issued)
                    + " t issued, " + t(pending) + " t awaiting approval)", "reject.capPending", need, limit.getAsLong(), issued, pending));
        return Optional.empty();
    }

    private static Account governingOf(LedgerSession s, Transaction t) {
        return s.account(t.from() != 0 ? t.from() : t.to()).orElseThrow();
    }

    private static boolean administrativeRoute(Transaction t, Account governing) {
        return t.type().isAdministrative() || governing.type().isGovernment();
    }

    public static boolean needsApproval(LedgerSession s, Transaction t) {
        if (t.type().alwaysNeedsSecondAdministrator()) return true;
        Account g = governingOf(s, t);
        // an administrator's work on a holder's account (a return of excess, a pledge) is not the holder's own transaction:
        // the holder's account type's 4-eyes setting does not govern it, a second administrator always does
        if (t.type().isAdministrative() && !g.type().isGovernment()) return true;
        return s.controls(g.jurisdiction(), g.type()).fourEyes();
    }

    public static int approvalExpiryHours(LedgerSession s, Transaction t) {
        Account g = governingOf(s, t);
        return s.controls(g.jurisdiction(), g.type()).approvalExpiryHours();
    }

    /**
     * A different person than the initiator: an administrator for administrative work and government accounts,
     * otherwise (a holder's own transaction) a representative with the approver role on the source account, or an
     * administrator where the controls of the account's jurisdiction and type allow administrators to approve holders' own
     * transactions ({@link Controls#administratorsApproveHolders()}, off by default).
     */
    public static boolean mayApprove(LedgerSession s, Transaction t, ActorId approver) {
        return !approver.equals(t.initiator()) && approves(s, t, approver);
    }

    /**
     * Whether {@code approver} holds what approving takes (an administrator, or the approver role), initiator or not.
     * A transaction rejected before its accounts resolved has no account to hold a role on: nobody is refused for it here,
     * and its state (REJECTED) answers.
     */
    public static boolean approves(LedgerSession s, Transaction t, ActorId approver) {
        Optional<Account> governing = s.account(t.from() != 0 ? t.from() : t.to());
        if (governing.isEmpty()) return true;
        Account g = governing.get();
        boolean admin = s.isAdministrator(approver, g.jurisdiction());
        if (administrativeRoute(t, g)) return admin;
        return s.roles(g.id(), approver).contains(Role.APPROVER)
                || (admin && s.controls(g.jurisdiction(), g.type()).administratorsApproveHolders());
    }

    /** How long a holder's transfer waits: {@code hours} business hours (0: none), as its destination is trusted or not. */
    public record Wait(int hours, boolean trusted) {}

    /**
     * Holders' transfers wait a number of business hours, longer when the destination is not trusted (active on the
     * source's list at {@code now}); empty for anything but a holder's transfer.
     */
    public static Optional<Wait> transferWait(LedgerSession s, Transaction t, Instant now) {
        if (t.type() != TransactionType.TRANSFER) return Optional.empty();
        Account from = s.account(t.from()).orElseThrow();
        if (from.type().isGovernment()) return Optional.empty();
        Controls c = s.controls(from.jurisdiction(), from.type());
        boolean trusted = s.trusted(t.from(), t.to()).map(x -> x.isActiveAt(now)).orElse(false);
        return Optional.of(new Wait(trusted ? c.trustedDelayHours() : c.untrustedDelayHours(), trusted));
    }

    /** When a holder's transfer approved (or needing no approval) at {@code now} is carried out: its wait on the calendar. */
    public static Optional<Instant> delayedUntil(LedgerSession s, Transaction t, Instant now) {
        Optional<Wait> wait = transferWait(s, t, now);
        if (wait.isEmpty() || wait.get().hours() == 0) return Optional.empty();
        Account from = s.account(t.from()).orElseThrow();
        return Optional.of(s.calendar(from.jurisdiction()).plusBusinessHours(now, wait.get().hours()));
    }
}
