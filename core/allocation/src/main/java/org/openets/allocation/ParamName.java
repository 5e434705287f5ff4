package org.openets.allocation;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every parameter a ruleset file may carry: its name, what its qualifier names, the form of its value and the units
 * it accepts. {@code docs/reference/allocation-rulesets.md} lists them with their meaning.
 */
public enum ParamName {
    CATEGORY_SECTOR("category.sector", Qualifier.CATEGORY, Kind.WORD, "-"),
    CATEGORY_METHOD("category.method", Qualifier.CATEGORY, Kind.WORD, "-"),
    CATEGORY_BASIS("category.basis", Qualifier.CATEGORY, Kind.WORD, "-"),
    CATEGORY_HEAT("category.heat", Qualifier.CATEGORY, Kind.WORD, "-"),
    CATEGORY_FACTORS("category.factors", Qualifier.CATEGORY, Kind.LIST, "-"),
    CATEGORY_LABEL("category.label", Qualifier.CATEGORY, Kind.TEXT, "-"),
    CATEGORY_MATCH("category.match", Qualifier.CATEGORY, Kind.TEXT, "-"),
    BENCHMARK("benchmark", Qualifier.CATEGORY, Kind.DECIMAL, "tCO2/MWh", "tCO2/t"),
    HEAT_BENCHMARK("heat.benchmark", Qualifier.CATEGORY, Kind.DECIMAL, "tCO2/GJ"),
    HEAT_TO_GENERATION("heat.to-generation", Qualifier.NONE, Kind.DECIMAL, "MWh/GJ"),
    COOLING_FACTOR("cooling.factor", Qualifier.CODE, Kind.DECIMAL, "factor"),
    HEAT_RATIO_COEFFICIENT("heat-ratio.coefficient", Qualifier.CATEGORY, Kind.DECIMAL, "factor"),
    LOAD_SCOPE("load.scope", Qualifier.NONE, Kind.WORD, "-"),
    LOAD_FULL("load.threshold-full", Qualifier.NONE, Kind.DECIMAL, "fraction"),
    LOAD_MID("load.threshold-mid", Qualifier.NONE, Kind.DECIMAL, "fraction"),
    LOAD_LOW("load.threshold-low", Qualifier.NONE, Kind.DECIMAL, "fraction"),
    LOAD_SLOPE_HIGH("load.slope-high", Qualifier.NONE, Kind.DECIMAL, "per point"),
    LOAD_BASE_MID("load.base-mid", Qualifier.NONE, Kind.DECIMAL, "factor"),
    LOAD_SLOPE_MID("load.slope-mid", Qualifier.NONE, Kind.DECIMAL, "per point"),
    LOAD_POWER_BASE("load.power-base", Qualifier.NONE, Kind.DECIMAL, "factor"),
    LOAD_POWER_OFFSET("load.power-offset", Qualifier.NONE, Kind.DECIMAL, "-"),
    LOAD_POWER_SLOPE("load.power-slope", Qualifier.NONE, Kind.DECIMAL, "-"),
    FUEL_HEAT_VALUE_FACTOR("fuel-heat-value.factor", Qualifier.CATEGORY, Kind.DECIMAL, "factor"),
    CO_PROCESSING_BONUS("co-processing.bonus", Qualifier.NUMBER, Kind.DECIMAL, "fraction"),
    LOCAL_ADJUSTMENT("local.adjustment", Qualifier.CODE, Kind.DECIMAL, "factor"),
    HISTORICAL_DECLINE("historical.decline", Qualifier.CATEGORY, Kind.DECIMAL, "factor"),
    HISTORICAL_BASE_YEARS("historical.base-years", Qualifier.NONE, Kind.TEXT, "-"),
    INTENSITY_DECLINE("intensity.decline", Qualifier.CATEGORY, Kind.DECIMAL, "factor"),
    GAS_RELIEF("gas.relief", Qualifier.CATEGORY, Kind.WORD, "-"),
    PRE_ALLOCATION_SHARE("pre-allocation.share", Qualifier.CODE, Kind.DECIMAL, "fraction"),
    PRE_ALLOCATION_BASIS("pre-allocation.basis", Qualifier.CODE, Kind.WORD, "-"),
    FREE_SHARE("free.share", Qualifier.CODE, Kind.DECIMAL, "fraction"),
    ROUNDING_POINT("rounding.point", Qualifier.NONE, Kind.WORD, "-"),
    ROUNDING_MODE("rounding.mode", Qualifier.NONE, Kind.WORD, "-");

    /** What the qualifier column names. */
    public enum Qualifier { NONE, CATEGORY, CODE, NUMBER }

    /** The form of the value column. DECIMAL values may be {@code UNKNOWN} (confidence U only). */
    public enum Kind { DECIMAL, WORD, LIST, TEXT }

    private static final Map<String, ParamName> BY_KEY = Arrays.stream(values()).collect(Collectors.toMap(ParamName::key, Function.identity()));

    private final String key;
    private final Qualifier qualifier;
    private final Kind kind;
    private final Set<String> units;

    ParamName(String key, Qualifier qualifier, Kind kind, String... units) {
        this.key = key;
        this.qualifier = qualifier;
        this.kind = kind;
        this.units = Set.of(units);
    }

    public String key() { return key; }

    public Qualifier qualifier() { return qualifier; }

    public Kind kind() { return kind; }

    public Set<String> units() { return units; }

    public String key(String qualifierValue) { return qualifierValue == null || qualifierValue.isEmpty() ? key : key + "[" + qualifierValue + "]"; }

    public static Optional<ParamName> byKey(String key) { return Optional.ofNullable(BY_KEY.get(key)); }
}
