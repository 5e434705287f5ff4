package org.openets.allocation;

/** A correction factor a benchmark category applies, each read from the ruleset. */
public enum Factor {
    /** 冷却方式修正系数: by the unit's cooling (WATER, AIR), {@code cooling.factor[...]}. */
    COOLING,
    /** 供热量修正系数: 1 − coefficient × heat-supply ratio, {@code heat-ratio.coefficient[category]}. */
    HEAT_RATIO,
    /** 负荷（出力）系数修正系数: the piecewise load curve {@code load.*} of the unit's load coefficient. */
    LOAD,
    /** 燃料热值修正系数 (2017 draft): {@code fuel-heat-value.factor[category]}. */
    FUEL_HEAT_VALUE,
    /** cement waste co-processing bonus: 1 + {@code co-processing.bonus[threshold]} of the band the waste reaches. */
    CO_PROCESSING,
    /** local sector adjustment factor (≤ 1) by region: {@code local.adjustment[region]}, else {@code [*]}. */
    LOCAL_ADJUSTMENT
}
