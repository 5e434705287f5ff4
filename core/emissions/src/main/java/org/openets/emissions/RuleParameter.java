package org.openets.emissions;

import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names of the rule parameters a ruleset file may hold, with what each takes: its qualifier (a fuel, a product,
 * a free code, or none), the form of its value, and its unit. The names are code's vocabulary; every value is data.
 */
public enum RuleParameter {
    /** The unit a fuel's consumption is reported in ({@code t}, {@code 10^4 Nm3}); a fuel is known in a year when it has one. */
    FUEL_QUANTITY_UNIT("fuel.quantity-unit", Qualifier.FUEL, ValueKind.TEXT, "-"),
    /** Default net calorific value, in GJ per the fuel's quantity unit. */
    NCV_DEFAULT("ncv.default", Qualifier.FUEL, ValueKind.DECIMAL, null),
    /** Default (high) carbon content per unit of heat. */
    CC_DEFAULT("cc.default", Qualifier.FUEL, ValueKind.DECIMAL, "tC/GJ"),
    CC_DEFAULT_RULE("cc.default-rule", Qualifier.FUEL, ValueKind.WORD, "-", CarbonDefaultRule.class),
    /** Measured months below which the default applies, under {@link CarbonDefaultRule#FEWER_MEASURED_THAN_THRESHOLD}. */
    CC_MEASURED_MONTHS_THRESHOLD("cc.measured-months-threshold", Qualifier.FUEL, ValueKind.INTEGER, "months"),
    CC_FILL("cc.fill-when-enough-measured", Qualifier.FUEL, ValueKind.WORD, "-", FillMethod.class),
    /** Default oxidation rate, as a fraction in (0, 1]. */
    OF_DEFAULT("of.default", Qualifier.FUEL, ValueKind.DECIMAL, "fraction"),
    /** The grid emission factor the power-sector report applies to purchased electricity. */
    GRID_EF("grid.ef", Qualifier.NONE, ValueKind.DECIMAL, "tCO2/MWh"),
    /** MEE/NBS published electricity factors (national, regional, fossil-only): for general accounting, kept for reference. */
    GRID_EF_MEE_NBS("grid.ef.mee-nbs", Qualifier.CODE, ValueKind.DECIMAL, "tCO2/MWh"),
    /** Process emissions per tonne of product. */
    PROCESS_EF("process.ef", Qualifier.PRODUCT, ValueKind.DECIMAL, "tCO2/t"),
    ROUNDING_POINT("rounding.point", Qualifier.NONE, ValueKind.WORD, "-", RoundingPoint.class),
    ROUNDING_MODE("rounding.mode", Qualifier.NONE, ValueKind.WORD, "-", RoundingMode.class),
    /** When the annual report is due, relative to the data year: {@code Y+1-03-31}. */
    DEADLINE_REPORT("deadline.report", Qualifier.NONE, ValueKind.DATE_RULE, "date"),
    DEADLINE_VERIFICATION("deadline.verification", Qualifier.NONE, ValueKind.DATE_RULE, "date");

    public enum Qualifier { NONE, FUEL, PRODUCT, CODE }

    public enum ValueKind { DECIMAL, INTEGER, WORD, TEXT, DATE_RULE }

    private final String key;
    private final Qualifier qualifier;
    private final ValueKind kind;
    private final String unit;
    private final Set<String> words;

    RuleParameter(String key, Qualifier qualifier, ValueKind kind, String unit) {
        this(key, qualifier, kind, unit, null);
    }

    RuleParameter(String key, Qualifier qualifier, ValueKind kind, String unit, Class<? extends Enum<?>> words) {
        this.key = key;
        this.qualifier = qualifier;
        this.kind = kind;
        this.unit = unit;
        this.words = words == null ? Set.of()
                : Arrays.stream(words.getEnumConstants()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    public String key() { return key; }

    public Qualifier qualifier() { return qualifier; }

    public ValueKind kind() { return kind; }

    /** The unit the file must state, or null when it depends on the qualifier (NCV: GJ per the fuel's quantity unit). */
    public String unit() { return unit; }

    /** The allowed values of a WORD parameter. */
    public Set<String> words() { return words; }

    public static Optional<RuleParameter> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    /** The key with its qualifier, as traces and problems name it: {@code cc.default[COAL]}. */
    public String key(String qualifier) {
        return qualifier == null || qualifier.isEmpty() ? key : key + "[" + qualifier + "]";
    }
}
