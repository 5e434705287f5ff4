package org.openets.emissions;

/** The outputs the national market measures for cement and aluminium (产品产量), in tonnes. */
public enum Product {
    /** 熟料, from a clinker line. */
    CLINKER(InstallationKind.CLINKER_LINE),
    /** 铝液, from an aluminium smelter. */
    LIQUID_ALUMINIUM(InstallationKind.ALUMINIUM_SMELTER);

    private final InstallationKind madeBy;

    Product(InstallationKind madeBy) { this.madeBy = madeBy; }

    /** The kind of installation that makes it; any other reporting it is an input error. */
    public InstallationKind madeBy() { return madeBy; }
}
