package org.openets.allocation;

import java.util.List;

/**
 * Where allocation learns of next-year deductions. Declared here, implemented by workflows: today from the regulator's
 * entries, later from compliance.
 */
public interface DeductionPort {
    /** The deductions not yet applied for the jurisdiction's allocation year. */
    List<Deduction> pending(String jurisdiction, int year);
}
