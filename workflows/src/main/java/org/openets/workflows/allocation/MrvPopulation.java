package org.openets.workflows.allocation;

import org.openets.allocation.PopulationReader;
import org.openets.emissions.Accounting;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EmissionsAccount;
import org.openets.emissions.Installation;
import org.openets.emissions.InstallationSpec;
import org.openets.emissions.InstallationTotal;
import org.openets.emissions.ProductOutput;
import org.openets.emissions.Ruleset;
import org.openets.emissions.UnitActivity;
import org.openets.emissions.Validation;
import org.openets.kernel.Jurisdiction;
import org.openets.workflows.emissions.EmissionsViews.EntityView;
import org.openets.workflows.emissions.EmissionsViews.ReportView;
import org.openets.workflows.emissions.EmissionsViews.VerificationView;
import org.openets.workflows.emissions.spi.EmissionsStore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A population file built from the platform's own MRV data for a jurisdiction and year: one line per generating unit,
 * clinker line or smelter of every entity with a submitted report of that year — fuel, capacity and cooling from the
 * installation version valid that year; generation, supply, heat, clinker and liquid aluminium summed over the months;
 * and, where the entity-year's verification is approved, the unit's emissions as the report computes them (whole
 * tonnes, half-up). What MRV does not record — the load coefficient and the heat-supply ratio — is left blank for the
 * regulator to fill in; a run that needs them names each missing cell. The columns are those of
 * {@link PopulationReader#COLUMNS} (docs/reference/allocation-population.md).
 */
public final class MrvPopulation {
    private final EmissionsStore store;
    private final Function<Jurisdiction, Ruleset> rules;

    public MrvPopulation(EmissionsStore store, Function<Jurisdiction, Ruleset> rules) {
        this.store = store;
        this.rules = rules;
    }

    public record Built(String csv, int units, int entities, int verifiedEntities) { }

    public Built build(String jurisdiction, int year) {
        StringBuilder b = new StringBuilder(String.join(",", PopulationReader.COLUMNS)).append('\n');
        int units = 0, entities = 0, verified = 0;
        for (EntityView ev : store.entities()) {
            if (!ev.jurisdiction().code().equals(jurisdiction)) continue;
            var report = store.currentSubmission(ev.id(), year);
            var entity = store.entity(ev.id());
            if (report.isEmpty() || entity.isEmpty()) continue;
            entities++;
            ReportView r = report.get();
            boolean approved = store.verification(ev.id(), year).map(VerificationView::approvedAt).isPresent();
            if (approved) verified++;
            Map<String, BigDecimal> unitEmissions = new HashMap<>();
            if (approved) {
                Validation<EmissionsAccount> acct = new Accounting(rules.apply(ev.jurisdiction())).account(r.report());
                if (acct.isValid())
                    for (InstallationTotal t : acct.value().installations()) unitEmissions.put(t.installation().value(), t.exactTonnes());
            }
            units += lines(b, ev, entity.get(), r, year, unitEmissions);
        }
        return new Built(b.toString(), units, entities, verified);
    }

    private static int lines(StringBuilder b, EntityView ev, CoveredEntity e, ReportView r, int year, Map<String, BigDecimal> emissions) {
        int n = 0;
        for (Installation i : e.installations()) {
            var version = i.versionForYear(year);
            if (version.isEmpty()) continue;
            String id = i.id().value();
            BigDecimal gen = BigDecimal.ZERO, supply = BigDecimal.ZERO, heat = BigDecimal.ZERO, clinker = BigDecimal.ZERO, alu = BigDecimal.ZERO;
            boolean any = false;
            for (UnitActivity a : r.report().activity()) if (a.unit().value().equals(id)) {
                gen = gen.add(a.generationMwh()); supply = supply.add(a.supplyMwh()); heat = heat.add(a.heatSuppliedGj()); any = true;
            }
            for (ProductOutput o : r.report().outputs()) if (o.installation().value().equals(id)) {
                any = true;
                switch (o.product()) {
                    case CLINKER -> clinker = clinker.add(o.tonnes());
                    case LIQUID_ALUMINIUM -> alu = alu.add(o.tonnes());
                }
            }
            if (!any) continue;
            String fuel = "", cooling = "", capacity = "";
            if (version.get().spec() instanceof InstallationSpec.GeneratingUnit g) {
                fuel = switch (g.category()) {
                    case CONVENTIONAL_COAL_ABOVE_300MW, CONVENTIONAL_COAL_300MW_AND_BELOW -> "COAL";
                    case UNCONVENTIONAL_COAL -> "UNCONVENTIONAL_COAL";
                    case GAS -> "GAS";
                };
                cooling = g.cooling().name();
                capacity = g.capacityMw().toPlainString();
            }
            String category = switch (i.kind()) {
                case GENERATING_UNIT -> "";
                case CLINKER_LINE -> "CEMENT_CLINKER";
                case ALUMINIUM_SMELTER -> "ALUMINIUM";
            };
            BigDecimal em = emissions.get(id);
            // unit_id, entity_id, entity_name, region, category, fuel, cooling, capacity_mw, generation_mwh, supply_mwh, heat_gj, heat_ratio,
            // load_factor, clinker_t, liquid_aluminium_t, co_processed_waste_t, historical_emissions_t, historical_intensity,
            // verified_emissions_t, previous_verified_emissions_t
            b.append(String.join(",", ev.id().value() + "/" + id, ev.id().value(), csv(ev.name()), "", category, fuel, cooling, capacity,
                    i.kind() == org.openets.emissions.InstallationKind.GENERATING_UNIT ? gen.toPlainString() : "",
                    i.kind() == org.openets.emissions.InstallationKind.GENERATING_UNIT ? supply.toPlainString() : "",
                    i.kind() == org.openets.emissions.InstallationKind.GENERATING_UNIT ? heat.toPlainString() : "", "", "",
                    clinker.signum() > 0 ? clinker.toPlainString() : "", alu.signum() > 0 ? alu.toPlainString() : "", "", "", "",
                    em == null ? "" : em.setScale(0, RoundingMode.HALF_UP).toPlainString(), "")).append('\n');
            n++;
        }
        return n;
    }

    static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
