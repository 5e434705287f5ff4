package org.openets.emissions;

import java.util.List;

/**
 * A report as submitted: three sheets of text rows. Columns:
 * <ul>
 * <li>{@code fuels}: unit, month, fuel, quantity, ncv, carbon_content, carbon_ar_percent, oxidation_rate</li>
 * <li>{@code activity}: unit, month, generation_mwh, supply_mwh, heat_supplied_gj, purchased_electricity_mwh</li>
 * <li>{@code outputs}: installation, month, product, tonnes</li>
 * </ul>
 */
public record RawReport(List<RawRow> fuels, List<RawRow> activity, List<RawRow> outputs) {
    public RawReport {
        fuels = List.copyOf(fuels);
        activity = List.copyOf(activity);
        outputs = List.copyOf(outputs);
    }
}
