package org.openets.emissions;

import java.math.BigDecimal;

/**
 * One installation's year: exact tonnes by source and in all, and the rounded whole tonnes when the ruleset rounds
 * per installation ({@link RoundingPoint#INSTALLATION_TOTAL}; null otherwise).
 */
public record InstallationTotal(InstallationId installation, BigDecimal fuelTonnes, BigDecimal electricityTonnes, BigDecimal processTonnes,
                                BigDecimal exactTonnes, Long roundedTonnes) {}
