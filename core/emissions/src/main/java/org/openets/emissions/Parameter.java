package org.openets.emissions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of a ruleset file: a parameter's value for the data years {@code validFrom}..{@code validTo} (null =
 * open-ended), with its unit, confidence and source. {@code origin} is the file and line it was read from, so a
 * trace points at the exact row that made a figure.
 */
public record Parameter(RuleParameter name, String qualifier, String value, String unit, Confidence confidence, int validFrom,
                        Integer validTo, String source, String note, String origin) {
    static final Pattern DATE_RULE = Pattern.compile("Y\\+([0-9])-([0-9]{2})-([0-9]{2})");

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(confidence, "confidence");
        qualifier = qualifier == null ? "" : qualifier;
        note = note == null ? "" : note;
        if (validTo != null && validTo < validFrom) throw new IllegalArgumentException("valid_to before valid_from");
    }

    public String key() { return name.key(qualifier); }

    public boolean appliesTo(int year) { return validFrom <= year && (validTo == null || year <= validTo); }

    public boolean overlaps(Parameter o) {
        int thisTo = validTo == null ? Integer.MAX_VALUE : validTo, otherTo = o.validTo == null ? Integer.MAX_VALUE : o.validTo;
        return validFrom <= otherTo && o.validFrom <= thisTo;
    }

    public boolean isUnconfirmed() { return confidence == Confidence.U; }

    public BigDecimal decimal() {
        if (name.kind() != RuleParameter.ValueKind.DECIMAL) throw new IllegalStateException(key() + " is not a decimal");
        return new BigDecimal(value);
    }

    public int integer() {
        if (name.kind() != RuleParameter.ValueKind.INTEGER) throw new IllegalStateException(key() + " is not an integer");
        return Integer.parseInt(value);
    }

    public CarbonDefaultRule carbonDefaultRule() { return CarbonDefaultRule.valueOf(word(RuleParameter.CC_DEFAULT_RULE)); }

    public FillMethod fillMethod() { return FillMethod.valueOf(word(RuleParameter.CC_FILL)); }

    public RoundingPoint roundingPoint() { return RoundingPoint.valueOf(word(RuleParameter.ROUNDING_POINT)); }

    public RoundingMode roundingMode() { return RoundingMode.valueOf(word(RuleParameter.ROUNDING_MODE)); }

    /** The date a DATE_RULE parameter gives for a data year: {@code Y+1-03-31} for 2022 is 2023-03-31. */
    public LocalDate dateFor(int dataYear) {
        Matcher m = DATE_RULE.matcher(value);
        if (name.kind() != RuleParameter.ValueKind.DATE_RULE || !m.matches()) throw new IllegalStateException(key() + " is not a date rule");
        return LocalDate.of(dataYear + Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    private String word(RuleParameter expected) {
        if (name != expected) throw new IllegalStateException(key() + " is not " + expected.key());
        return value;
    }

    /** {@code cc.default[COAL] = 0.03085 tC/GJ [C]}, with UNCONFIRMED for [U]: how a trace line cites the row. */
    public String brief() {
        return key() + " = " + value + ("-".equals(unit) ? "" : " " + unit) + " " + confidence.mark() + (isUnconfirmed() ? " UNCONFIRMED" : "");
    }

    /** {@code cc.default[COAL] = 0.03085 tC/GJ [C] (data years 2021-2022; CN.tsv:12; source: ...)}: the row in full. */
    @Override public String toString() {
        return brief() + " (data years " + validFrom + "-" + (validTo == null ? "" : validTo) + "; " + origin + "; source: " + source + ")";
    }
}
