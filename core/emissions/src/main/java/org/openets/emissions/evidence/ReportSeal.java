package org.openets.emissions.evidence;

import org.openets.emissions.AnnualReport;
import org.openets.emissions.FuelUse;
import org.openets.emissions.ProductOutput;
import org.openets.emissions.UnitActivity;
import org.openets.emissions.internal.Canonical;

import java.util.Comparator;
import java.util.List;

/**
 * Seals a submitted report: SHA-256 over a canonical encoding of its content and its attachments' hashes. Anyone
 * holding the report and the attachments recomputes the hash; any later change (a figure, a row added or dropped,
 * an attachment swapped) gives another hash. Equal content seals alike whatever the row order or the trailing zeros
 * it was typed with. The encoding (version {@code report-v1}) is specified in docs/reference/emissions-accounting.md:
 * <pre>
 * openets-emissions-report|v1
 * entity|E1
 * jurisdiction|CN
 * year|2022
 * fuel|unit|month|fuel|quantity|ncv|carbon_content|carbon_ar_percent|oxidation_rate   (sorted by unit, month, fuel)
 * activity|unit|month|generation|supply|heat|purchased                               (sorted by unit, month)
 * output|installation|month|product|tonnes                                            (sorted by installation, month, product)
 * attachment|sha256|size|mediaType|fileName                                            (sorted by sha256, then file name)
 * </pre>
 * one record a line, each line ending in LF; unmeasured cells empty.
 */
public final class ReportSeal {
    public static final String ENCODING = "report-v1";

    private ReportSeal() {}

    public static String canonical(AnnualReport r, List<Attachment> attachments) {
        StringBuilder sb = new StringBuilder();
        line(sb, "openets-emissions-report", "v1");
        line(sb, "entity", r.entity().value());
        line(sb, "jurisdiction", r.jurisdiction().code());
        line(sb, "year", Integer.toString(r.year()));
        // AnnualReport keeps its rows sorted; the encoding does not rely on it
        for (FuelUse f : r.fuels().stream().sorted(Comparator.comparing(FuelUse::unit).thenComparingInt(FuelUse::month).thenComparing(FuelUse::fuel)).toList())
            line(sb, "fuel", f.unit().value(), Integer.toString(f.month()), f.fuel().code(), Canonical.decimal(f.quantity()), Canonical.decimal(f.ncv()),
                    Canonical.decimal(f.carbonContent()), Canonical.decimal(f.carbonArPercent()), Canonical.decimal(f.oxidationRate()));
        for (UnitActivity a : r.activity().stream().sorted(Comparator.comparing(UnitActivity::unit).thenComparingInt(UnitActivity::month)).toList())
            line(sb, "activity", a.unit().value(), Integer.toString(a.month()), Canonical.decimal(a.generationMwh()), Canonical.decimal(a.supplyMwh()),
                    Canonical.decimal(a.heatSuppliedGj()), Canonical.decimal(a.purchasedElectricityMwh()));
        for (ProductOutput o : r.outputs().stream().sorted(Comparator.comparing(ProductOutput::installation).thenComparingInt(ProductOutput::month)
                .thenComparing(ProductOutput::product)).toList())
            line(sb, "output", o.installation().value(), Integer.toString(o.month()), o.product().name(), Canonical.decimal(o.tonnes()));
        for (Attachment a : attachments.stream().sorted(Comparator.comparing(Attachment::sha256).thenComparing(Attachment::fileName)).toList())
            line(sb, "attachment", a.sha256(), Long.toString(a.size()), Canonical.text(a.mediaType()), Canonical.text(a.fileName()));
        return sb.toString();
    }

    public static Seal seal(AnnualReport r, List<Attachment> attachments) {
        return new Seal(ENCODING, Canonical.sha256(canonical(r, attachments)));
    }

    /** Whether the report and attachments are still those the seal was made over. */
    public static boolean intact(AnnualReport r, List<Attachment> attachments, Seal seal) {
        if (!ENCODING.equals(seal.encoding())) throw new IllegalArgumentException("unknown seal encoding " + seal.encoding());
        return seal(r, attachments).sha256().equals(seal.sha256());
    }

    private static void line(StringBuilder sb, String... fields) {
        sb.append(String.join("|", fields)).append('\n');
    }
}
