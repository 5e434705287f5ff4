package org.openets.allocation;

/** Where a ruleset rounds to whole tonnes: each unit line, or once per entity (and sector). */
public enum RoundingPoint { UNIT_LINE, ENTITY }
