package org.openets.emissions;

import java.math.BigDecimal;
import java.util.Objects;

/** A clinker line's or smelter's output in one month, in tonnes. */
public record ProductOutput(InstallationId installation, int month, Product product, BigDecimal tonnes) {
    public ProductOutput {
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(product, "product");
        if (month < 1 || month > 12) throw new IllegalArgumentException("month must be 1..12");
        if (tonnes == null || tonnes.signum() < 0) throw new IllegalArgumentException("output must be given and not negative");
    }
}
