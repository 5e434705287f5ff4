package org.openets.emissions;

import java.math.BigDecimal;

/** Purchased electricity of one unit-month: E_elec = AD_elec (MWh) x EF_grid (tCO2/MWh) of the data year. Exact. */
public record ElectricityLine(InstallationId unit, int month, BigDecimal mwh, Parameter gridFactor, BigDecimal co2Tonnes) {

    @Override public String toString() {
        return "electricity " + unit + " month " + month + ": " + mwh.toPlainString() + " MWh x " + gridFactor.brief() + " = " + co2Tonnes.toPlainString() + " tCO2";
    }
}
