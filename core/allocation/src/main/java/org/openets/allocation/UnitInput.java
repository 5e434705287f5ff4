package org.openets.allocation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One unit of a population (a generating unit, clinker line or smelter) with the data of one year: what a ruleset
 * needs to allocate it. {@code category} names the ruleset's category; when blank, the ruleset chooses it from
 * {@code fuel} and {@code capacityMw} by its {@code category.match} rows. Absent figures are null; a method that needs one reports MISSING_VALUE naming the field.
 * {@code historicalEmissions} are the base years' emissions in tonnes (their average is used);
 * {@code verifiedEmissions} is the year's verified emissions (gas relief, what-if gap, 2024 industry) and
 * {@code previousVerifiedEmissions} the year before (2025 industry pre-allocation). {@code line} is the input line.
 */
public record UnitInput(int line, String unitId, String entityId, String entityName, String region, String category,
                        String fuel, String cooling, BigDecimal capacityMw, BigDecimal generationMwh, BigDecimal supplyMwh, BigDecimal heatGj,
                        BigDecimal heatRatio, BigDecimal loadFactor, BigDecimal clinkerT, BigDecimal liquidAluminiumT,
                        BigDecimal coProcessedWasteT, List<BigDecimal> historicalEmissions, BigDecimal historicalIntensity,
                        Long verifiedEmissions, Long previousVerifiedEmissions) {
    public UnitInput {
        Objects.requireNonNull(unitId, "unitId");
        Objects.requireNonNull(entityId, "entityId");
        category = category == null ? "" : category;
        fuel = fuel == null ? "" : fuel;
        entityName = entityName == null ? "" : entityName;
        region = region == null ? "" : region;
        cooling = cooling == null ? "" : cooling;
        historicalEmissions = historicalEmissions == null ? List.of() : List.copyOf(historicalEmissions);
    }

    /** The output a basis names (heat is separate). */
    public BigDecimal output(OutputBasis basis) {
        return switch (basis) {
            case SUPPLY -> supplyMwh;
            case GENERATION -> generationMwh;
            case CLINKER -> clinkerT;
            case LIQUID_ALUMINIUM -> liquidAluminiumT;
        };
    }

    /** A copy with a different output on the basis: what the property tests and what-if variations use. */
    public UnitInput withOutput(OutputBasis basis, BigDecimal value) {
        return new UnitInput(line, unitId, entityId, entityName, region, category, fuel, cooling, capacityMw,
                basis == OutputBasis.GENERATION ? value : generationMwh, basis == OutputBasis.SUPPLY ? value : supplyMwh, heatGj, heatRatio,
                loadFactor, basis == OutputBasis.CLINKER ? value : clinkerT, basis == OutputBasis.LIQUID_ALUMINIUM ? value : liquidAluminiumT,
                coProcessedWasteT, historicalEmissions, historicalIntensity, verifiedEmissions, previousVerifiedEmissions);
    }

    public UnitInput withVerifiedEmissions(Long verified) {
        return new UnitInput(line, unitId, entityId, entityName, region, category, fuel, cooling, capacityMw, generationMwh, supplyMwh, heatGj, heatRatio,
                loadFactor, clinkerT, liquidAluminiumT, coProcessedWasteT, historicalEmissions, historicalIntensity, verified, previousVerifiedEmissions);
    }
}
