package org.openets.allocation;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One row of a ruleset file: {value, unit, confidence, source, valid from}. A DECIMAL parameter shipped as
 * {@code UNKNOWN} has a null {@link #decimal()}; using it is an error naming the parameter and the unit.
 * {@code origin} is the file and line ("CN-POWER-2019-2020.tsv:31") so a trace points at the exact row.
 */
public record Param(ParamName name, String qualifier, String value, String unit, Confidence confidence, int validFrom,
                    String source, String note, String origin) {
    public static final String UNKNOWN = "UNKNOWN";

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(confidence, "confidence");
        qualifier = qualifier == null ? "" : qualifier;
        note = note == null ? "" : note;
        source = source == null ? "" : source;
    }

    public String key() { return name.key(qualifier); }

    public boolean isUnknown() { return UNKNOWN.equals(value); }

    public boolean isUnconfirmed() { return confidence == Confidence.U; }

    /** The decimal value; null when shipped as unknown. */
    public BigDecimal decimal() {
        if (name.kind() != ParamName.Kind.DECIMAL) throw new IllegalStateException(key() + " is not a decimal");
        return isUnknown() ? null : new BigDecimal(value);
    }

    /** How a trace cites the row: {@code benchmark[COAL_300_PLUS]=0.877 tCO2/MWh [C] (CN-POWER-2019-2020.tsv:31)}. */
    public String cite() {
        return key() + "=" + value + ("-".equals(unit) ? "" : " " + unit) + " [" + confidence + (isUnconfirmed() ? " UNCONFIRMED" : "") + "] (" + origin + ")";
    }
}
