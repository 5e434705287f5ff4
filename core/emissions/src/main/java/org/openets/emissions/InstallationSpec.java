package org.openets.emissions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * What an installation is during one version's validity: its kind's technical data, where it stands, and when it
 * was commissioned and closed. A spec never changes; a change is a new {@link InstallationVersion}.
 */
public sealed interface InstallationSpec permits InstallationSpec.GeneratingUnit, InstallationSpec.ClinkerLine, InstallationSpec.AluminiumSmelter {

    InstallationKind kind();

    /** 投产日期. */
    LocalDate commissioned();

    /** 关停日期: null while it operates. */
    LocalDate closed();

    String province();

    String city();

    /** Whether it operated during at least part of the month: commissioned by the month's end, not closed before it began. */
    default boolean operatesIn(YearMonth month) {
        return !commissioned().isAfter(month.atEndOfMonth()) && (closed() == null || !closed().isBefore(month.atDay(1)));
    }

    private static void common(LocalDate commissioned, LocalDate closed, String province, String city) {
        if (commissioned == null) throw new IllegalArgumentException("commissioning date required");
        if (closed != null && closed.isBefore(commissioned)) throw new IllegalArgumentException("closed before it was commissioned");
        if (province == null || province.isBlank() || city == null || city.isBlank()) throw new IllegalArgumentException("province and city required");
    }

    private static void positive(BigDecimal v, String what) {
        if (v == null || v.signum() <= 0) throw new IllegalArgumentException(what + " must be positive");
    }

    /** A generating unit (发电机组). */
    record GeneratingUnit(UnitCategory category, BigDecimal capacityMw, PressureClass pressure, Cooling cooling,
                          boolean heatSupply, LocalDate commissioned, LocalDate closed, String province, String city) implements InstallationSpec {
        public GeneratingUnit {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(pressure, "pressure class");
            Objects.requireNonNull(cooling, "cooling");
            positive(capacityMw, "capacity");
            common(commissioned, closed, province, city);
        }

        @Override public InstallationKind kind() { return InstallationKind.GENERATING_UNIT; }
    }

    /** A cement clinker line (熟料生产线); capacity in tonnes of clinker a day. */
    record ClinkerLine(BigDecimal capacityTonnesPerDay, LocalDate commissioned, LocalDate closed, String province,
                       String city) implements InstallationSpec {
        public ClinkerLine {
            positive(capacityTonnesPerDay, "capacity");
            common(commissioned, closed, province, city);
        }

        @Override public InstallationKind kind() { return InstallationKind.CLINKER_LINE; }
    }

    /** An electrolytic aluminium smelter (电解铝); capacity in tonnes of liquid aluminium a year. */
    record AluminiumSmelter(BigDecimal capacityTonnesPerYear, LocalDate commissioned, LocalDate closed, String province,
                            String city) implements InstallationSpec {
        public AluminiumSmelter {
            positive(capacityTonnesPerYear, "capacity");
            common(commissioned, closed, province, city);
        }

        @Override public InstallationKind kind() { return InstallationKind.ALUMINIUM_SMELTER; }
    }
}
