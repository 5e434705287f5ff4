package org.openets.emissions;

import java.math.BigDecimal;

/**
 * One fuel-month's figure: heat = FC x NCV (GJ), carbon = heat x CC x OF (tC), CO2 = carbon x 44/12 (t), with each
 * factor's origin. Heat and carbon are exact; CO2 carries 34 significant digits (the division by 12 does not end).
 */
public record FuelLine(InstallationId unit, int month, FuelType fuel, BigDecimal quantity, String quantityUnit, Factor ncv, Factor cc,
                       Factor of, BigDecimal heatGj, BigDecimal carbonTonnes, BigDecimal co2Tonnes) {

    @Override public String toString() {
        return "fuel " + unit + " month " + month + " " + fuel + ": FC " + quantity.toPlainString() + " " + quantityUnit + " x " + ncv + " x " + cc
                + " x " + of + " x 44/12 = " + co2Tonnes.toPlainString() + " tCO2 (heat " + heatGj.toPlainString() + " GJ, carbon "
                + carbonTonnes.toPlainString() + " tC)";
    }
}
