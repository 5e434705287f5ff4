package org.openets.kernel;

/** Allowances (配额) are created under a cap; offsets (核证减排量) are credited to projects. */
public enum UnitKind { ALLOWANCE, OFFSET }
