package org.openets.server;

import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.UnitKind;
import org.openets.kernel.UnitType;
import org.openets.kernel.Vintage;
import org.openets.registry.Account;
import org.openets.registry.AccountType;
import org.openets.registry.BatchRequest;
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
import org.openets.workflows.registry.spi.RegistryReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * registry's own use cases with 4-eyes; one transfer left in an approver's inbox; and 2022 emissions reports with
 * two verifiers ({@link DemoEmissions}). Every person signs in with
 * {@link #PASSWORD}.
 */
public final class DemoMarket {
    private static final Logger log = LoggerFactory.getLogger(DemoMarket.class);

    public static final String PASSWORD = "demo-password";
    static final int VINTAGE = 2024;

    /** A regulator of one market and its allowance. */
    record Market(String code, String regulator, String unitType, long cap, long issue, String capSource) {}

    /** A covered entity (重点排放单位): its login stem, name, sector and 2024 allocation. */
    record Entity(String key, String jurisdiction, String name, String region, long allocation) {}

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

    private final DemoEmissions emissions;
    private final DemoAllocation allocation;

    public DemoMarket(RegistryService registry, PgRegistryAdministration admin, RegistryReadModel read, PgPlatformUsers users,
                      String passwordHash, Clock clock, PgEmissionsStore emissionsStore, EmissionsService emissionsService,
                      org.openets.workflows.allocation.AllocationService allocationService) {
        this.allocation = new DemoAllocation(allocationService);
        this.emissions = new DemoEmissions(emissionsStore, emissionsService, users, passwordHash);
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
        people();
        accounts();
        for (Market m : MARKETS) issueAndAllocate(m);
        trades();
        Map<String, String> names = new LinkedHashMap<>();
        for (Entity e : ENTITIES) names.put(e.key(), e.name());
        emissions.load(holdings, names);
        Map<String, String> numbers = new LinkedHashMap<>();
        holdings.forEach((k, a) -> numbers.put(k, a.number()));
        allocation.load(numbers);
        log.info("demo market loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    private void people() {
        users.save("auditor", passwordHash, "审计 张敏", "AUDITOR");
        for (Market m : MARKETS) {
            String j = m.code().toLowerCase();
            users.save("admin-" + j, passwordHash, m.regulator() + " 经办", "PERSON");
            users.save("admin2-" + j, passwordHash, m.regulator() + " 复核", "PERSON");
            admin.addAdministrator(ActorId.of("admin-" + j), Jurisdiction.of(m.code()));
            admin.addAdministrator(ActorId.of("admin2-" + j), Jurisdiction.of(m.code()));
        }
        for (Entity e : ENTITIES) {
            users.save(e.key() + "-init", passwordHash, e.name() + " 经办人", "PERSON");
            users.save(e.key() + "-appr", passwordHash, e.name() + " 复核人", "PERSON");
        }
    }

    private void accounts() {
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
        // covered entities of one market trust each other (可信账户), active since a month ago
        Instant since = clock.instant().minus(Duration.ofDays(30));
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
        Outcome.Batch batch = registry.proposeBatch(new BatchRequest(CommandId.of(prefix + "-allocation"), first, lines));
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

        // left in gd-power-1-appr's approval inbox
        propose(TransactionRequest.transfer(CommandId.of("demo-gd-trade-2"), ActorId.of("gd-power-1-init"), holdings.get("gd-power-1").id(),
                holdings.get("gd-power-2").id(), series("GDEA"), 5_000));
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

    private Transaction propose(TransactionRequest r) {
        Outcome o = registry.propose(r);
        if (o instanceof Outcome.Rejected rj) throw new IllegalStateException("demo " + r.id() + " rejected: " + rj.code() + " " + rj.detail());
        return o.transaction();
    }

    private void approve(Transaction t, ActorId approver) {
        if (t.status() != TransactionStatus.AWAITING_APPROVAL) return;
        Outcome o = registry.approve(t.id(), approver);
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
        out.addAll(DemoEmissions.logins());
        return out;
    }
}
