package org.openets.emissions;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an annual report must cover before it is sealed: the register (the entity's installations and their versions)
 * says which installations operated in the data year and in which months, and the report must account for each of
 * them in each of those months. A month counts as operating as {@link ReportReader} judges it (by the version valid
 * at the month's end: commissioned by then and not closed before the month began).
 * <ul>
 * <li>a generating unit: an {@code activity} row every month it operated (a month it stood still is a row of zeros,
 * which states that it did), and {@code fuels} rows every month its activity row shows generation or heat supplied
 * (a unit that generated burnt fuel);</li>
 * <li>a clinker line: an {@code outputs} row every month it operated (0 t for a month it stood still), and
 * {@code fuels} rows every month it made clinker (the kiln burns fuel);</li>
 * <li>an aluminium smelter: an {@code outputs} row every month it operated.</li>
 * </ul>
 * A report with no rows at all is empty: it is never saved (an empty upload would otherwise replace the year's draft
 * with nothing) and never sealed. A draft may be incomplete; sealing needs every gap closed. The gaps are named by
 * installation, sheet and months, so the submitter knows exactly what to add.
 */
public final class ReportCoverage {
    public static final String FUELS = "fuels", ACTIVITY = "activity", OUTPUTS = "outputs";

    /**
     * What a report lacks: an installation that operated in the year and has no rows at all
     * ({@link ProblemCode#MISSING_INSTALLATION}; {@code sheet} is the sheet its monthly rows belong in, {@code months}
     * the months it operated), or the months of one sheet an installation has no row for ({@link ProblemCode#MISSING_MONTHS}).
     */
    public record Gap(ProblemCode code, InstallationId installation, InstallationKind kind, String sheet, int year, List<Integer> months) {
        public Gap {
            Objects.requireNonNull(installation, "installation");
            Objects.requireNonNull(kind, "kind");
            if (code != ProblemCode.MISSING_INSTALLATION && code != ProblemCode.MISSING_MONTHS) throw new IllegalArgumentException("not a gap: " + code);
            if (!Set.of(FUELS, ACTIVITY, OUTPUTS).contains(sheet)) throw new IllegalArgumentException("no sheet " + sheet);
            months = List.copyOf(new TreeSet<>(months));
            if (months.isEmpty() || months.getFirst() < 1 || months.getLast() > 12) throw new IllegalArgumentException("months must be some of 1..12");
        }

        /** The months as ranges: {@code 1-12}, {@code 2-12}, {@code 3, 5, 7-9}. */
        public String monthRanges() { return ranges(months); }

        /** The gap as a problem of the report, worded for the submitter: {@code installation G2: G2 operated in months 1-12 of 2023 …}. */
        public Problem problem() {
            String id = installation.value(), m = monthRanges();
            String where = "installation " + id;
            if (code == ProblemCode.MISSING_INSTALLATION)
                return new Problem(code, where, kind == InstallationKind.GENERATING_UNIT ? "unit" : "installation", id + " is registered and operated in months "
                        + m + " of " + year + " but is not in the report: give its " + sheet + " row for each of those months" + standingStill());
            String message = switch (sheet) {
                case FUELS -> id + " has no fuel row for months " + m + " of " + year + ", when its " + (kind == InstallationKind.GENERATING_UNIT
                        ? "activity shows generation or heat supplied" : "outputs show clinker made") + " (a month with output burnt fuel)";
                default -> id + " has no " + sheet + " row for months " + m + " of " + year + ", when it operated" + standingStill();
            };
            return new Problem(code, where, "month", message);
        }

        private String standingStill() {
            return kind == InstallationKind.GENERATING_UNIT ? " (a month it stood still is a row of zeros)" : " (0 t for a month it stood still)";
        }
    }

    private ReportCoverage() {}

    /** No rows in any sheet. */
    public static boolean isEmpty(AnnualReport report) {
        return report.fuels().isEmpty() && report.activity().isEmpty() && report.outputs().isEmpty();
    }

    /** The months of {@code year} the installation operated in, by the register (the version valid at each month's end). */
    public static List<Integer> operatingMonths(Installation installation, int year) {
        List<Integer> out = new ArrayList<>();
        for (int m = 1; m <= 12; m++) if (installation.operatesIn(YearMonth.of(year, m))) out.add(m);
        return out;
    }

    /** Everything the report lacks before it may be sealed, installation by installation in the register's order; empty when complete. */
    public static List<Gap> gaps(CoveredEntity entity, AnnualReport report) {
        if (!entity.id().equals(report.entity())) throw new IllegalArgumentException("report of " + report.entity() + ", not of " + entity.id());
        int year = report.year();
        List<Gap> gaps = new ArrayList<>();
        for (Installation i : entity.installations()) {
            List<Integer> operating = operatingMonths(i, year);
            if (operating.isEmpty()) continue;
            InstallationId id = i.id();
            Set<Integer> fuel = new TreeSet<>(), activity = new TreeSet<>(), output = new TreeSet<>(), burning = new TreeSet<>();
            for (FuelUse f : report.fuels()) if (f.unit().equals(id)) fuel.add(f.month());
            for (UnitActivity a : report.activity())
                if (a.unit().equals(id)) {
                    activity.add(a.month());
                    if (positive(a.generationMwh()) || positive(a.heatSuppliedGj())) burning.add(a.month());
                }
            for (ProductOutput o : report.outputs())
                if (o.installation().equals(id)) {
                    output.add(o.month());
                    if (o.product() == Product.CLINKER && positive(o.tonnes())) burning.add(o.month());
                }
            String monthly = i.kind() == InstallationKind.GENERATING_UNIT ? ACTIVITY : OUTPUTS;
            if (fuel.isEmpty() && activity.isEmpty() && output.isEmpty()) {
                gaps.add(new Gap(ProblemCode.MISSING_INSTALLATION, id, i.kind(), monthly, year, operating));
                continue;
            }
            List<Integer> noRow = operating.stream().filter(m -> !(monthly.equals(ACTIVITY) ? activity : output).contains(m)).toList();
            if (!noRow.isEmpty()) gaps.add(new Gap(ProblemCode.MISSING_MONTHS, id, i.kind(), monthly, year, noRow));
            List<Integer> noFuel = burning.stream().filter(m -> !fuel.contains(m)).toList();
            if (!noFuel.isEmpty()) gaps.add(new Gap(ProblemCode.MISSING_MONTHS, id, i.kind(), FUELS, year, noFuel));
        }
        return gaps;
    }

    /**
     * The problems that stop the seal: for an empty report {@link ProblemCode#EMPTY_REPORT} first, then every gap as a
     * problem ({@link Gap#problem()}); nothing for a complete report.
     */
    public static List<Problem> problems(CoveredEntity entity, AnnualReport report) {
        List<Problem> out = new ArrayList<>();
        if (isEmpty(report)) out.add(empty(report.year()));
        for (Gap g : gaps(entity, report)) out.add(g.problem());
        return out;
    }

    /** The problem of a report without rows. */
    public static Problem empty(int year) {
        return new Problem(ProblemCode.EMPTY_REPORT, "report", "rows", "the " + year + " report has no rows: there is nothing to save or seal");
    }

    /** Months as ranges: {@code [1..12]} → {@code 1-12}; {@code [3, 5, 7, 8, 9]} → {@code 3, 5, 7-9}. */
    public static String ranges(List<Integer> months) {
        StringBuilder b = new StringBuilder();
        List<Integer> m = List.copyOf(new TreeSet<>(months));
        for (int i = 0; i < m.size(); ) {
            int j = i;
            while (j + 1 < m.size() && m.get(j + 1) == m.get(j) + 1) j++;
            if (!b.isEmpty()) b.append(", ");
            b.append(m.get(i));
            if (j > i) b.append(j == i + 1 ? ", " : "-").append(m.get(j));
            i = j + 1;
        }
        return b.toString();
    }

    private static boolean positive(BigDecimal v) { return v != null && v.signum() > 0; }
}
