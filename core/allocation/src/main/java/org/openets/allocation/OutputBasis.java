package org.openets.allocation;

/** The output a benchmark or an intensity is applied to, and the input column that carries it. */
public enum OutputBasis {
    /** supply electricity 供电量, MWh. */
    SUPPLY("supply_mwh", "MWh"),
    /** generation 发电量, MWh. */
    GENERATION("generation_mwh", "MWh"),
    /** clinker 熟料, t. */
    CLINKER("clinker_t", "t"),
    /** liquid aluminium 铝液, t. */
    LIQUID_ALUMINIUM("liquid_aluminium_t", "t");

    private final String field;
    private final String unit;

    OutputBasis(String field, String unit) { this.field = field; this.unit = unit; }

    /** The population column that carries this output. */
    public String field() { return field; }

    public String unit() { return unit; }
}
