package org.openets.server;

import org.openets.kernel.ActorId;
import org.openets.kernel.BusinessCalendar;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.Account;
import org.openets.registry.AccountType;
import org.openets.registry.BatchRequest;
import org.openets.registry.HolderKind;
import org.openets.registry.Outcome;
import org.openets.registry.Role;
import org.openets.registry.SeriesKey;
import org.openets.registry.Transaction;
import org.openets.registry.TransactionRequest;
import org.openets.registry.TransactionStatus;
import org.openets.registry.TransactionType;
import org.openets.store.PgRegistryAdministration;
import org.openets.store.emissions.PgEmissionsStore;
import org.openets.store.security.PgPlatformUsers;
import org.openets.workflows.emissions.EmissionsService;
import org.openets.workflows.registry.RegistryService;
import org.openets.workflows.registry.spi.LedgerUnitOfWork;
import org.openets.workflows.registry.spi.RegistryReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small market to try the platform on: the national market (CN) and four pilots (GD, SZ, SH, FJ), each with its
 * regulator (two administrators, for 4-eyes), its government accounts and a cap for 2024; twenty covered entities
 * (power, cement, aluminium; the names and codes are invented) with an initiator and an approver each; issuance,
 * allocation tables, a few transfers between entities, a surrender and a retirement, all done through the
 * registry's own use cases with 4-eyes; one transfer left in an approver's inbox; three national trading accounts
 * (two organisations and one natural person, {@link #TRADERS}) showing the transfer delay: one transfer completed after
 * its delay and one still DELAYED (延迟执行中) at start; and 2022 emissions reports with two verifiers
 * ({@link DemoEmissions}). Every person signs in with {@link #PASSWORD}; people's display names are people's names,
 * their roles come from the role data.
 * <p>
 * The registry history is dated as it would have happened: issuance, allocation, the entities' trades and the
 * delayed transfer that completed are done on a demo clock set some business days back ({@link #past}), so that
 * transfer's delay (24 business hours of the calendar) has passed by start; the transfer left for approval and the
 * one still delayed are done at start.
 */
public final class DemoMarket {
    private static final Logger log = LoggerFactory.getLogger(DemoMarket.class);

    public static final String PASSWORD = "demo-password";
    static final int VINTAGE = 2024;

    /** A regulator of one market and its allowance. */
    record Market(String code, String regulator, String unitType, long cap, long issue, String capSource) {}

    /** A covered entity (重点排放单位): its login stem, name, sector and 2024 allocation. */
    record Entity(String key, String jurisdiction, String name, String region, long allocation) {}

    /** A trading account's holder (交易账户): an organisation with its unified social credit code, or a natural person with a citizen ID. */
    record Trader(String key, String name, HolderKind kind, String code, long bought) {}

    static final List<Trader> TRADERS = List.of(
            new Trader("cn-trader-1", "北京绿碳资产管理有限公司", HolderKind.ORGANISATION, entityCode("110105", 101), 300_000),
            new Trader("cn-trader-2", "上海浦江碳投资有限公司", HolderKind.ORGANISATION, entityCode("310115", 102), 200_000),
            new Trader("cn-person-1", "王建国", HolderKind.PERSON, personId("110101", "19780512", "213"), 0));

    /** The demo's national 2019 allowance (CEA/2019): what the demo allocation run of 2019 allocates from. */
    static final long CN_2019_CAP = 12_000_000L;
    /** Guangdong's 2016 allowance (GDEA/2016): what the demo's Guangdong 2016 run allocates, and sends to auction for its paid part. */
    static final long GD_2016_CAP = 13_000_000L;

    static final List<Market> MARKETS = List.of(
            new Market("CN", "生态环境部（全国碳市场）", "CEA", 5_100_000_000L, 60_000_000L, "全国碳排放权交易配额总量（示例数据）"),
            new Market("GD", "广东省生态环境厅", "GDEA", 297_000_000L, 30_000_000L, "广东省配额分配实施方案（示例数据）"),
            new Market("SZ", "深圳市生态环境局", "SZEA", 25_000_000L, 3_000_000L, "深圳市配额分配方案（示例数据）"),
            new Market("SH", "上海市生态环境局", "SHEA", 105_000_000L, 12_000_000L, "上海市配额分配方案（示例数据）"),
            new Market("FJ", "福建省生态环境厅", "FJEA", 130_000_000L, 8_000_000L, "福建省配额分配方案（示例数据）"));

    static final List<Entity> ENTITIES = List.of(
            new Entity("cn-power-1", "CN", "华北滨海发电有限公司", "120116", 9_600_000),
            new Entity("cn-power-2", "CN", "江苏沿江热电有限公司", "320281", 6_200_000),
            new Entity("cn-power-3", "CN", "内蒙古草原煤电有限责任公司", "150602", 11_400_000),
            new Entity("cn-power-4", "CN", "四川岷江燃气发电有限公司", "510100", 2_100_000),
            new Entity("cn-cement-1", "CN", "安徽皖江水泥股份有限公司", "340200", 1_800_000),
            new Entity("cn-cement-2", "CN", "河南中原建材水泥有限公司", "410100", 1_350_000),
            new Entity("cn-alu-1", "CN", "山东黄河电解铝有限公司", "371600", 2_400_000),
            new Entity("cn-alu-2", "CN", "新疆天山铝业有限公司", "650100", 3_100_000),
            new Entity("gd-power-1", "GD", "广东珠江电力有限公司", "440100", 7_200_000),
            new Entity("gd-power-2", "GD", "湛江港湾发电有限公司", "440800", 5_900_000),
            new Entity("gd-power-3", "GD", "汕头海门发电有限公司", "440500", 4_300_000),
            new Entity("gd-cement-1", "GD", "英德石灰岩水泥有限公司", "441800", 2_600_000),
            new Entity("gd-alu-1", "GD", "肇庆西江铝材有限公司", "441200", 650_000),
            new Entity("sz-power-1", "SZ", "深圳前海能源发电有限公司", "440300", 1_200_000),
            new Entity("sz-power-2", "SZ", "深圳大鹏湾燃气电厂有限公司", "440307", 900_000),
            new Entity("sh-power-1", "SH", "上海吴淞口发电有限公司", "310113", 4_800_000),
            new Entity("sh-power-2", "SH", "上海临港燃机发电有限公司", "310115", 2_200_000),
            new Entity("sh-alu-1", "SH", "上海宝山铝加工有限公司", "310113", 380_000),
            new Entity("fj-power-1", "FJ", "福建闽江发电有限公司", "350100", 4_100_000),
            new Entity("fj-cement-1", "FJ", "福建龙岩闽西水泥有限公司", "350800", 1_700_000));

    private static final List<AccountType> GOVERNMENT = List.of(AccountType.TOTAL_QUANTITY, AccountType.ALLOCATION, AccountType.AUCTION,
            AccountType.NEW_ENTRANT_RESERVE, AccountType.SURRENDER, AccountType.CANCELLATION, AccountType.RETIREMENT);

    private final RegistryService registry;
    private final PgRegistryAdministration admin;
    private final RegistryReadModel read;
    private final PgPlatformUsers users;
    private final String passwordHash;
    private final Clock clock;

    private final Map<String, Map<AccountType, Account>> government = new LinkedHashMap<>();
    private final Map<String, Account> holdings = new LinkedHashMap<>();
    private final Map<String, Account> trading = new LinkedHashMap<>();
    private final Map<String, String> people = new LinkedHashMap<>();
    private final LedgerUnitOfWork ledger;
    private final DemoClock demoClock;
    private final RegistryService past;

    private final DemoEmissions emissions;
    private final DemoAllocation allocation;

    public DemoMarket(RegistryService registry, PgRegistryAdministration admin, RegistryReadModel read, PgPlatformUsers users,
                      String passwordHash, Clock clock, PgEmissionsStore emissionsStore, EmissionsService emissionsService,
                      org.openets.workflows.allocation.AllocationService allocationService, LedgerUnitOfWork ledger) {
        this.ledger = ledger;
        this.demoClock = new DemoClock(clock.getZone());
        this.past = new RegistryService(ledger, demoClock);
        this.allocation = new DemoAllocation(allocationService);
        this.emissions = new DemoEmissions(emissionsStore, emissionsService, users, passwordHash, this::personName);
        this.registry = registry;
        this.admin = admin;
        this.read = read;
        this.users = users;
        this.passwordHash = passwordHash;
        this.clock = clock;
    }

    /** Loads the market into an empty registry; does nothing when there are accounts already. */
    public boolean loadIfEmpty() {
        if (!read.accounts().isEmpty()) {
            log.info("the registry has accounts: demo data not loaded");
            return false;
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        BusinessCalendar cn = ledger.execute(s -> s.calendar(Jurisdiction.of("CN")));
        Instant then = startOfHistory(cn, now);
        demoClock.set(then);
        people();
        accounts(then);
        for (Market m : MARKETS) issueAndAllocate(m);
        issueForDemoRun("CN", 2019, CN_2019_CAP, "全国发电行业 2019 年配额总量（示例数据）");
        issueForDemoRun("GD", 2016, GD_2016_CAP, "广东省 2016 年度配额总量（示例数据）");
        trades();
        demoClock.set(then.plus(Duration.ofHours(1)));
        Instant executesAt = tradingAccounts(cn);
        // the completion job's run once the delay was over
        demoClock.set(executesAt.plusSeconds(30));
        past.completeDue();
        nowTrades();
        Map<String, String> names = new LinkedHashMap<>();
        for (Entity e : ENTITIES) names.put(e.key(), e.name());
        emissions.load(holdings, names);
        Map<String, String> numbers = new LinkedHashMap<>();
        holdings.forEach((k, a) -> numbers.put(k, a.number()));
        allocation.load(numbers);
        log.info("demo market loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高";
    private static final List<String> GIVEN = List.of("伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超",
            "秀兰", "霞", "平", "刚", "桂英", "建华", "晓东", "海燕", "志强", "丽华", "国庆", "文博", "雪梅", "晨", "立新");

    /** A person's name for a login: invented, one per login (no role words: the platform shows roles from the role data). */
    String personName(String login) {
        return people.computeIfAbsent(login, k -> {
            int i = people.size();
            // (i mod 20, i mod 30) differ for every i below 60, so every name differs
            if (i >= 60) throw new IllegalStateException("more demo people than names");
            return SURNAMES.charAt(i % 20) + GIVEN.get(i % 30);
        });
    }

    private void person(String login, String kind) { users.save(login, passwordHash, personName(login), kind); }

    private void people() {
        person("auditor", "AUDITOR");
        for (Market m : MARKETS) {
            String j = m.code().toLowerCase();
            person("admin-" + j, "PERSON");
            person("admin2-" + j, "PERSON");
            admin.addAdministrator(ActorId.of("admin-" + j), Jurisdiction.of(m.code()));
            admin.addAdministrator(ActorId.of("admin2-" + j), Jurisdiction.of(m.code()));
        }
        for (Entity e : ENTITIES) {
            person(e.key() + "-init", "PERSON");
            person(e.key() + "-appr", "PERSON");
        }
        for (Trader t : TRADERS) {
            // a natural person acts for themselves (the holder's own name); a second person approves (4-eyes)
            if (t.kind() == HolderKind.PERSON) users.save(t.key() + "-init", passwordHash, t.name(), "PERSON");
            else person(t.key() + "-init", "PERSON");
            person(t.key() + "-appr", "PERSON");
        }
    }

    private void accounts(Instant then) {
        for (Market m : MARKETS) {
            Jurisdiction j = Jurisdiction.of(m.code());
            Map<AccountType, Account> gov = new EnumMap<>(AccountType.class);
            for (AccountType t : GOVERNMENT) gov.put(t, admin.openAccount(j, t, m.regulator(), null));
            government.put(m.code(), gov);
            admin.setIssuanceLimit(m.unitType(), VINTAGE, m.cap(), m.capSource());
        }
        int n = 1;
        for (Entity e : ENTITIES) {
            Account a = admin.openAccount(Jurisdiction.of(e.jurisdiction()), AccountType.COVERED_ENTITY_HOLDING, e.name(), entityCode(e.region(), n++));
            admin.addRepresentative(a.id(), ActorId.of(e.key() + "-init"), Role.INITIATOR);
            admin.addRepresentative(a.id(), ActorId.of(e.key() + "-appr"), Role.APPROVER);
            holdings.put(e.key(), a);
        }
        for (Trader t : TRADERS) {
            Account a = admin.openAccount(Jurisdiction.of("CN"), AccountType.TRADING_HOLDING, t.name(), t.kind(), t.code(), null, null);
            admin.addRepresentative(a.id(), ActorId.of(t.key() + "-init"), Role.INITIATOR);
            admin.addRepresentative(a.id(), ActorId.of(t.key() + "-appr"), Role.APPROVER);
            trading.put(t.key(), a);
        }
        // covered entities of one market trust each other (可信账户), active since a month before the demo's history
        Instant since = then.minus(Duration.ofDays(30));
        for (Entity a : ENTITIES)
            for (Entity b : ENTITIES)
                if (a != b && a.jurisdiction().equals(b.jurisdiction()))
                    admin.addTrustedAccount(holdings.get(a.key()).id(), holdings.get(b.key()).id(), since);
    }

    /** An invented unified social credit code (统一社会信用代码): the right shape, with its check character. */
    static String entityCode(String region, int n) {
        String first17 = "91" + region + "MA" + String.format("%06d", n * 7919 % 1_000_000) + "X";
        return first17 + org.openets.kernel.EntityCodeScheme.uscCheck(first17);
    }

    /** A citizen identification number (公民身份号码, GB 11643-1999) with its check character: invented. */
    static String personId(String region, String birth, String sequence) {
        String first17 = region + birth + sequence;
        return first17 + org.openets.kernel.PersonIdScheme.check(first17);
    }

    /**
     * When the demo's history starts: 10:00 on a business day at least a week back, early enough that a transfer
     * proposed then (plus two hours) has had its 24 business hours of delay well before now.
     */
    static Instant startOfHistory(BusinessCalendar cal, Instant now) {
        ZoneId zone = cal.zone();
        java.time.LocalDate day = now.atZone(zone).toLocalDate().minusDays(7);
        while (true) {
            Instant t = day.atTime(LocalTime.of(10, 0)).atZone(zone).toInstant();
            if (cal.isBusinessDay(day) && cal.plusBusinessHours(t.plus(Duration.ofHours(2)), 24).isBefore(now.minus(Duration.ofHours(1)))) return t;
            day = day.minusDays(1);
        }
    }

    /**
     * The allowance of the year a demo allocation run allocates (national 2019, Guangdong 2016): a cap, its issuance,
     * and all of it moved to the allocation account, which then holds what the run's batch draws.
     */
    private void issueForDemoRun(String code, int vintage, long cap, String source) {
        Market m = MARKETS.stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow();
        String j = code.toLowerCase();
        ActorId first = ActorId.of("admin-" + j), second = ActorId.of("admin2-" + j);
        admin.setIssuanceLimit(m.unitType(), vintage, cap, source);
        SeriesKey series = new SeriesKey(new UnitType(m.unitType(), UnitKind.ALLOWANCE, Jurisdiction.of(code)), Vintage.of(vintage), null);
        approve(propose(TransactionRequest.issue(CommandId.of("demo-" + j + "-" + vintage + "-issue"), first, series, cap, null)), second);
        Map<AccountType, Account> gov = government.get(code);
        approve(propose(TransactionRequest.transfer(CommandId.of("demo-" + j + "-" + vintage + "-to-allocation"), first, gov.get(AccountType.TOTAL_QUANTITY).id(),
                gov.get(AccountType.ALLOCATION).id(), series, cap)), second);
    }

    /**
     * The trading accounts buy at the national auction (from the auction account), and one sells to the natural person:
     * a transfer to an account not on its trusted list, so it waits 24 business hours (DELAYED) before it completes.
     * Returns when that delay ends.
     */
    private Instant tradingAccounts(BusinessCalendar cn) {
        ActorId first = ActorId.of("admin-cn"), second = ActorId.of("admin2-cn");
        Map<AccountType, Account> gov = government.get("CN");
        long bought = TRADERS.stream().mapToLong(Trader::bought).sum();
        approve(propose(TransactionRequest.transfer(CommandId.of("demo-cn-2024-to-auction"), first, gov.get(AccountType.TOTAL_QUANTITY).id(),
                gov.get(AccountType.AUCTION).id(), series("CEA"), bought)), second);
        for (Trader t : TRADERS)
            if (t.bought() > 0)
                // auction delivery: an ALLOCATE out of the auction account (an administrator's TRANSFER goes only to government accounts)
                approve(propose(TransactionRequest.of(CommandId.of("demo-cn-auction-" + t.key()), TransactionType.ALLOCATE, first,
                        gov.get(AccountType.AUCTION).id(), trading.get(t.key()).id(), series("CEA"), t.bought())), second);
        demoClock.set(demoClock.instant().plus(Duration.ofHours(1)));
        Transaction delayed = delayedTransfer(past, "cn-trader-1", "cn-person-1", 20_000, "demo-cn-trade-delayed-1");
        return delayed.executesAt();
    }

    /** A trader's transfer to an account not on its trusted list: approved, it is DELAYED until its time comes. */
    private Transaction delayedTransfer(RegistryService on, String from, String to, long quantity, String id) {
        Transaction t = propose(on, TransactionRequest.transfer(CommandId.of(id), ActorId.of(from + "-init"), trading.get(from).id(), trading.get(to).id(),
                series("CEA"), quantity));
        Outcome o = on.approve(t.id(), ActorId.of(from + "-appr"));
        if (o instanceof Outcome.Rejected rj) throw new IllegalStateException("demo approval of " + id + " rejected: " + rj.code() + " " + rj.detail());
        if (o.transaction().status() != TransactionStatus.DELAYED)
            throw new IllegalStateException("demo " + id + " was not delayed: " + o.transaction().status());
        return o.transaction();
    }

    private void issueAndAllocate(Market m) {
        ActorId first = ActorId.of("admin-" + m.code().toLowerCase()), second = ActorId.of("admin2-" + m.code().toLowerCase());
        UnitType ut = new UnitType(m.unitType(), UnitKind.ALLOWANCE, Jurisdiction.of(m.code()));
        SeriesKey series = new SeriesKey(ut, Vintage.of(VINTAGE), null);
        Map<AccountType, Account> gov = government.get(m.code());
        String prefix = "demo-" + m.code().toLowerCase() + "-" + VINTAGE;

        approve(propose(TransactionRequest.issue(CommandId.of(prefix + "-issue"), first, series, m.issue(), null)), second);

        List<Entity> entities = ENTITIES.stream().filter(e -> e.jurisdiction().equals(m.code())).toList();
        long allocated = entities.stream().mapToLong(Entity::allocation).sum();
        approve(propose(TransactionRequest.transfer(CommandId.of(prefix + "-to-allocation"), first, gov.get(AccountType.TOTAL_QUANTITY).id(),
                gov.get(AccountType.ALLOCATION).id(), series, allocated + m.issue() / 10)), second);
        approve(propose(TransactionRequest.transfer(CommandId.of(prefix + "-to-reserve"), first, gov.get(AccountType.TOTAL_QUANTITY).id(),
                gov.get(AccountType.NEW_ENTRANT_RESERVE).id(), series, m.issue() / 20)), second);

        List<TransactionRequest> lines = new ArrayList<>();
        for (Entity e : entities)
            lines.add(TransactionRequest.of(CommandId.of(prefix + "-allocation-" + e.key()), TransactionType.ALLOCATE, first,
                    gov.get(AccountType.ALLOCATION).id(), holdings.get(e.key()).id(), series, e.allocation()));
        Outcome.Batch batch = past.proposeBatch(new BatchRequest(CommandId.of(prefix + "-allocation"), first, lines));
        if (batch.isRejected()) throw new IllegalStateException("demo allocation of " + m.code() + " rejected: " + batch.code() + " " + batch.detail());
        approve(batch.lines().getFirst(), second);
    }

    private void trades() {
        transfer("cn-power-1", "cn-power-2", "CEA", 200_000, "demo-cn-trade-1");
        transfer("gd-power-1", "gd-cement-1", "GDEA", 50_000, "demo-gd-trade-1");
        transfer("sh-power-1", "sh-alu-1", "SHEA", 30_000, "demo-sh-trade-1");
        transfer("fj-power-1", "fj-cement-1", "FJEA", 40_000, "demo-fj-trade-1");

        Entity gd2 = entity("gd-power-2");
        approve(propose(TransactionRequest.of(CommandId.of("demo-gd-surrender-1"), TransactionType.SURRENDER, ActorId.of(gd2.key() + "-init"),
                holdings.get(gd2.key()).id(), 0, series("GDEA"), 1_000_000)), ActorId.of(gd2.key() + "-appr"));

        Entity sz1 = entity("sz-power-1");
        approve(propose(TransactionRequest.retire(CommandId.of("demo-sz-retire-1"), ActorId.of(sz1.key() + "-init"), holdings.get(sz1.key()).id(),
                series("SZEA"), 1_000, "深圳国际低碳城论坛 2025", "会议碳中和 / event carbon neutrality")), ActorId.of(sz1.key() + "-appr"));

    }

    /** What happens at start: a transfer left in an approver's inbox, and a trader's transfer waiting out its delay. */
    private void nowTrades() {
        // left in gd-power-1-appr's approval inbox
        propose(registry, TransactionRequest.transfer(CommandId.of("demo-gd-trade-2"), ActorId.of("gd-power-1-init"), holdings.get("gd-power-1").id(),
                holdings.get("gd-power-2").id(), series("GDEA"), 5_000));
        // DELAYED (延迟执行中) at start: it completes 24 business hours after now, by the calendar
        delayedTransfer(registry, "cn-trader-2", "cn-trader-1", 10_000, "demo-cn-trade-delayed-2");
    }

    private void transfer(String from, String to, String unitType, long quantity, String id) {
        approve(propose(TransactionRequest.transfer(CommandId.of(id), ActorId.of(from + "-init"), holdings.get(from).id(), holdings.get(to).id(),
                series(unitType), quantity)), ActorId.of(from + "-appr"));
    }

    private static SeriesKey series(String unitType) {
        Market m = MARKETS.stream().filter(x -> x.unitType().equals(unitType)).findFirst().orElseThrow();
        return new SeriesKey(new UnitType(unitType, UnitKind.ALLOWANCE, Jurisdiction.of(m.code())), Vintage.of(VINTAGE), null);
    }

    private static Entity entity(String key) { return ENTITIES.stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow(); }

    private Transaction propose(TransactionRequest r) { return propose(past, r); }

    private Transaction propose(RegistryService on, TransactionRequest r) {
        Outcome o = on.propose(r);
        if (o instanceof Outcome.Rejected rj) throw new IllegalStateException("demo " + r.id() + " rejected: " + rj.code() + " " + rj.detail());
        return o.transaction();
    }

    private void approve(Transaction t, ActorId approver) {
        if (t.status() != TransactionStatus.AWAITING_APPROVAL) return;
        Outcome o = past.approve(t.id(), approver);
        if (o instanceof Outcome.Rejected rj) throw new IllegalStateException("demo approval of " + t.commandId() + " rejected: " + rj.code() + " " + rj.detail());
        if (o.transaction().status() != TransactionStatus.COMPLETED)
            throw new IllegalStateException("demo " + t.commandId() + " did not complete: " + o.transaction().status());
    }

    /** The demo's logins for the startup banner and the README. */
    public List<String> logins() {
        List<String> out = new ArrayList<>();
        out.add(String.format("  %-26s %s", "auditor", "auditor: reads everything, changes nothing"));
        for (Market m : MARKETS) {
            String j = m.code().toLowerCase();
            out.add(String.format("  %-26s %s (%s): proposes issuance and allocation; the other one approves", "admin-" + j + " / admin2-" + j, m.regulator(), m.code()));
        }
        for (Entity e : ENTITIES) {
            Account a = holdings.get(e.key());
            out.add(String.format("  %-26s %-14s %s", e.key() + "-init / -appr", a == null ? "" : a.number(), e.name()));
        }
        for (Trader t : TRADERS) {
            Account a = trading.get(t.key());
            out.add(String.format("  %-26s %-14s %s (%s)", t.key() + "-init / -appr", a == null ? "" : a.number(), t.name(),
                    t.kind() == HolderKind.PERSON ? "trading account of a natural person" : "trading account"));
        }
        out.add(String.format("  %-26s %s", "", "transfer delay: cn-trader-1 → cn-person-1 completed after its delay; cn-trader-2 → cn-trader-1 is DELAYED (延迟执行中) at start"));
        out.addAll(DemoEmissions.logins());
        return out;
    }

    /** The clock the demo's history is done on: set by the loader, step by step. */
    static final class DemoClock extends Clock {
        private final ZoneId zone;
        private volatile Instant at = Instant.EPOCH;

        DemoClock(ZoneId zone) { this.zone = zone; }

        void set(Instant at) { this.at = at; }

        @Override public ZoneId getZone() { return zone; }

        @Override public Clock withZone(ZoneId z) { DemoClock c = new DemoClock(z); c.set(at); return c; }

        @Override public Instant instant() { return at; }
    }
}
