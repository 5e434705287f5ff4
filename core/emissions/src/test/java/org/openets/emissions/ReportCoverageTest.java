package org.openets.emissions;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openets.emissions.EmissionsFixture.activity;
import static org.openets.emissions.EmissionsFixture.entity;
import static org.openets.emissions.EmissionsFixture.fuel;
import static org.openets.emissions.EmissionsFixture.output;
import static org.openets.emissions.EmissionsFixture.read;

/**
 * What a report must cover before it is sealed, by the register: E1's G1, G2 and G4 operate all of 2022, G3 until its
 * closure on 30 June 2022, the clinker line L1 and the smelter S1 all year.
 */
class ReportCoverageTest {

    /** Every installation's rows for every month it operated in 2022, less the rows {@code leaveOut} matches. */
    static RawReport complete(Predicate<RawRow> leaveOut) {
        List<RawRow> fuels = new ArrayList<>(), activity = new ArrayList<>(), outputs = new ArrayList<>();
        int row = 1;
        for (String unit : List.of("G1", "G2", "G3", "G4"))
            for (int m = 1; m <= (unit.equals("G3") ? 6 : 12); m++, row++) {
                fuels.add(fuel(row, unit, Integer.toString(m), unit.equals("G2") ? "NATURAL_GAS" : "COAL", "1000", "21.5", "0.027", null, null));
                activity.add(activity(row, unit, Integer.toString(m), "2500", "2350", "0", "0"));
            }
        for (int m = 1; m <= 12; m++, row++) {
            fuels.add(fuel(row, "L1", Integer.toString(m), "COAL", "500", "21.5", "0.027", null, null));
            outputs.add(output(row, "L1", Integer.toString(m), "CLINKER", "150000"));
            outputs.add(output(row + 100, "S1", Integer.toString(m), "LIQUID_ALUMINIUM", "30000"));
        }
        return new RawReport(fuels.stream().filter(leaveOut.negate()).toList(), activity.stream().filter(leaveOut.negate()).toList(),
                outputs.stream().filter(leaveOut.negate()).toList());
    }

    static AnnualReport report(RawReport raw) {
        Validation<AnnualReport> v = read(2022, raw);
        assertThat(v.problems()).isEmpty();
        return v.value();
    }

    static Predicate<RawRow> is(String installation, String... months) {
        return r -> installation.equals(r.cell(r.cell("unit") != null ? "unit" : "installation"))
                && (months.length == 0 || List.of(months).contains(r.cell("month")));
    }

    static List<String> described(List<ReportCoverage.Gap> gaps) {
        return gaps.stream().map(g -> g.code() + " " + g.installation() + " " + g.sheet() + " " + g.monthRanges()).toList();
    }

    @Test void a_complete_report_has_no_gaps() {
        AnnualReport r = report(complete(x -> false));
        assertThat(ReportCoverage.gaps(entity(), r)).isEmpty();
        assertThat(ReportCoverage.problems(entity(), r)).isEmpty();
        assertThat(ReportCoverage.isEmpty(r)).isFalse();
    }

    @Test void an_empty_report_is_empty_and_lacks_every_installation_for_the_months_it_operated() {
        AnnualReport r = report(new RawReport(List.of(), List.of(), List.of()));
        assertThat(ReportCoverage.isEmpty(r)).isTrue();
        assertThat(described(ReportCoverage.gaps(entity(), r))).containsExactly(
                "MISSING_INSTALLATION G1 activity 1-12", "MISSING_INSTALLATION G2 activity 1-12", "MISSING_INSTALLATION G3 activity 1-6",
                "MISSING_INSTALLATION G4 activity 1-12", "MISSING_INSTALLATION L1 outputs 1-12", "MISSING_INSTALLATION S1 outputs 1-12");
        List<Problem> problems = ReportCoverage.problems(entity(), r);
        assertThat(problems.getFirst().code()).isEqualTo(ProblemCode.EMPTY_REPORT);
        assertThat(problems.getFirst().message()).contains("2022").contains("no rows");
        assertThat(problems).hasSize(7);
        // a closed unit is owed only its months before the closure
        assertThat(problems.get(3).toString()).isEqualTo("installation G3: G3 is registered and operated in months 1-6 of 2022 but is not in the report: "
                + "give its activity row for each of those months (a month it stood still is a row of zeros)");
        assertThat(problems.get(3).field()).isEqualTo("unit");
        assertThat(problems.get(5).field()).isEqualTo("installation");
    }

    @Test void each_missing_installation_and_month_is_named_by_sheet() {
        AnnualReport r = report(complete(is("G2")
                .or(is("G1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12").and(x -> x.cell("generation_mwh") != null))
                .or(is("G4", "3").and(x -> x.cell("fuel") != null))
                .or(is("S1", "11", "12"))));
        List<ReportCoverage.Gap> gaps = ReportCoverage.gaps(entity(), r);
        assertThat(described(gaps)).containsExactly("MISSING_MONTHS G1 activity 2-12", "MISSING_INSTALLATION G2 activity 1-12",
                "MISSING_MONTHS G4 fuels 3", "MISSING_MONTHS S1 outputs 11, 12");
        assertThat(gaps.getFirst().months()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(gaps.getFirst().problem().toString()).isEqualTo("installation G1: G1 has no activity row for months 2-12 of 2022, when it operated "
                + "(a month it stood still is a row of zeros)");
        assertThat(gaps.get(2).problem().message()).isEqualTo("G4 has no fuel row for months 3 of 2022, when its activity shows generation or heat "
                + "supplied (a month with output burnt fuel)");
        assertThat(gaps.get(3).problem().message()).contains("0 t for a month it stood still");
        assertThat(ReportCoverage.problems(entity(), r)).extracting(Problem::code)
                .containsExactly(ProblemCode.MISSING_MONTHS, ProblemCode.MISSING_INSTALLATION, ProblemCode.MISSING_MONTHS, ProblemCode.MISSING_MONTHS);
    }

    @Test void a_month_that_states_it_stood_still_needs_no_fuel() {
        // G1 in May and the clinker line in June: zeros, no fuel rows; a clinker month with output and no fuel is a gap
        AnnualReport r = report(new RawReport(
                complete(x -> false).fuels().stream().filter(is("G1", "5").or(is("L1", "6", "7")).negate()).toList(),
                complete(x -> false).activity().stream().map(a -> is("G1", "5").test(a) ? activity(a.row(), "G1", "5", "0", "0", "0", "0") : a).toList(),
                complete(x -> false).outputs().stream().map(o -> is("L1", "6").test(o) ? output(o.row(), "L1", "6", "CLINKER", "0") : o).toList()));
        assertThat(described(ReportCoverage.gaps(entity(), r))).containsExactly("MISSING_MONTHS L1 fuels 7");
        assertThat(ReportCoverage.gaps(entity(), r).getFirst().problem().message()).contains("outputs show clinker made");
    }

    @Test void an_installation_is_owed_only_the_months_it_operated() {
        Installation built = Installation.of(InstallationId.of("G8"), java.time.LocalDate.of(2022, 9, 15),
                new InstallationSpec.GeneratingUnit(UnitCategory.GAS, new java.math.BigDecimal("400"), PressureClass.NOT_APPLICABLE, Cooling.AIR, false,
                        java.time.LocalDate.of(2022, 9, 15), null, "Guangdong", "Zhuhai"), "registered");
        assertThat(ReportCoverage.operatingMonths(built, 2022)).containsExactly(9, 10, 11, 12);
        assertThat(ReportCoverage.operatingMonths(built, 2021)).isEmpty();
    }

    @Test void months_read_as_ranges() {
        assertThat(ReportCoverage.ranges(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))).isEqualTo("1-12");
        assertThat(ReportCoverage.ranges(List.of(9, 3, 5, 7, 8))).isEqualTo("3, 5, 7-9");
        assertThat(ReportCoverage.ranges(List.of(3, 4))).isEqualTo("3, 4");
        assertThat(ReportCoverage.ranges(List.of(12))).isEqualTo("12");
    }
}
