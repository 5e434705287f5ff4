package org.openets.emissions;

/** Main-steam pressure class of a generating unit (压力参数). */
public enum PressureClass {
    /** 超超临界. */
    ULTRA_SUPERCRITICAL,
    /** 超临界. */
    SUPERCRITICAL,
    /** 亚临界. */
    SUBCRITICAL,
    /** 高压及以下. */
    HIGH_PRESSURE_AND_BELOW,
    /** Gas turbines and others the classes do not apply to. */
    NOT_APPLICABLE
}
