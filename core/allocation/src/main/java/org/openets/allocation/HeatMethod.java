package org.openets.allocation;

/** What a power category does with the heat it supplies. */
public enum HeatMethod {
    /** heat is not allocated. */
    NONE,
    /** heat supplied (GJ) × heat benchmark (tCO2/GJ), added to the electricity allowance. */
    HEAT_BENCHMARK,
    /** heat supplied converted to MWh ({@code heat.to-generation}) and added to the output the benchmark applies to. */
    HEAT_AS_GENERATION
}
