package org.openets.emissions;

public enum InstallationKind { GENERATING_UNIT, CLINKER_LINE, ALUMINIUM_SMELTER }
