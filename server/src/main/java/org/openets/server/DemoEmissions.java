package org.openets.server;

import org.openets.emissions.Cooling;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EntityId;
import org.openets.emissions.Facility;
import org.openets.emissions.FacilityId;
import org.openets.emissions.Installation;
import org.openets.emissions.InstallationId;
import org.openets.emissions.InstallationSpec;
import org.openets.emissions.PressureClass;
import org.openets.emissions.RawReport;
import org.openets.emissions.RawRow;
import org.openets.emissions.UnitCategory;
import org.openets.emissions.verification.ConsultingLink;
import org.openets.emissions.verification.Opinion;
import org.openets.emissions.verification.Verifier;
import org.openets.emissions.verification.VerifierId;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Account;
import org.openets.store.emissions.PgEmissionsStore;
import org.openets.store.security.PgPlatformUsers;
import org.openets.workflows.emissions.EmissionsResult;
import org.openets.workflows.emissions.EmissionsService;
import org.openets.workflows.emissions.EmissionsViews.NewAttachment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MRV part of the demo (2022 data, CN rules): the four national power entities in the emissions register, linked
 * to their registry accounts (three with coal units, cn-power-4 with a gas unit; every entity of the demo allocation
 * run of 2019 so resolves to its holding account); two verification organisations with one login each ({@code verifier-1},
 * {@code verifier-2}); cn-power-1's report submitted, verified by verifier-1's organisation and approved (final
 * figures version 1); cn-power-2's submitted with carbon content measured in two months only, so the 0.03085 default
 * applies to the other ten, and assigned to verifier-1's organisation; cn-power-3's submitted and unassigned,
 * and verifier-2's organisation consulted for cn-power-3 in 2021-2022, so it may not verify it.
 */
final class DemoEmissions {
    static final int YEAR = 2022;
    static final VerifierId V1 = VerifierId.of("cec-verify"), V2 = VerifierId.of("green-verify");
    static final LocalDate SINCE = LocalDate.of(2012, 6, 1);

    private final PgEmissionsStore store;
    private final EmissionsService service;
    private final PgPlatformUsers users;
    private final String passwordHash;
    private final java.util.function.UnaryOperator<String> personName;

    DemoEmissions(PgEmissionsStore store, EmissionsService service, PgPlatformUsers users, String passwordHash,
                  java.util.function.UnaryOperator<String> personName) {
        this.personName = personName;
        this.store = store;
        this.service = service;
        this.users = users;
        this.passwordHash = passwordHash;
    }

    void load(Map<String, Account> holdings, Map<String, String> names) {
        for (String key : List.of("cn-power-1", "cn-power-2", "cn-power-3"))
            store.defineEntity(entity(key, names.get(key)), holdings.get(key).id());
        store.defineEntity(gasEntity("cn-power-4", names.get("cn-power-4")), holdings.get("cn-power-4").id());
        Jurisdiction cn = Jurisdiction.of("CN");
        store.addVerifier(new Verifier(V1, "中环联合核查中心（示例）", LocalDate.of(2019, 1, 1), null, Set.of(cn)));
        store.addVerifier(new Verifier(V2, "绿源碳资产咨询核查有限公司（示例）", LocalDate.of(2019, 1, 1), null, Set.of(cn)));
        users.save("verifier-1", passwordHash, personName.apply("verifier-1"), "VERIFIER");
        users.save("verifier-2", passwordHash, personName.apply("verifier-2"), "VERIFIER");
        store.addVerifierMember("verifier-1", V1);
        store.addVerifierMember("verifier-2", V2);
        store.addConsultingLink(new ConsultingLink(V2, EntityId.of("cn-power-3"), 2021, 2022, "碳资产管理咨询"));

        submit("cn-power-1", 12, "100000", "21.8");
        submit("cn-power-2", 2, "80000", "20.9");
        submit("cn-power-3", 12, "120000", "19.6");

        ActorId regulator = ActorId.of("admin-cn"), second = ActorId.of("admin2-cn");
        check(service.assign(EntityId.of("cn-power-1"), YEAR, V1, regulator));
        check(service.issueStatement(EntityId.of("cn-power-1"), YEAR, V1, Opinion.QUALIFIED, null, null, ActorId.of("verifier-1")));
        check(service.approve(EntityId.of("cn-power-1"), YEAR, second));
        check(service.assign(EntityId.of("cn-power-2"), YEAR, V1, regulator));
    }

    private static CoveredEntity entity(String key, String name) {
        List<Installation> units = new ArrayList<>();
        for (String id : List.of("G1", "G2"))
            units.add(Installation.of(InstallationId.of(id), SINCE, new InstallationSpec.GeneratingUnit(UnitCategory.CONVENTIONAL_COAL_ABOVE_300MW,
                    new BigDecimal("660"), PressureClass.SUPERCRITICAL, Cooling.WATER, false, SINCE, null, "示例省", "示例市"), "首次登记"));
        return new CoveredEntity(EntityId.of(key), name, Jurisdiction.of("CN"), List.of(new Facility(FacilityId.of("F1"), name + " 一厂", units)));
    }

    /** cn-power-4: one gas unit (CN-SC-1 of the allocation population), in Sichuan. */
    private static CoveredEntity gasEntity(String key, String name) {
        LocalDate since = LocalDate.of(2015, 3, 1);
        Installation unit = Installation.of(InstallationId.of("G1"), since, new InstallationSpec.GeneratingUnit(UnitCategory.GAS,
                new BigDecimal("460"), PressureClass.HIGH_PRESSURE_AND_BELOW, Cooling.WATER, true, since, null, "四川省", "成都市"), "首次登记");
        return new CoveredEntity(EntityId.of(key), name, Jurisdiction.of("CN"), List.of(new Facility(FacilityId.of("F1"), name + " 一厂", List.of(unit))));
    }

    /** A year of coal on G1 and G2: NCV measured every month, carbon content in the first {@code measuredCc} months. */
    static RawReport coal(int measuredCc, String monthlyTonnes, String ncv) {
        List<RawRow> fuels = new ArrayList<>(), activity = new ArrayList<>();
        int row = 1;
        for (String unit : List.of("G1", "G2"))
            for (int m = 1; m <= 12; m++, row++) {
                Map<String, String> cells = new LinkedHashMap<>(Map.of("unit", unit, "month", Integer.toString(m), "fuel", "COAL", "quantity", monthlyTonnes,
                        "ncv", ncv));
                if (m <= measuredCc) cells.put("carbon_content", "0.0268");
                fuels.add(new RawRow(row, cells));
                activity.add(new RawRow(row, Map.of("unit", unit, "month", Integer.toString(m), "generation_mwh", "250000", "supply_mwh", "235000",
                        "heat_supplied_gj", "0", "purchased_electricity_mwh", "200")));
            }
        return new RawReport(fuels, activity, List.of());
    }

    private void submit(String key, int measuredCc, String tonnes, String ncv) {
        NewAttachment lab = new NewAttachment("煤质化验报告-" + key + "-2022.txt", "text/plain",
                ("示例化验报告 " + key + " 2022: 低位发热量 " + ncv + " GJ/t").getBytes(StandardCharsets.UTF_8));
        check(service.save(EntityId.of(key), YEAR, coal(measuredCc, tonnes, ncv), List.of(lab), true, ActorId.of(key + "-init")));
    }

    private static void check(EmissionsResult<?> r) {
        if (!r.isDone()) throw new IllegalStateException("demo emissions step failed: " + r);
    }

    static List<String> logins() {
        return List.of(String.format("  %-26s %s", "verifier-1", "核查员 of " + V1 + ": verifies cn-power-1 (approved) and cn-power-2 (2022)"),
                String.format("  %-26s %s", "verifier-2", "核查员 of " + V2 + ": consulted for cn-power-3, so may not verify it"));
    }
}
