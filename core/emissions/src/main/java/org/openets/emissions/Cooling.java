package org.openets.emissions;

/** Condenser cooling of a generating unit (冷却方式); allocation corrects air-cooled units upwards. */
public enum Cooling { WATER, AIR }
