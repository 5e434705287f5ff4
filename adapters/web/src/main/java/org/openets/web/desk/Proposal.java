package org.openets.web.desk;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A proposed registry transaction as a person or client sends it, before it is checked: accounts by number or
 * id, the unit series by unit type, vintage and (for offsets) project, the quantity as sent (so that a zero,
 * negative, fractional or overflowing quantity gets INVALID_QUANTITY, not a parse error).
 */
public record Proposal(String commandId, String type, String from, String to, String unitType, Integer vintage, String projectId,
                       BigDecimal quantity, String beneficiary, String purpose, String pledgee, Long reverses, Offset offset) {
    /** The project attributes an offset issuance carries. */
    public record Offset(String projectType, String originRegion, LocalDate reductionFrom, LocalDate reductionTo, Boolean insideCoveredBoundary) {}
}
