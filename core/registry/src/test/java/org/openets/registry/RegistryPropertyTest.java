package org.openets.registry;

import org.junit.jupiter.api.Test;
import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.SerialRange;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.spi.InMemoryLedger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random command sequences against the in-memory ledger and a small reference model kept here: serial
 * ownership as plain arrays (owner and pledgee per serial), issued counts, and each transaction's expected
 * status. After every step the registry's state is checked for its invariants and against the model.
 *
 * <p>Replay one run with {@code -Dregistry.seed=<seed>} (and optionally {@code -Dregistry.steps=<n>}).
 */
class RegistryPropertyTest {
    static final int SEEDS = Integer.getInteger("registry.seeds", 200);
    static final int STEPS = Integer.getInteger("registry.steps", 300);
    static final long BASE_SEED = 0x0E75_2024L;

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Jurisdiction CN = Jurisdiction.of("CN");
    static final UnitType CEA = new UnitType("CEA", UnitKind.ALLOWANCE, CN);
    static final UnitType CCER = new UnitType("CCER", UnitKind.OFFSET, CN);
    static final UnitType UNKNOWN = new UnitType("HBEA", UnitKind.ALLOWANCE, Jurisdiction.of("HB"));
    static final SeriesKey[] SERIES = {
            new SeriesKey(CEA, Vintage.of(2024), null), new SeriesKey(CEA, Vintage.of(2025), null),
            new SeriesKey(CCER, Vintage.of(2020), "P1"), new SeriesKey(CCER, Vintage.of(2020), "P2"),
            new SeriesKey(CEA, Vintage.of(2026), null)}; // the last has no cap
    static final int NO_SERIES = -1, UNKNOWN_TYPE = -2;
    static final OffsetAttributes[] OFFSETS = {null, null,
            new OffsetAttributes("P1", "forestry", "FJ", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31), false),
            new OffsetAttributes("P2", "wind", "GS", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 6, 30), false), null};

    static final long TQ = 1, ALLOC = 2, SURR = 3, RET = 4, CANC = 5, AUC = 6;
    static final long[] HOLDERS = {10, 11, 12, 13};
    static final long[] ALL_ACCOUNTS = {1, 2, 3, 4, 5, 6, 10, 11, 12, 13};
    /** A holder's account of another jurisdiction: named only where the rules refuse it (a pledgee, an administrator's transfer). */
    static final long FOREIGN = 20;
    static final Jurisdiction ELSEWHERE = Jurisdiction.of("HB");
    static final Map<Long, AccountType> TYPES = Map.ofEntries(Map.entry(TQ, AccountType.TOTAL_QUANTITY), Map.entry(ALLOC, AccountType.ALLOCATION),
            Map.entry(SURR, AccountType.SURRENDER), Map.entry(RET, AccountType.RETIREMENT), Map.entry(CANC, AccountType.CANCELLATION),
            Map.entry(AUC, AccountType.AUCTION), Map.entry(10L, AccountType.COVERED_ENTITY_HOLDING), Map.entry(11L, AccountType.COVERED_ENTITY_HOLDING),
            Map.entry(12L, AccountType.TRADING_HOLDING), Map.entry(13L, AccountType.TRADING_HOLDING), Map.entry(FOREIGN, AccountType.TRADING_HOLDING));

    static Jurisdiction jurisdictionOf(long account) { return account == FOREIGN ? ELSEWHERE : CN; }
    static final ActorId ADM1 = ActorId.of("adm1"), ADM2 = ActorId.of("adm2"), NOBODY = ActorId.of("nobody");

    static ActorId initiator(long account) { return ActorId.of("i" + account); }

    static ActorId approver(long account) { return ActorId.of("p" + account); }

    /** Holds both roles on the account. */
    static ActorId dual(long account) { return ActorId.of("d" + account); }

    @Test
    void randomCommandSequencesKeepTheLedgerConsistent() {
        Long only = Long.getLong("registry.seed");
        long started = System.nanoTime();
        Map<String, Integer> tally = new HashMap<>();
        if (only != null) new Run(only, tally).run(STEPS);
        else for (int i = 0; i < SEEDS; i++) new Run(BASE_SEED + i, tally).run(STEPS);
        System.out.printf("registry property: %d runs x %d steps in %d ms; outcomes %s%n", only != null ? 1 : SEEDS, STEPS,
                (System.nanoTime() - started) / 1_000_000, new java.util.TreeMap<>(tally).entrySet().stream().filter(e -> e.getKey().indexOf('/') < 0).toList());
        // the generator reaches every interesting outcome (otherwise the test proves little)
        assertThat(tally.keySet()).contains("COMPLETED", "AWAITING_APPROVAL", "DELAYED", "CANCELLED",
                Rejection.DUPLICATE_ID_DIFFERENT_BODY.name(), Rejection.INVALID_REQUEST.name(), Rejection.INVALID_QUANTITY.name(),
                Rejection.UNKNOWN_ACCOUNT.name(), Rejection.UNKNOWN_UNIT_TYPE.name(), Rejection.UNKNOWN_TRANSACTION.name(),
                Rejection.NOT_AUTHORISED.name(), Rejection.SELF_APPROVAL.name(), Rejection.INVALID_STATE.name(),
                Rejection.APPROVAL_EXPIRED.name(), Rejection.SAME_ACCOUNT.name(), Rejection.TERMINAL_ACCOUNT.name(),
                Rejection.NOT_REVERSIBLE.name(), Rejection.INSUFFICIENT_HOLDINGS.name(), Rejection.HOLDINGS_FROZEN.name(),
                Rejection.ROUTE_NOT_ALLOWED.name(), Rejection.INSUFFICIENT_PLEDGED.name(),
                Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST.name(), Rejection.EXCEEDS_CAP.name(), Rejection.DECLINED.name(),
                "REVERSAL/COMPLETED", "FREEZE/COMPLETED", "UNFREEZE/COMPLETED", "RETIRE/COMPLETED");
    }

    // ============================================================================================ one run

    /** A request as the test generates it; {@code series} indexes SERIES, or NO_SERIES / UNKNOWN_TYPE. */
    record Req(TransactionType type, ActorId initiator, long from, long to, int series, long q, String beneficiary, String purpose,
               long pledgee, long reverses, int offsetOf) {
        TransactionRequest toRequest(CommandId id) {
            SeriesKey key = series == NO_SERIES ? null : series == UNKNOWN_TYPE ? new SeriesKey(UNKNOWN, Vintage.of(2024), null) : SERIES[series];
            return new TransactionRequest(id, type, initiator, from, to, key, q, beneficiary, purpose, pledgee, reverses,
                    offsetOf < 0 ? null : OFFSETS[offsetOf]);
        }

        Req withQuantity(long quantity) { return new Req(type, initiator, from, to, series, quantity, beneficiary, purpose, pledgee, reverses, offsetOf); }
    }

    /** What the model expects of one command: accepted with a status, or rejected with a code; txId -1 when no transaction. */
    record Expect(Rejection code, TransactionStatus status, long txId) {
        static Expect rejected(Rejection code, long txId) { return new Expect(code, TransactionStatus.REJECTED, txId); }
    }

    /** The model's transaction. */
    static final class MTx {
        long id;
        Req req;
        TransactionType type;
        ActorId initiator;
        long from, to, pledgee, q, reverses;
        int series = NO_SERIES;
        TransactionStatus status;
        Rejection code;
        Instant expiresAt;
        List<SerialRange> ranges = List.of();
    }

    static final class Run {
        final long seed;
        final SplittableRandom rnd;
        final Map<String, Integer> tally;
        final InMemoryLedger ledger = new InMemoryLedger();
        final Registry registry = new Registry();
        final List<String> log = new ArrayList<>();

        // configuration
        final Controls holderControls;
        final long[] caps = new long[SERIES.length]; // by series; CCER series share one cap; -1 = none
        final Set<String> trusted = new HashSet<>();

        // the model
        final int[][] owner = new int[SERIES.length][], pledge = new int[SERIES.length][];
        final long[] issued = new long[SERIES.length];
        final boolean[] exists = new boolean[SERIES.length];
        final long[][][] holdings = new long[14][SERIES.length][2]; // account, series -> {quantity, frozen}
        final Map<Long, MTx> txs = new LinkedHashMap<>();
        final Map<String, Long> byCommand = new HashMap<>();
        final List<String> commands = new ArrayList<>();
        final List<Long> completionOrder = new ArrayList<>();
        long nextId = 1;
        int commandCount;
        Instant now = LocalDateTime.parse("2025-03-03T10:00").atZone(SHANGHAI).toInstant(); // a Monday

        // journal verified so far
        List<String> seenJournal = List.of();

        Run(long seed, Map<String, Integer> tally) {
            this.seed = seed;
            this.rnd = new SplittableRandom(seed);
            this.tally = tally;
            int mode = rnd.nextInt(20);
            // mostly no controls; then 4-eyes; then delays; then everything with a refusing trusted list
            if (mode < 11) holderControls = Controls.none();
            else if (mode < 14) holderControls = new Controls(true, 72, 0, Controls.UntrustedPolicy.DELAY, 0, 0, rnd.nextBoolean());
            else if (mode < 17) holderControls = new Controls(false, 72, rnd.nextBoolean() ? 0 : 2, Controls.UntrustedPolicy.DELAY, 8, 0);
            else holderControls = new Controls(true, 72, rnd.nextBoolean() ? 0 : 2, Controls.UntrustedPolicy.REFUSE, 8, 0, rnd.nextBoolean());
            caps[0] = rnd.nextLong(1500, 3000);
            caps[1] = rnd.nextLong(300, 800);
            caps[2] = caps[3] = rnd.nextLong(800, 2000);
            caps[4] = -1;
            for (int s = 0; s < SERIES.length; s++) {
                int size = (int) Math.max(caps[s], 0) + 1;
                owner[s] = new int[size];
                pledge[s] = new int[size];
            }
            ledger.unitType(CEA).unitType(CCER).administrator(ADM1, CN).administrator(ADM2, CN)
                    .cap("CEA", 2024, caps[0]).cap("CEA", 2025, caps[1]).cap("CCER", 2020, caps[2]);
            for (long a : ALL_ACCOUNTS) {
                ledger.openAccount(a, "CN-" + a, CN, TYPES.get(a), "holder " + a);
                ledger.allowHolding(CN, TYPES.get(a), "CEA").allowHolding(CN, TYPES.get(a), "CCER");
            }
            ledger.openAccount(FOREIGN, "HB-" + FOREIGN, ELSEWHERE, TYPES.get(FOREIGN), "holder " + FOREIGN);
            ledger.allowHolding(ELSEWHERE, TYPES.get(FOREIGN), "CEA").allowHolding(ELSEWHERE, TYPES.get(FOREIGN), "CCER");
            for (long h : HOLDERS)
                ledger.role(h, initiator(h), Role.INITIATOR).role(h, approver(h), Role.APPROVER).role(h, dual(h), Role.INITIATOR).role(h, dual(h), Role.APPROVER);
            ledger.controls(CN, AccountType.COVERED_ENTITY_HOLDING, holderControls).controls(CN, AccountType.TRADING_HOLDING, holderControls);
            for (long a : HOLDERS)
                for (long b : ALL_ACCOUNTS)
                    if (a != b && rnd.nextInt(3) == 0) {
                        registry.trust(ledger, a, b, now.minus(Duration.ofDays(7)));
                        trusted.add(a + "/" + b);
                    }
        }

        void run(int steps) {
            try {
                for (int step = 0; step < steps; step++) {
                    now = now.plusSeconds(rnd.nextInt(0, 900));
                    step();
                    checkInvariants();
                }
                checkJournalFromGenesis();
            } catch (Throwable e) {
                int from = Math.max(0, log.size() - 15);
                throw new AssertionError("seed " + seed + " (replay with -Dregistry.seed=" + seed + "), controls " + holderControls
                        + "; last steps:\n  " + String.join("\n  ", log.subList(from, log.size())) + "\n" + e.getMessage(), e);
            }
        }

        // ---------------------------------------------------------------------------------------- commands

        void step() {
            int roll = rnd.nextInt(100);
            if (commandCount < 3) roll = 0; // start with some units
            if (roll < 10) propose(issueReq());
            else if (roll < 15) propose(new Req(TransactionType.TRANSFER, admin(), rnd.nextInt(6) == 0 ? ALLOC : TQ, adminTransferDestination(), liveSeries(), quantity(), null, null, 0, 0, -1));
            else if (roll < 22) propose(new Req(TransactionType.ALLOCATE, admin(), rnd.nextInt(8) == 0 ? TQ : rnd.nextInt(4) == 0 ? AUC : ALLOC, rnd.nextInt(15) == 0 ? anyAccount() : holder(),
                    liveSeries(), quantity(), null, null, 0, 0, -1));
            else if (roll < 40) propose(transferReq());
            else if (roll < 50) propose(toTerminalReq());
            else if (roll < 53) propose(new Req(TransactionType.RETURN_OF_EXCESS, admin(), holder(), 0, liveSeries(), quantity(), null, null, 0, 0, -1));
            else if (roll < 55) propose(new Req(TransactionType.FORCED_DEDUCTION, admin(), holder(), 0, liveSeries(), quantity(), null, null, 0, 0, -1));
            else if (roll < 61) propose(pledgeReq(TransactionType.FREEZE));
            else if (roll < 66) propose(pledgeReq(TransactionType.UNFREEZE));
            else if (roll < 72) propose(reversalReq());
            else if (roll < 81) approve();
            else if (roll < 83) decline();
            else if (roll < 85) withdraw();
            else if (roll < 88) completeDue();
            else if (roll < 89) {
                now = now.plus(Duration.ofHours(80));
                log.add("advance 80 h");
            } else if (roll < 94) retry(false);
            else if (roll < 96) retry(true);
            else propose(badReq());
        }

        ActorId admin() { return rnd.nextInt(20) == 0 ? initiator(holder()) : rnd.nextInt(4) == 0 ? ADM2 : ADM1; }

        long holder() { return HOLDERS[rnd.nextInt(HOLDERS.length)]; }

        /** Mostly the allocation account (allowed); sometimes a holder's account, any account, or one of another jurisdiction. */
        long adminTransferDestination() {
            int r = rnd.nextInt(12);
            return r < 6 ? ALLOC : r < 8 ? AUC : r < 10 ? holder() : r == 10 ? anyAccount() : FOREIGN;
        }

        long anyAccount() { return ALL_ACCOUNTS[rnd.nextInt(ALL_ACCOUNTS.length)]; }

        /** Mostly a series that has units; sometimes one that does not exist yet. */
        int liveSeries() {
            List<Integer> live = new ArrayList<>();
            for (int s = 0; s < SERIES.length; s++) if (issued[s] > 0) live.add(s);
            if (live.isEmpty() || rnd.nextInt(15) == 0) return rnd.nextInt(SERIES.length);
            return live.get(rnd.nextInt(live.size()));
        }

        /** Often a quantity the account can cover, so that moves succeed; otherwise anything. */
        long quantityFrom(long account, int series) {
            if (series >= 0 && rnd.nextInt(10) < 6) {
                long[] h = holding(account, series);
                long free = h[0] - h[1];
                if (free > 0) return rnd.nextLong(1, free + 1);
            }
            return quantity();
        }

        long quantity() {
            int r = rnd.nextInt(10);
            return r < 6 ? rnd.nextLong(1, 60) : r < 9 ? rnd.nextLong(1, 400) : rnd.nextLong(1, 3000);
        }

        Req issueReq() {
            int s = rnd.nextInt(SERIES.length);
            long q = rnd.nextInt(8) == 0 ? rnd.nextLong(1, 5000) : rnd.nextLong(20, 400);
            return new Req(TransactionType.ISSUE, admin(), 0, 0, s, q, null, null, 0, 0, SERIES[s].unitType().isOffset() ? s : -1);
        }

        Req transferReq() {
            long from = holder();
            int who = rnd.nextInt(10);
            ActorId by = who < 6 ? initiator(from) : who < 8 ? dual(from) : who == 8 ? approver(from) : initiator(holder());
            int dest = rnd.nextInt(20);
            long to = dest == 0 ? from : dest == 1 ? 99 : dest == 2 ? anyAccount() : holder();
            int s = liveSeries();
            return new Req(TransactionType.TRANSFER, by, from, to, s, quantityFrom(from, s), null, null, 0, 0, -1);
        }

        Req toTerminalReq() {
            long from = rnd.nextInt(15) == 0 ? SURR : holder();
            ActorId by = rnd.nextInt(10) == 0 ? ADM1 : rnd.nextBoolean() ? initiator(from) : dual(from);
            int s = liveSeries();
            long q = quantityFrom(from, s);
            return switch (rnd.nextInt(3)) {
                case 0 -> new Req(TransactionType.SURRENDER, by, from, 0, s, q, null, null, 0, 0, -1);
                case 1 -> new Req(TransactionType.RETIRE, by, from, 0, s, q, "beneficiary " + rnd.nextInt(5),
                        rnd.nextBoolean() ? "offsetting | event 100%" : "purpose", 0, 0, -1);
                default -> new Req(TransactionType.CANCEL, by, from, 0, s, q, null, null, 0, 0, -1);
            };
        }

        Req pledgeReq(TransactionType type) {
            int p = rnd.nextInt(15);
            long account = holder(), pledgee = p == 0 ? 98 : p == 1 ? FOREIGN : HOLDERS[rnd.nextInt(2)];
            int s = liveSeries();
            long q = quantityFrom(account, s);
            if (type == TransactionType.UNFREEZE && rnd.nextInt(10) < 7) {
                // an existing pledge, all of it or part
                List<int[]> pledged = new ArrayList<>();
                for (int x = 0; x < SERIES.length; x++)
                    for (int n = 1; n <= issued[x]; n++) if (pledge[x][n] != 0) pledged.add(new int[]{x, n});
                if (!pledged.isEmpty()) {
                    int[] pick = pledged.get(rnd.nextInt(pledged.size()));
                    s = pick[0];
                    account = owner[s][pick[1]];
                    pledgee = pledge[s][pick[1]];
                    long total = 0;
                    for (int n = 1; n <= issued[s]; n++) if (owner[s][n] == account && pledge[s][n] == pledgee) total++;
                    q = rnd.nextInt(4) == 0 ? total + 1 : rnd.nextLong(1, total + 1);
                }
            }
            return new Req(type, admin(), account, 0, s, q, null, null, pledgee, 0, -1);
        }

        Req reversalReq() {
            long target;
            List<Long> completed = txs.values().stream().filter(t -> t.status == TransactionStatus.COMPLETED).map(t -> t.id).toList();
            int r = rnd.nextInt(10);
            if (r < 6 && !completed.isEmpty()) target = completed.get(rnd.nextInt(completed.size()));
            else if (r < 9 && !txs.isEmpty()) target = rnd.nextLong(1, nextId);
            else target = nextId + 1000;
            return new Req(TransactionType.REVERSAL, admin(), 0, 0, NO_SERIES, 0, null, null, 0, target, -1);
        }

        Req badReq() {
            long from = holder(), to = holder();
            int s = liveSeries();
            return switch (rnd.nextInt(10)) {
                case 0 -> new Req(TransactionType.TRANSFER, initiator(from), from, to, s, 0, null, null, 0, 0, -1);
                case 1 -> new Req(TransactionType.TRANSFER, initiator(from), from, to, s, -rnd.nextLong(1, 100), null, null, 0, 0, -1);
                case 2 -> new Req(TransactionType.TRANSFER, initiator(from), from, to, s, SeriesKey.MAX_SERIAL + 1, null, null, 0, 0, -1);
                case 3 -> new Req(TransactionType.TRANSFER, initiator(from), from, to, UNKNOWN_TYPE, 5, null, null, 0, 0, -1);
                case 4 -> new Req(TransactionType.TRANSFER, initiator(from), from, to, NO_SERIES, 5, null, null, 0, 0, -1);
                case 5 -> new Req(TransactionType.TRANSFER, initiator(from), from, 0, s, 5, null, null, 0, 0, -1);
                case 6 -> new Req(TransactionType.RETIRE, initiator(from), from, 0, s, 5, rnd.nextBoolean() ? null : " ", "purpose", 0, 0, -1);
                case 7 -> new Req(TransactionType.ISSUE, ADM1, TQ, 0, 0, 5, null, null, 0, 0, -1);
                case 8 -> new Req(TransactionType.ISSUE, ADM1, 0, 0, 2, 5, null, null, 0, 0, 3); // P2's attributes for P1
                default -> new Req(TransactionType.SURRENDER, initiator(from), 77, 0, s, 5, null, null, 0, 0, -1);
            };
        }

        void propose(Req req) {
            CommandId id = CommandId.of("s" + seed + "-" + (++commandCount));
            Outcome o = proposeAs(id, req);
            // most work that waits for a second person gets it at once; the rest waits, lapses or is approved later
            if (o instanceof Outcome.Accepted a && a.transaction().status() == TransactionStatus.AWAITING_APPROVAL && rnd.nextInt(10) < 8) {
                MTx t = txs.get(a.transaction().id());
                long g = t.from != 0 ? t.from : t.to;
                ActorId who = t.type.isAdministrative() || government(g) ? (t.initiator.equals(ADM1) ? ADM2 : ADM1)
                        : rnd.nextBoolean() ? approver(g) : t.initiator.equals(dual(g)) ? (rnd.nextInt(4) == 0 ? ADM2 : approver(g)) : dual(g);
                approve(t.id, who);
            }
        }

        Outcome proposeAs(CommandId id, Req req) {
            Expect e = predictPropose(id, req);
            Outcome o = registry.propose(ledger, req.toRequest(id), now);
            log.add("propose " + id + " " + req + " -> " + brief(o));
            check(e, o);
            count(req.type, o);
            return o;
        }

        void retry(boolean differentBody) {
            if (commands.isEmpty()) return;
            String id = commands.get(rnd.nextInt(commands.size()));
            MTx t = txs.get(byCommand.get(id));
            Req req = differentBody ? t.req.withQuantity(t.req.q() + 1) : t.req;
            proposeAs(CommandId.of(id), req);
        }

        void count(TransactionType type, Outcome o) {
            String key = o instanceof Outcome.Rejected r ? r.code().name() : o.transaction().status().name();
            tally.merge(key, 1, Integer::sum);
            if (type != null) tally.merge(type + "/" + key, 1, Integer::sum);
        }

        static String brief(Outcome o) {
            return o instanceof Outcome.Rejected r ? "rejected " + r.code() + (r.transaction() == null ? "" : " #" + r.transaction().id())
                    : o.transaction().status() + " #" + o.transaction().id() + (o.transaction().ranges().isEmpty() ? "" : " " + o.transaction().ranges());
        }

        void check(Expect e, Outcome o) {
            if (e.code() != null) {
                assertThat(o).as("outcome").isInstanceOf(Outcome.Rejected.class);
                assertThat(((Outcome.Rejected) o).code()).as("rejection code").isEqualTo(e.code());
            } else {
                assertThat(o).as("outcome").isInstanceOf(Outcome.Accepted.class);
                assertThat(o.transaction().status()).as("status").isEqualTo(e.status());
            }
            if (e.txId() < 0) assertThat(o.transaction()).as("no transaction recorded").isNull();
            else {
                assertThat(o.transaction()).as("transaction").isNotNull();
                assertThat(o.transaction().id()).as("transaction id").isEqualTo(e.txId());
                assertThat(o.transaction().status()).as("status").isEqualTo(txs.get(e.txId()).status);
            }
        }

        void approve() {
            long id = pickTransaction();
            approve(id, actorFor(txs.get(id)));
        }

        void approve(long id, ActorId who) {
            MTx t = txs.get(id);
            Expect e;
            if (t == null) e = Expect.rejected(Rejection.UNKNOWN_TRANSACTION, -1);
            else if (!approves(t, who)) e = Expect.rejected(Rejection.NOT_AUTHORISED, id);
            else if (t.initiator.equals(who)) e = Expect.rejected(Rejection.SELF_APPROVAL, id);
            else if (t.status != TransactionStatus.AWAITING_APPROVAL) e = Expect.rejected(Rejection.INVALID_STATE, id);
            else if (now.isAfter(t.expiresAt)) e = reject(t, Rejection.APPROVAL_EXPIRED);
            else e = afterApproval(t);
            Outcome o = registry.approve(ledger, id, who, now);
            log.add("approve #" + id + " by " + who + " -> " + brief(o));
            check(e, o);
            count(null, o);
            if (t != null) count(t.type, o);
        }

        void decline() {
            long id = pickTransaction();
            MTx t = txs.get(id);
            ActorId who = actorFor(t);
            Expect e;
            if (t == null) e = Expect.rejected(Rejection.UNKNOWN_TRANSACTION, -1);
            else if (!mayApprove(t, who) && !t.initiator.equals(who)) e = Expect.rejected(Rejection.NOT_AUTHORISED, id);
            else if (t.status != TransactionStatus.AWAITING_APPROVAL) e = Expect.rejected(Rejection.INVALID_STATE, id);
            else if (now.isAfter(t.expiresAt)) e = reject(t, Rejection.APPROVAL_EXPIRED);
            else e = reject(t, Rejection.DECLINED);
            Outcome o = registry.decline(ledger, id, who, "declined by the property test", now);
            log.add("decline #" + id + " by " + who + " -> " + brief(o));
            check(e, o);
            count(null, o);
        }

        void withdraw() {
            long id = pickTransaction();
            MTx t = txs.get(id);
            ActorId who = t == null || rnd.nextInt(3) == 0 ? actorFor(t) : t.initiator;
            Expect e;
            if (t == null) e = Expect.rejected(Rejection.UNKNOWN_TRANSACTION, -1);
            else if (!t.initiator.equals(who) && !isAdmin(who) && exists(t.from != 0 ? t.from : t.to)) e = Expect.rejected(Rejection.NOT_AUTHORISED, id);
            else if (t.status != TransactionStatus.AWAITING_APPROVAL && t.status != TransactionStatus.DELAYED) e = Expect.rejected(Rejection.INVALID_STATE, id);
            else if (t.status == TransactionStatus.AWAITING_APPROVAL && now.isAfter(t.expiresAt)) e = reject(t, Rejection.APPROVAL_EXPIRED);
            else {
                t.status = TransactionStatus.CANCELLED;
                e = new Expect(null, TransactionStatus.CANCELLED, id);
            }
            Outcome o = registry.cancel(ledger, id, who, now);
            log.add("withdraw #" + id + " by " + who + " -> " + brief(o));
            check(e, o);
            count(null, o);
        }

        void completeDue() {
            now = now.plus(Duration.ofDays(10)); // past every delay (at most 2 business days here)
            List<Expect> expected = new ArrayList<>();
            for (MTx t : List.copyOf(txs.values())) {
                if (t.status == TransactionStatus.AWAITING_APPROVAL && now.isAfter(t.expiresAt)) expected.add(reject(t, Rejection.APPROVAL_EXPIRED));
                else if (t.status == TransactionStatus.DELAYED) expected.add(complete(t));
            }
            List<Outcome> out = registry.completeDue(ledger, now);
            log.add("completeDue -> " + out.stream().map(Run::brief).toList());
            assertThat(out).as("completeDue outcomes").hasSize(expected.size());
            for (int i = 0; i < out.size(); i++) {
                check(expected.get(i), out.get(i));
                count(null, out.get(i));
            }
        }

        long pickTransaction() {
            List<Long> pending = txs.values().stream().filter(t -> t.status == TransactionStatus.AWAITING_APPROVAL).map(t -> t.id).toList();
            int r = rnd.nextInt(10);
            if (r < 8 && !pending.isEmpty()) return pending.get(rnd.nextInt(pending.size()));
            if (r < 9 && !txs.isEmpty()) return rnd.nextLong(1, nextId);
            return nextId + 500;
        }

        ActorId actorFor(MTx t) {
            long g = t == null ? holder() : t.from != 0 ? t.from : t.to;
            return switch (rnd.nextInt(10)) {
                case 0 -> t == null ? ADM1 : t.initiator;
                case 1 -> NOBODY;
                case 2, 3 -> approver(g);
                case 4 -> dual(g);
                case 5 -> initiator(g);
                case 6 -> ADM1;
                default -> ADM2;
            };
        }

        // ---------------------------------------------------------------------------------------- the model

        static boolean isAdmin(ActorId a) { return a.equals(ADM1) || a.equals(ADM2); }

        /** The administrators administer CN, not the jurisdiction of the foreign account. */
        static boolean administers(ActorId a, long account) { return isAdmin(a) && jurisdictionOf(account).equals(CN); }

        static boolean exists(long account) { return TYPES.containsKey(account); }

        static boolean government(long account) { return TYPES.get(account).isGovernment(); }

        static boolean terminal(long account) { return TYPES.get(account).isTerminal(); }

        static boolean hasRole(long account, ActorId a, Role r) {
            if (government(account)) return false;
            return a.equals(dual(account)) || (r == Role.INITIATOR ? a.equals(initiator(account)) : r == Role.APPROVER && a.equals(approver(account)));
        }

        Controls controlsOf(long account) { return government(account) ? Controls.none() : holderControls; }

        boolean mayApprove(MTx t, ActorId who) {
            return !who.equals(t.initiator) && approves(t, who);
        }

        boolean approves(MTx t, ActorId who) {
            long g = t.from != 0 ? t.from : t.to;
            if (!exists(g)) return true; // rejected before its accounts resolved: its state answers
            if (t.type.isAdministrative() || government(g)) return administers(who, g);
            // a holder's own transaction: the holder's approver, or an administrator only where the controls allow it
            return hasRole(g, who, Role.APPROVER) || (administers(who, g) && controlsOf(g).administratorsApproveHolders());
        }

        long[] holding(long account, int s) { return holdings[(int) account][s]; }

        long cap(int s) { return caps[s]; }

        long issuedUnderCap(int s) { return s == 2 || s == 3 ? issued[2] + issued[3] : issued[s]; }

        /** The model's own sum of issuances waiting for approval or their delay, under the same cap as series s. */
        long pendingUnderCap(int s) {
            long sum = 0;
            for (MTx t : txs.values())
                if (t.type == TransactionType.ISSUE && (t.status == TransactionStatus.AWAITING_APPROVAL || t.status == TransactionStatus.DELAYED)
                        && (t.series == s || ((s == 2 || s == 3) && (t.series == 2 || t.series == 3))))
                    sum += t.q;
            return sum;
        }

        MTx record(CommandId id, Req req, long from, long to, int series) {
            MTx t = new MTx();
            t.id = nextId++;
            t.req = req;
            t.type = req.type();
            t.initiator = req.initiator();
            t.from = from;
            t.to = to;
            t.series = series;
            t.q = req.q();
            t.pledgee = req.pledgee();
            t.reverses = req.reverses();
            txs.put(t.id, t);
            byCommand.put(id.value(), t.id);
            commands.add(id.value());
            return t;
        }

        Expect reject(MTx t, Rejection code) {
            t.status = TransactionStatus.REJECTED;
            t.code = code;
            return Expect.rejected(code, t.id);
        }

        Expect predictPropose(CommandId id, Req r) {
            Long existing = byCommand.get(id.value());
            if (existing != null) {
                MTx t = txs.get(existing);
                if (!t.req.equals(r)) return Expect.rejected(Rejection.DUPLICATE_ID_DIFFERENT_BODY, -1);
                return t.status == TransactionStatus.REJECTED ? Expect.rejected(t.code, t.id) : new Expect(null, t.status, t.id);
            }
            return r.type() == TransactionType.REVERSAL ? predictReversal(id, r) : predictMove(id, r);
        }

        Expect predictReversal(CommandId id, Req r) {
            MTx o = txs.get(r.reverses());
            if (o == null) return reject(record(id, r, 0, 0, NO_SERIES), Rejection.UNKNOWN_TRANSACTION);
            if (!exists(o.to) || (o.from != 0 && !exists(o.from)))
                return reject(record(id, r, 0, 0, NO_SERIES), isAdmin(r.initiator()) ? Rejection.NOT_REVERSIBLE : Rejection.NOT_AUTHORISED);
            MTx t = record(id, r, o.to, o.from, o.series);
            t.q = o.q;
            if (!administers(r.initiator(), o.to)) return reject(t, Rejection.NOT_AUTHORISED);
            boolean reversedAlready = txs.values().stream().anyMatch(x -> x != t && x.type == TransactionType.REVERSAL && x.reverses == o.id
                    && x.status != TransactionStatus.REJECTED && x.status != TransactionStatus.CANCELLED);
            if (o.status != TransactionStatus.COMPLETED || !o.type.movesUnits() || o.type == TransactionType.ISSUE
                    || o.type == TransactionType.REVERSAL || reversedAlready)
                return reject(t, Rejection.NOT_REVERSIBLE);
            Rejection holdingsFail = holdingsFailure(t);
            if (holdingsFail != null) return reject(t, holdingsFail);
            return route(t);
        }

        Expect predictMove(CommandId id, Req r) {
            TransactionType type = r.type();
            String shape = shapeProblem(r);
            if (shape != null) return reject(record(id, r, r.from(), r.to(), NO_SERIES), Rejection.INVALID_REQUEST);
            if (r.q() <= 0 || r.q() > SeriesKey.MAX_SERIAL) return reject(record(id, r, r.from(), r.to(), NO_SERIES), Rejection.INVALID_QUANTITY);
            if ((r.from() != 0 && !exists(r.from())) || (r.to() != 0 && !exists(r.to())) || (r.pledgee() != 0 && !exists(r.pledgee())))
                return reject(record(id, r, r.from(), r.to(), NO_SERIES), Rejection.UNKNOWN_ACCOUNT);
            if (r.series() == UNKNOWN_TYPE) return reject(record(id, r, r.from(), r.to(), NO_SERIES), Rejection.UNKNOWN_UNIT_TYPE);
            int s = r.series();
            long to = switch (type) {
                case ISSUE -> TQ;
                case RETURN_OF_EXCESS -> r.to() == 0 ? ALLOC : r.to();
                case SURRENDER, FORCED_DEDUCTION -> SURR;
                case RETIRE -> RET;
                case CANCEL -> CANC;
                case FREEZE, UNFREEZE -> r.from();
                default -> r.to();
            };
            if (type != TransactionType.ISSUE && (!exists[s] || issued[s] == 0)) return reject(record(id, r, r.from(), r.to(), NO_SERIES), Rejection.UNKNOWN_UNIT_TYPE);
            MTx t = record(id, r, r.from(), to, s);
            long governing = r.from() != 0 ? r.from() : to;
            boolean authorised = type.isAdministrative() || government(governing) ? administers(r.initiator(), governing) : hasRole(governing, r.initiator(), Role.INITIATOR);
            if (!authorised) return reject(t, Rejection.NOT_AUTHORISED);
            if (type.movesUnits() && r.from() != 0 && r.from() == to) return reject(t, Rejection.SAME_ACCOUNT);
            if (type == TransactionType.FREEZE && r.pledgee() == r.from()) return reject(t, Rejection.SAME_ACCOUNT);
            if (r.from() != 0 && terminal(r.from())) return reject(t, Rejection.TERMINAL_ACCOUNT);
            Rejection route = routeFailure(r, to);
            if (route != null) return reject(t, route);
            if (type != TransactionType.ISSUE) {
                Rejection h = holdingsFailure(t);
                if (h != null) return reject(t, h);
            }
            if (type == TransactionType.TRANSFER && !government(r.from()) && holderControls.untrusted() == Controls.UntrustedPolicy.REFUSE
                    && !trusted.contains(r.from() + "/" + to))
                return reject(t, Rejection.ACCOUNT_NOT_ON_TRUSTED_LIST);
            if (type == TransactionType.ISSUE) {
                // at proposal the issuances awaiting approval count against the cap too
                if (cap(s) < 0 || issuedUnderCap(s) + pendingUnderCap(s) + r.q() > cap(s)) return reject(t, Rejection.EXCEEDS_CAP);
                exists[s] = true; // the series is created once the checks pass
            }
            return route(t);
        }

        /** What kind of account a type moves units out of and into (the model's own statement of the rule). */
        static Rejection routeFailure(Req r, long to) {
            TransactionType type = r.type();
            long from = r.from();
            if (from == 0) return null;
            AccountType toType = TYPES.get(to), fromType = TYPES.get(from);
            if (type.movesUnits() && toType.isTerminal()) {
                AccountType legal = switch (type) {
                    case SURRENDER, FORCED_DEDUCTION -> AccountType.SURRENDER;
                    case RETIRE -> AccountType.RETIREMENT;
                    case CANCEL -> AccountType.CANCELLATION;
                    default -> null;
                };
                if (legal != toType) return Rejection.ROUTE_NOT_ALLOWED;
            }
            return switch (type) {
                // free allocation (allocation, new entrant reserve) to covered entities only; auctioned units to a buyer
                // (covered entity or trading account) or the auction delivery account
                case ALLOCATE -> switch (fromType) {
                    case ALLOCATION, NEW_ENTRANT_RESERVE -> toType == AccountType.COVERED_ENTITY_HOLDING ? null : Rejection.ROUTE_NOT_ALLOWED;
                    case AUCTION -> toType == AccountType.COVERED_ENTITY_HOLDING || toType == AccountType.TRADING_HOLDING
                            || toType == AccountType.AUCTION_DELIVERY ? null : Rejection.ROUTE_NOT_ALLOWED;
                    default -> Rejection.ROUTE_NOT_ALLOWED;
                };
                // only a covered entity has an obligation to surrender against
                case SURRENDER -> fromType == AccountType.COVERED_ENTITY_HOLDING ? null : Rejection.ROUTE_NOT_ALLOWED;
                // only a covered entity gives back what it was allocated free
                case RETURN_OF_EXCESS -> fromType == AccountType.COVERED_ENTITY_HOLDING && (toType == AccountType.ALLOCATION || toType == AccountType.NEW_ENTRANT_RESERVE)
                        ? null : Rejection.ROUTE_NOT_ALLOWED;
                // a holder transfers to holders; an administrator to another government account of the same jurisdiction
                case TRANSFER -> fromType.isGovernment()
                        ? (toType.isGovernment() && jurisdictionOf(from).equals(jurisdictionOf(to)) ? null : Rejection.ROUTE_NOT_ALLOWED)
                        : (toType.isGovernment() ? Rejection.ROUTE_NOT_ALLOWED : null);
                // a pledge is of a holder's units to a holder of the same jurisdiction
                case FREEZE -> fromType.isGovernment() || TYPES.get(r.pledgee()).isGovernment() || !jurisdictionOf(r.pledgee()).equals(jurisdictionOf(from))
                        ? Rejection.ROUTE_NOT_ALLOWED : null;
                default -> null;
            };
        }

        static String shapeProblem(Req r) {
            if (r.series() == NO_SERIES) return "no series";
            boolean offset = r.series() >= 0 && SERIES[r.series()].unitType().isOffset();
            switch (r.type()) {
                case ISSUE -> {
                    if (r.from() != 0 || r.to() != 0) return "accounts";
                    if (offset && (r.offsetOf() < 0 || r.offsetOf() != r.series())) return "offset attributes";
                    if (!offset && r.offsetOf() >= 0) return "allowance with offset attributes";
                }
                case ALLOCATE, TRANSFER -> { if (r.from() == 0 || r.to() == 0) return "from and to"; }
                case RETURN_OF_EXCESS -> { if (r.from() == 0) return "from"; }
                case SURRENDER, RETIRE, CANCEL, FORCED_DEDUCTION -> {
                    if (r.from() == 0 || r.to() != 0) return "from only";
                    if (r.type() == TransactionType.RETIRE && (blank(r.beneficiary()) || blank(r.purpose()))) return "beneficiary";
                }
                case FREEZE, UNFREEZE -> { if (r.from() == 0 || r.pledgee() == 0 || r.to() != 0) return "pledge"; }
                default -> throw new IllegalStateException();
            }
            if (r.type() != TransactionType.FREEZE && r.type() != TransactionType.UNFREEZE && r.pledgee() != 0) return "pledgee";
            if (r.type() != TransactionType.RETIRE && r.beneficiary() != null) return "beneficiary";
            if ((r.type() == TransactionType.TRANSFER || r.type() == TransactionType.SURRENDER) && r.purpose() != null) return "free text";
            if (r.type() != TransactionType.RETIRE && r.purpose() != null && blank(r.purpose())) return "beneficiary";
            if (r.type() != TransactionType.ISSUE && r.offsetOf() >= 0) return "offset";
            return null;
        }

        static boolean blank(String s) { return s == null || s.isBlank() || s.length() > 500; }

        /** INSUFFICIENT_HOLDINGS / HOLDINGS_FROZEN from the serial arrays, or null. */
        Rejection holdingsFailure(MTx t) {
            int s = t.series;
            if (t.type == TransactionType.REVERSAL) {
                MTx o = txs.get(t.reverses);
                boolean frozen = false;
                for (SerialRange r : o.ranges)
                    for (long n = r.first(); n <= r.last(); n++) {
                        if (owner[s][(int) n] != t.from) return Rejection.INSUFFICIENT_HOLDINGS;
                        frozen |= pledge[s][(int) n] != 0;
                    }
                return frozen ? Rejection.HOLDINGS_FROZEN : null;
            }
            if (t.type == TransactionType.UNFREEZE) {
                long pledged = 0;
                for (int n = 1; n <= issued[s]; n++) if (owner[s][n] == t.from && pledge[s][n] == t.pledgee) pledged++;
                return pledged < t.q ? Rejection.INSUFFICIENT_PLEDGED : null;
            }
            long[] h = holding(t.from, s);
            if (h[0] < t.q) return Rejection.INSUFFICIENT_HOLDINGS;
            if (h[0] - h[1] < t.q) return Rejection.HOLDINGS_FROZEN;
            return null;
        }

        boolean needsApproval(MTx t) {
            if (t.type == TransactionType.ISSUE || t.type == TransactionType.FORCED_DEDUCTION || t.type == TransactionType.REVERSAL) return true;
            long g = t.from != 0 ? t.from : t.to;
            if (t.type.isAdministrative() && !government(g)) return true;
            return controlsOf(g).fourEyes();
        }

        Expect route(MTx t) {
            if (needsApproval(t)) {
                t.status = TransactionStatus.AWAITING_APPROVAL;
                t.expiresAt = now.plus(Duration.ofHours(72));
                return new Expect(null, t.status, t.id);
            }
            return afterApproval(t);
        }

        Expect afterApproval(MTx t) {
            if (t.type == TransactionType.TRANSFER && !government(t.from)) {
                int hours = trusted.contains(t.from + "/" + t.to) ? holderControls.trustedDelayHours() : holderControls.untrustedDelayHours();
                if (hours > 0) {
                    t.status = TransactionStatus.DELAYED;
                    return new Expect(null, t.status, t.id);
                }
            }
            return complete(t);
        }

        /** The checks again (state may have changed), then the move: the highest serials of the smallest block that holds them all, else lowest serials first. */
        Expect complete(MTx t) {
            int s = t.series;
            if (t.type == TransactionType.ISSUE) {
                if (issuedUnderCap(s) + t.q > cap(s)) return reject(t, Rejection.EXCEEDS_CAP);
            } else {
                Rejection h = holdingsFailure(t);
                if (h != null) return reject(t, h);
            }
            List<SerialRange> moved = new ArrayList<>();
            switch (t.type) {
                case ISSUE -> {
                    SerialRange r = new SerialRange(issued[s] + 1, issued[s] + t.q);
                    for (long n = r.first(); n <= r.last(); n++) set(s, n, (int) TQ, 0);
                    issued[s] = r.last();
                    moved.add(r);
                }
                case REVERSAL -> {
                    for (SerialRange r : txs.get(t.reverses).ranges) for (long n = r.first(); n <= r.last(); n++) set(s, n, (int) t.to, 0);
                    moved.addAll(txs.get(t.reverses).ranges);
                }
                case FREEZE -> moved = takeLowest(s, t.from, 0, t.q, (int) t.from, (int) t.pledgee);
                case UNFREEZE -> moved = takeLowest(s, t.from, t.pledgee, t.q, (int) t.from, 0);
                default -> moved = takeLowest(s, t.from, 0, t.q, (int) t.to, 0);
            }
            t.ranges = List.copyOf(moved);
            t.status = TransactionStatus.COMPLETED;
            completionOrder.add(t.id);
            return new Expect(null, t.status, t.id);
        }

        /** The highest {@code q} serials of the shortest maximal run the account holds in the pool that is at least {@code q} long (lowest first of equals), else lowest first. */
        List<SerialRange> takeLowest(int s, long account, long pool, long q, int newOwner, int newPledgee) {
            int bestStart = -1, bestLength = Integer.MAX_VALUE;
            for (int n = 1; n <= issued[s]; n++) {
                if (owner[s][n] != account || pledge[s][n] != pool) continue;
                int end = n;
                while (end + 1 <= issued[s] && owner[s][end + 1] == account && pledge[s][end + 1] == pool) end++;
                int length = end - n + 1;
                if (length >= q && length < bestLength) {
                    bestStart = n;
                    bestLength = length;
                }
                n = end;
            }
            if (bestStart > 0) { // the run's highest serials
                long first = bestStart + bestLength - q;
                for (long x = first; x < first + q; x++) set(s, x, newOwner, newPledgee);
                return List.of(new SerialRange(first, first + q - 1));
            }
            List<SerialRange> out = new ArrayList<>();
            long left = q, runStart = -1, runEnd = -1;
            for (int n = 1; n <= issued[s] && left > 0; n++) {
                if (owner[s][n] != account || pledge[s][n] != pool) continue;
                set(s, n, newOwner, newPledgee);
                left--;
                if (runStart > 0 && runEnd == n - 1) runEnd = n;
                else {
                    if (runStart > 0) out.add(new SerialRange(runStart, runEnd));
                    runStart = runEnd = n;
                }
            }
            if (runStart > 0) out.add(new SerialRange(runStart, runEnd));
            if (left != 0) throw new AssertionError("model: not enough units after its own checks");
            return out;
        }

        void set(int s, long serial, int newOwner, int newPledgee) {
            int n = (int) serial;
            if (owner[s][n] != 0) {
                long[] h = holding(owner[s][n], s);
                h[0]--;
                if (pledge[s][n] != 0) h[1]--;
            }
            owner[s][n] = newOwner;
            pledge[s][n] = newPledgee;
            long[] h = holding(newOwner, s);
            h[0]++;
            if (newPledgee != 0) h[1]++;
        }

        // ---------------------------------------------------------------------------------------- invariants

        void checkInvariants() {
            List<UnitSeries> allSeries = ledger.allSeries();
            List<Holding> hs = ledger.holdings();
            List<UnitBlock> blocks = ledger.blocks();
            List<Transaction> transactions = ledger.transactions();
            Map<Long, Integer> index = new HashMap<>();
            for (UnitSeries us : allSeries)
                for (int s = 0; s < SERIES.length; s++) if (SERIES[s].equals(us.key())) index.put(us.id(), s);
            require(index.size() == allSeries.size(), () -> "series " + allSeries);
            for (int s = 0; s < SERIES.length; s++) {
                int x = s;
                require(ledger.series(SERIES[s]).isPresent() == exists[s], () -> "series " + SERIES[x] + " exists: model says " + exists[x]);
            }

            // holdings: never negative; per series they add up to what was issued; each equals its blocks
            Map<String, long[]> fromBlocks = new HashMap<>();
            for (UnitBlock b : blocks) {
                long[] v = fromBlocks.computeIfAbsent(b.accountId() + "/" + b.seriesId(), k -> new long[2]);
                v[0] += b.size();
                if (b.isFrozen()) v[1] += b.size();
            }
            Map<Long, Long> heldPerSeries = new HashMap<>();
            for (Holding h : hs) {
                require(h.quantity() >= 0 && h.frozen() >= 0 && h.frozen() <= h.quantity(), () -> "holding out of bounds " + h);
                heldPerSeries.merge(h.seriesId(), h.quantity(), Long::sum);
                long[] v = fromBlocks.getOrDefault(h.accountId() + "/" + h.seriesId(), new long[2]);
                require(v[0] == h.quantity() && v[1] == h.frozen(), () -> h + " but its blocks hold " + v[0] + " (pledged " + v[1] + ")");
                long[] m = holding(h.accountId(), index.get(h.seriesId()));
                require(m[0] == h.quantity() && m[1] == h.frozen(), () -> h + " but the model has " + m[0] + " (frozen " + m[1] + ")");
            }
            for (String key : fromBlocks.keySet()) {
                String[] p = key.split("/");
                require(ledger.holding(Long.parseLong(p[0]), Long.parseLong(p[1])).quantity() > 0, () -> "blocks without a holding " + key);
            }
            for (UnitSeries us : allSeries) {
                long issuedHere = ledger.nextSerial(us.id()) - 1;
                long heldHere = heldPerSeries.getOrDefault(us.id(), 0L), modelIssued = issued[index.get(us.id())];
                require(issuedHere == modelIssued, () -> us.key() + ": issued " + issuedHere + ", model " + modelIssued);
                require(heldHere == issuedHere, () -> us.key() + ": holdings add up to " + heldHere + ", issued " + issuedHere);
            }

            // blocks: no overlap, cover exactly 1..issued, never two neighbours with the same owner and pledge, and agree with the model
            Map<Long, List<UnitBlock>> bySeries = new HashMap<>();
            for (UnitBlock b : blocks) bySeries.computeIfAbsent(b.seriesId(), k -> new ArrayList<>()).add(b);
            for (UnitSeries us : allSeries) {
                int s = index.get(us.id());
                List<UnitBlock> list = new ArrayList<>(bySeries.getOrDefault(us.id(), List.of()));
                list.sort(Comparator.comparing(UnitBlock::range));
                long expectNext = 1;
                UnitBlock previous = null;
                for (UnitBlock b : list) {
                    long next = expectNext;
                    require(b.range().first() == next, () -> "blocks of " + us.key() + " overlap or leave a gap at " + b + " (expected " + next + ")");
                    expectNext = b.range().last() + 1;
                    UnitBlock before = previous;
                    require(before == null || before.accountId() != b.accountId() || before.pledgee() != b.pledgee(),
                            () -> "adjacent blocks not merged: " + before + ", " + b);
                    for (long n = b.range().first(); n <= b.range().last(); n++)
                        if (owner[s][(int) n] != b.accountId() || pledge[s][(int) n] != b.pledgee())
                            throw new AssertionError("model has serial " + n + " of " + us.key() + " in " + owner[s][(int) n] + "/" + pledge[s][(int) n] + ", ledger in " + b);
                    previous = b;
                }
                long end = expectNext - 1;
                require(end == issued[s], () -> "blocks of " + us.key() + " end at " + end + ", issued " + issued[s]);
            }

            // transactions agree with the model; blocks ≤ issued ranges + other completed transactions
            require(transactions.size() == txs.size(), () -> "ledger has " + transactions.size() + " transactions, model " + txs.size());
            int issues = 0, others = 0;
            for (Transaction t : transactions) {
                MTx m = txs.get(t.id());
                require(m != null, () -> "model does not know #" + t.id());
                if (t.status() != m.status || t.rejection() != m.code || !t.ranges().equals(m.ranges) || t.type() != m.type)
                    throw new AssertionError("transaction #" + t.id() + ": ledger " + t.status() + " " + t.rejection() + " " + t.ranges()
                            + ", model " + m.status + " " + m.code + " " + m.ranges);
                if (t.status() == TransactionStatus.COMPLETED) {
                    if (t.type() == TransactionType.ISSUE) issues++;
                    else others++;
                    long moved = 0;
                    for (SerialRange r : t.ranges()) moved += r.size();
                    long total = moved;
                    require(total == t.quantity(), () -> "ranges of #" + t.id() + " hold " + total + ", quantity " + t.quantity());
                }
            }
            int bound = issues + others;
            require(blocks.size() <= bound, () -> blocks.size() + " blocks, more than issued ranges + completed transactions " + bound);

            checkJournal(transactions);
        }

        static void require(boolean ok, java.util.function.Supplier<String> what) {
            if (!ok) throw new AssertionError(what.get());
        }

        void checkJournal(List<Transaction> transactions) {
            List<String> journal = ledger.journal(), hashes = ledger.journalHashes();
            assertThat(hashes).as("one hash per journal line").hasSameSizeAs(journal);
            assertThat(journal.size()).as("journal = genesis + completed transactions").isEqualTo(1 + completionOrder.size());
            for (int i = 0; i < seenJournal.size(); i++)
                if (journal.get(i) != seenJournal.get(i) && !journal.get(i).equals(seenJournal.get(i)))
                    throw new AssertionError("journal line " + i + " changed");
            if (seenJournal.isEmpty()) {
                assertThat(journal.getFirst()).isEqualTo(JournalEntry.GENESIS_CANONICAL);
                assertThat(hashes.getFirst()).isEqualTo(JournalEntry.chain(JournalEntry.GENESIS_PREVIOUS, JournalEntry.GENESIS_CANONICAL));
            }
            Map<Long, Transaction> byId = new HashMap<>();
            for (int i = Math.max(1, seenJournal.size()); i < journal.size(); i++) {
                if (byId.isEmpty()) for (Transaction t : transactions) byId.put(t.id(), t);
                String line = journal.get(i);
                assertThat(hashes.get(i)).as("hash of journal line " + i).isEqualTo(JournalEntry.chain(hashes.get(i - 1), line));
                JournalEntry e = JournalEntry.parse(line);
                assertThat(e.canonical()).as("journal line round-trips").isEqualTo(line);
                assertThat(e.seq()).isEqualTo(i);
                assertThat(e.transactionId()).as("journal in completion order").isEqualTo(completionOrder.get(i - 1));
                Transaction t = byId.get(e.transactionId());
                MTx m = txs.get(t.id());
                assertThat(List.of(e.type(), e.from(), e.to(), e.seriesId(), e.quantity(), e.ranges(), e.pledgee(), e.reverses(), e.commandId()))
                        .as("journal line %d matches #%d", i, t.id())
                        .containsExactly(t.type(), t.from(), t.to(), t.seriesId(), t.quantity(), t.ranges(), t.pledgee(), t.reverses(), t.commandId());
                assertThat(e.seriesCode()).isEqualTo(SERIES[m.series].code());
                assertThat(Objects.equals(e.beneficiary(), t.beneficiary()) && Objects.equals(e.purpose(), t.purpose())).as("free text of #" + t.id()).isTrue();
                assertThat(e.completedAt()).isEqualTo(Instant.ofEpochMilli(t.completedAt().toEpochMilli()));
            }
            seenJournal = journal;
        }

        void checkJournalFromGenesis() {
            List<String> journal = ledger.journal(), hashes = ledger.journalHashes();
            String previous = JournalEntry.GENESIS_PREVIOUS;
            for (int i = 0; i < journal.size(); i++) {
                previous = JournalEntry.chain(previous, journal.get(i));
                assertThat(hashes.get(i)).as("hash chain at " + i).isEqualTo(previous);
            }
        }
    }
}
