package org.openets.emissions;

import org.openets.kernel.Jurisdiction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One covered entity to report on, sheet-row builders, and ruleset variants. E1 has facility F1 with coal unit G1
 * (600 MW), gas unit G2, coal unit G3 (closed 30 June 2022), coal unit G4 (re-rated in 2024), clinker line L1 and
 * smelter S1.
 */
final class EmissionsFixture {
    static final Jurisdiction CN = Jurisdiction.of("CN");
    static final Ruleset RULES = Ruleset.bundled(CN);
    static final EntityId E1 = EntityId.of("E1");
    static final LocalDate SINCE = LocalDate.of(2010, 1, 1);

    private EmissionsFixture() {}

    static InstallationSpec.GeneratingUnit unit(UnitCategory category, String mw, LocalDate closed) {
        return new InstallationSpec.GeneratingUnit(category, new BigDecimal(mw), PressureClass.SUPERCRITICAL, Cooling.WATER, false, SINCE, closed,
                "Guangdong", "Zhuhai");
    }

    static CoveredEntity entity() {
        Installation g1 = Installation.of(InstallationId.of("G1"), SINCE, unit(UnitCategory.CONVENTIONAL_COAL_ABOVE_300MW, "600", null), "registered");
        Installation g2 = Installation.of(InstallationId.of("G2"), SINCE, new InstallationSpec.GeneratingUnit(UnitCategory.GAS, new BigDecimal("400"),
                PressureClass.NOT_APPLICABLE, Cooling.AIR, true, SINCE, null, "Guangdong", "Zhuhai"), "registered");
        Installation g3 = Installation.of(InstallationId.of("G3"), SINCE, unit(UnitCategory.CONVENTIONAL_COAL_300MW_AND_BELOW, "300", null), "registered")
                .withVersion(LocalDate.of(2022, 6, 30), unit(UnitCategory.CONVENTIONAL_COAL_300MW_AND_BELOW, "300", LocalDate.of(2022, 6, 30)), "closed");
        Installation g4 = Installation.of(InstallationId.of("G4"), SINCE, unit(UnitCategory.CONVENTIONAL_COAL_300MW_AND_BELOW, "300", null), "registered")
                .withVersion(LocalDate.of(2024, 3, 1), unit(UnitCategory.CONVENTIONAL_COAL_ABOVE_300MW, "330", null), "re-rated after retrofit");
        Installation l1 = Installation.of(InstallationId.of("L1"), SINCE,
                new InstallationSpec.ClinkerLine(new BigDecimal("5000"), SINCE, null, "Anhui", "Wuhu"), "registered");
        Installation s1 = Installation.of(InstallationId.of("S1"), SINCE,
                new InstallationSpec.AluminiumSmelter(new BigDecimal("400000"), SINCE, null, "Yunnan", "Wenshan"), "registered");
        return new CoveredEntity(E1, "Pearl River Power Co.", CN, List.of(new Facility(FacilityId.of("F1"), "Zhuhai works", List.of(g1, g2, g3, g4, l1, s1))));
    }

    /** A fuels-sheet row; null cells are left out, as an empty cell would be. */
    static RawRow fuel(int row, String unit, String month, String fuel, String quantity, String ncv, String cc, String carAr, String of) {
        return row(row, "unit", unit, "month", month, "fuel", fuel, "quantity", quantity, "ncv", ncv, "carbon_content", cc,
                "carbon_ar_percent", carAr, "oxidation_rate", of);
    }

    static RawRow activity(int row, String unit, String month, String generation, String supply, String heat, String purchased) {
        return row(row, "unit", unit, "month", month, "generation_mwh", generation, "supply_mwh", supply, "heat_supplied_gj", heat,
                "purchased_electricity_mwh", purchased);
    }

    static RawRow output(int row, String installation, String month, String product, String tonnes) {
        return row(row, "installation", installation, "month", month, "product", product, "tonnes", tonnes);
    }

    static RawRow row(int row, String... keyValues) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) if (keyValues[i + 1] != null) cells.put(keyValues[i], keyValues[i + 1]);
        return new RawRow(row, cells);
    }

    static RawReport fuels(RawRow... rows) { return new RawReport(List.of(rows), List.of(), List.of()); }

    static Validation<AnnualReport> read(int year, RawReport raw) { return new ReportReader(entity(), year, RULES).read(raw); }

    static Validation<EmissionsAccount> compute(int year, RawReport raw) { return compute(RULES, year, raw); }

    static Validation<EmissionsAccount> compute(Ruleset rules, int year, RawReport raw) {
        return new ReportReader(entity(), year, rules).read(raw).then(new Accounting(rules)::account);
    }

    static String bundledText() {
        try (InputStream in = Ruleset.class.getResourceAsStream("rules/CN.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled CN rules with extra rows appended (tab-separated, one per string). */
    static Ruleset bundledWith(String... rows) {
        return Ruleset.parse(CN, "CN-test.tsv", bundledText() + String.join("\n", rows) + "\n");
    }

    static BigDecimal d(String s) { return new BigDecimal(s); }
}
