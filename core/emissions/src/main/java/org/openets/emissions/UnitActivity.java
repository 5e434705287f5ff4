package org.openets.emissions;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A generating unit's month: generation (发电量), supply (供电量 = generation less own use), heat supplied (供热量) and
 * electricity purchased from the grid (购入电量). Output figures feed allocation; only purchased electricity makes
 * emissions here.
 */
public record UnitActivity(InstallationId unit, int month, BigDecimal generationMwh, BigDecimal supplyMwh, BigDecimal heatSuppliedGj,
                           BigDecimal purchasedElectricityMwh) {
    public UnitActivity {
        Objects.requireNonNull(unit, "unit");
        if (month < 1 || month > 12) throw new IllegalArgumentException("month must be 1..12");
        for (BigDecimal v : new BigDecimal[]{generationMwh, supplyMwh, heatSuppliedGj, purchasedElectricityMwh})
            if (v == null || v.signum() < 0) throw new IllegalArgumentException("activity figures must be given and not negative");
        if (supplyMwh.compareTo(generationMwh) > 0) throw new IllegalArgumentException("supply exceeds generation");
    }

    public UnitActivity withPurchased(BigDecimal mwh) {
        return new UnitActivity(unit, month, generationMwh, supplyMwh, heatSuppliedGj, mwh);
    }
}
