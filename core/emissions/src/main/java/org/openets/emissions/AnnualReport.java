package org.openets.emissions;

import org.openets.kernel.Jurisdiction;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An entity's annual emissions report (年度排放报告) as checked input: monthly fuel use, activity and output per
 * installation. {@link ReportReader} makes one from submitted sheets after checking every cell; the rows check their
 * own ranges, but cross-row rules (one row per installation, month and fuel; installations operating) are the
 * reader's. Rows are kept in a fixed order (installation, month, fuel or product), so the same data submitted in
 * another order makes an equal report.
 */
public record AnnualReport(EntityId entity, Jurisdiction jurisdiction, int year, List<FuelUse> fuels, List<UnitActivity> activity,
                           List<ProductOutput> outputs) {
    public AnnualReport {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        if (year < 2005 || year > 2100) throw new IllegalArgumentException("year out of range: " + year);
        fuels = fuels.stream().sorted(Comparator.comparing(FuelUse::unit).thenComparingInt(FuelUse::month).thenComparing(FuelUse::fuel)).toList();
        activity = activity.stream().sorted(Comparator.comparing(UnitActivity::unit).thenComparingInt(UnitActivity::month)).toList();
        outputs = outputs.stream().sorted(Comparator.comparing(ProductOutput::installation).thenComparingInt(ProductOutput::month)
                .thenComparing(ProductOutput::product)).toList();
    }
}
