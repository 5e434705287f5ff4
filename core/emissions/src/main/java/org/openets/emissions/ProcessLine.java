package org.openets.emissions;

import java.math.BigDecimal;

/** Process emissions of one installation-month: output (t) x the product's process factor (tCO2/t). Exact. */
public record ProcessLine(InstallationId installation, int month, Product product, BigDecimal tonnes, Parameter factor, BigDecimal co2Tonnes) {

    @Override public String toString() {
        return "process " + installation + " month " + month + " " + product + ": " + tonnes.toPlainString() + " t x " + factor.brief() + " = "
                + co2Tonnes.toPlainString() + " tCO2";
    }
}
