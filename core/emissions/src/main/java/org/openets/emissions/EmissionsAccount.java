package org.openets.emissions;

import org.openets.kernel.Jurisdiction;
import org.openets.kernel.Quantity;

import java.math.BigDecimal;
import java.util.List;

/**
 * An entity's emissions for a year as the published formulas make them (排放量核算):
 * E = Σ fuel (FC x NCV x CC x OF x 44/12) + purchased electricity x grid factor + process emissions. Every line and
 * sum is kept exact (34 significant digits where 44/12 or a division enters); {@code total} is the one rounded
 * figure, whole tonnes CO2, rounded at the point and with the mode the ruleset names.
 */
public record EmissionsAccount(EntityId entity, Jurisdiction jurisdiction, int year, String ruleset, List<FuelLine> fuelLines,
                               List<ElectricityLine> electricityLines, List<ProcessLine> processLines, List<InstallationTotal> installations,
                               BigDecimal fuelTonnes, BigDecimal electricityTonnes, BigDecimal processTonnes, BigDecimal exactTonnes,
                               Quantity total, Parameter roundingPoint, Parameter roundingMode, Trace trace) {
    public EmissionsAccount {
        fuelLines = List.copyOf(fuelLines);
        electricityLines = List.copyOf(electricityLines);
        processLines = List.copyOf(processLines);
        installations = List.copyOf(installations);
    }
}
