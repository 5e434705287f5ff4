package org.openets.emissions.verification;

/** The verified outputs allocation reads, per sector. */
public enum OutputMetric { GENERATION_MWH, SUPPLY_MWH, HEAT_SUPPLIED_GJ, CLINKER_TONNES, LIQUID_ALUMINIUM_TONNES }
