package org.openets.emissions;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Turns submitted sheets into an {@link AnnualReport}, or lists every problem with where it is. Each row is checked
 * cell by cell and nothing stops at the first problem: a sheet with a month 13, a negative quantity and an unknown
 * fuel gets all three back, each naming its sheet, row, installation, month and fuel, as typed. A report with any
 * problem is not made, so nothing is computed from it.
 *
 * <p>What is checked: required cells; numbers are plain decimals ({@code 1234.5}; no thousands separators, no
 * exponent); no negative quantity; months 1..12; the installation is the entity's, of the right kind for the sheet,
 * and operating in that month by the version valid then; fuels are those the ruleset knows for the year; ranges
 * (oxidation rate in (0, 1], positive calorific value and carbon content, elemental carbon at most 100 %); cells
 * that exclude or need each other; one row per installation, month and fuel (or product); no unknown columns.
 */
public final class ReportReader {
    static final Set<String> FUEL_COLUMNS = Set.of("unit", "month", "fuel", "quantity", "ncv", "carbon_content", "carbon_ar_percent", "oxidation_rate");
    static final Set<String> ACTIVITY_COLUMNS = Set.of("unit", "month", "generation_mwh", "supply_mwh", "heat_supplied_gj", "purchased_electricity_mwh");
    static final Set<String> OUTPUT_COLUMNS = Set.of("installation", "month", "product", "tonnes");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final CoveredEntity entity;
    private final int year;
    private final Ruleset rules;
    /** Looked up once per reader, not per row: the installations by id, the fuels known in the year by code. */
    private final Map<String, Installation> installations = new HashMap<>();
    private final Map<String, FuelType> knownFuels = new HashMap<>();
    private final String knownFuelList;

    public ReportReader(CoveredEntity entity, int year, Ruleset rules) {
        if (!entity.jurisdiction().equals(rules.jurisdiction()))
            throw new IllegalArgumentException("ruleset " + rules.jurisdiction() + " does not govern entity " + entity.id() + " of " + entity.jurisdiction());
        this.entity = entity;
        this.year = year;
        this.rules = rules;
        for (Installation i : entity.installations()) installations.putIfAbsent(i.id().value(), i);
        Set<FuelType> known = rules.fuels(year);
        for (FuelType f : known) knownFuels.put(f.code(), f);
        this.knownFuelList = known.stream().map(FuelType::code).collect(Collectors.joining(", "));
    }

    public Validation<AnnualReport> read(RawReport raw) {
        List<Problem> problems = new ArrayList<>();
        List<FuelUse> fuels = new ArrayList<>();
        List<UnitActivity> activity = new ArrayList<>();
        List<ProductOutput> outputs = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (RawRow r : raw.fuels()) fuelRow(r, problems, seen).ifPresent(fuels::add);
        seen.clear();
        for (RawRow r : raw.activity()) activityRow(r, problems, seen).ifPresent(activity::add);
        seen.clear();
        for (RawRow r : raw.outputs()) outputRow(r, problems, seen).ifPresent(outputs::add);
        return Validation.of(new AnnualReport(entity.id(), entity.jurisdiction(), year, fuels, activity, outputs), problems);
    }

    // ------------------------------------------------------------------------------------------ sheets

    private Optional<FuelUse> fuelRow(RawRow r, List<Problem> problems, Map<String, Integer> seen) {
        Row row = new Row("fuels", r, problems, "unit", "fuel");
        row.unknownColumns(FUEL_COLUMNS);
        Installation unit = row.installation("unit", null);
        Integer month = row.month();
        row.operating(unit, month);
        FuelType fuel = null;
        String fuelText = row.required("fuel");
        if (fuelText != null) {
            fuel = knownFuels.get(fuelText);
            if (fuel == null) row.problem(ProblemCode.UNKNOWN_FUEL, "fuel", "unknown fuel type '" + fuelText + "' (known in " + year + ": " + knownFuelList + ")");
        }
        BigDecimal quantity = row.number("quantity", true);
        if (quantity != null && quantity.signum() < 0) row.problem(ProblemCode.NEGATIVE, "quantity", "quantity must not be negative");
        BigDecimal ncv = row.positive("ncv", "net calorific value");
        BigDecimal cc = row.positive("carbon_content", "carbon content");
        BigDecimal car = row.positive("carbon_ar_percent", "elemental carbon");
        if (car != null && car.compareTo(HUNDRED) > 0) { row.problem(ProblemCode.OUT_OF_RANGE, "carbon_ar_percent", "elemental carbon must not exceed 100 %"); car = null; }
        BigDecimal of = row.positive("oxidation_rate", "oxidation rate");
        if (of != null && of.compareTo(BigDecimal.ONE) > 0) {
            row.problem(ProblemCode.OUT_OF_RANGE, "oxidation_rate", "oxidation rate must be a fraction in (0, 1], e.g. 0.99");
            of = null;
        }
        if (r.cell("carbon_content") != null && r.cell("carbon_ar_percent") != null)
            row.problem(ProblemCode.INCONSISTENT, "carbon_ar_percent", "give carbon content or elemental carbon, not both");
        if (r.cell("carbon_ar_percent") != null && r.cell("ncv") == null)
            row.problem(ProblemCode.INCONSISTENT, "ncv", "elemental carbon needs the measured net calorific value (CC = C_ar / NCV_ar)");
        if (month != null) row.unique(seen, r.cell("unit") + "|" + month + "|" + fuelText);
        if (!row.clean()) return Optional.empty();
        return Optional.of(new FuelUse(unit.id(), month, fuel, quantity, ncv, cc, car, of));
    }

    private Optional<UnitActivity> activityRow(RawRow r, List<Problem> problems, Map<String, Integer> seen) {
        Row row = new Row("activity", r, problems, "unit");
        row.unknownColumns(ACTIVITY_COLUMNS);
        Installation unit = row.installation("unit", InstallationKind.GENERATING_UNIT);
        Integer month = row.month();
        row.operating(unit, month);
        BigDecimal generation = row.notNegative("generation_mwh");
        BigDecimal supply = row.notNegative("supply_mwh");
        BigDecimal heat = row.notNegative("heat_supplied_gj");
        BigDecimal purchased = row.notNegative("purchased_electricity_mwh");
        if (generation != null && supply != null && supply.compareTo(generation) > 0)
            row.problem(ProblemCode.INCONSISTENT, "supply_mwh", "supply must not exceed generation (supply = generation less own use)");
        if (month != null) row.unique(seen, r.cell("unit") + "|" + month);
        if (!row.clean()) return Optional.empty();
        return Optional.of(new UnitActivity(unit.id(), month, generation, supply, heat, purchased));
    }

    private Optional<ProductOutput> outputRow(RawRow r, List<Problem> problems, Map<String, Integer> seen) {
        Row row = new Row("outputs", r, problems, "installation", "product");
        row.unknownColumns(OUTPUT_COLUMNS);
        Product product = null;
        String productText = row.required("product");
        if (productText != null) {
            try {
                product = Product.valueOf(productText);
            } catch (IllegalArgumentException e) {
                row.problem(ProblemCode.UNKNOWN_PRODUCT, "product", "unknown product '" + productText + "' (one of CLINKER, LIQUID_ALUMINIUM)");
            }
        }
        Installation inst = row.installation("installation", product == null ? null : product.madeBy());
        Integer month = row.month();
        row.operating(inst, month);
        BigDecimal tonnes = row.notNegative("tonnes");
        if (month != null) row.unique(seen, r.cell("installation") + "|" + month + "|" + productText);
        if (!row.clean() || product == null) return Optional.empty();
        return Optional.of(new ProductOutput(inst.id(), month, product, tonnes));
    }

    // ------------------------------------------------------------------------------------------ one row

    /** The checks of one row, collecting its problems under one location. */
    private final class Row {
        final String sheet;
        final RawRow raw;
        final List<Problem> problems;
        final String keyColumn;
        final String[] more;
        final int before;
        String where;

        Row(String sheet, RawRow raw, List<Problem> problems, String keyColumn, String... more) {
            this.sheet = sheet;
            this.raw = raw;
            this.problems = problems;
            this.before = problems.size();
            this.keyColumn = keyColumn;
            this.more = more;
        }

        /** The row's location as typed; built on the first problem only. */
        String where() {
            if (where == null) {
                StringJoiner w = new StringJoiner(", ");
                w.add(sheet + " row " + raw.row());
                String key = raw.cell(keyColumn);
                if (key != null) w.add((keyColumn.equals("installation") ? "installation " : "unit ") + key);
                if (raw.cell("month") != null) w.add("month " + raw.cell("month"));
                for (String m : more) if (raw.cell(m) != null) w.add(m + " " + raw.cell(m));
                where = w.toString();
            }
            return where;
        }

        boolean clean() { return problems.size() == before; }

        void problem(ProblemCode code, String field, String message) { problems.add(new Problem(code, where(), field, message)); }

        void unknownColumns(Set<String> known) {
            if (known.containsAll(raw.cells().keySet())) return;
            raw.cells().keySet().stream().filter(c -> !known.contains(c)).sorted()
                    .forEach(c -> problem(ProblemCode.UNKNOWN_COLUMN, c, "unknown column '" + c + "' (the " + sheet + " sheet has " + known.stream().sorted().toList() + ")"));
        }

        String required(String column) {
            String v = raw.cell(column);
            if (v == null) problem(ProblemCode.REQUIRED, column, column + " is required");
            return v;
        }

        BigDecimal number(String column, boolean required) {
            String v = required ? required(column) : raw.cell(column);
            if (v == null) return null;
            if (!isPlainDecimal(v)) {
                problem(ProblemCode.NOT_A_NUMBER, column, column + ": '" + v + "' is not a number (plain decimal, e.g. 1234.5)");
                return null;
            }
            return new BigDecimal(v);
        }

        BigDecimal notNegative(String column) {
            BigDecimal v = number(column, true);
            if (v != null && v.signum() < 0) {
                problem(ProblemCode.NEGATIVE, column, column + " must not be negative");
                return null;
            }
            return v;
        }

        /** An optional measured factor: when given it must be above zero. */
        BigDecimal positive(String column, String what) {
            BigDecimal v = number(column, false);
            if (v != null && v.signum() <= 0) {
                problem(v.signum() < 0 ? ProblemCode.NEGATIVE : ProblemCode.OUT_OF_RANGE, column, what + " must be above zero (leave it empty when not measured)");
                return null;
            }
            return v;
        }

        Integer month() {
            String v = required("month");
            if (v == null) return null;
            if (!isWhole(v)) {
                problem(ProblemCode.NOT_A_NUMBER, "month", "month: '" + v + "' is not a whole number");
                return null;
            }
            int m = v.length() > 3 ? 0 : Integer.parseInt(v);
            if (m < 1 || m > 12) {
                problem(ProblemCode.OUT_OF_RANGE, "month", "month must be 1..12");
                return null;
            }
            return m;
        }

        Installation installation(String column, InstallationKind kind) {
            String v = required(column);
            if (v == null) return null;
            Optional<Installation> found = Optional.ofNullable(installations.get(v));
            if (found.isEmpty()) {
                problem(ProblemCode.UNKNOWN_INSTALLATION, column, "entity " + entity.id() + " has no installation '" + v + "'");
                return null;
            }
            if (kind != null && found.get().kind() != kind) {
                problem(ProblemCode.UNKNOWN_INSTALLATION, column, v + " is a " + found.get().kind() + "; this sheet needs a " + kind);
                return null;
            }
            return found.get();
        }

        void operating(Installation inst, Integer month) {
            if (inst == null || month == null) return;
            YearMonth ym = YearMonth.of(year, month);
            Optional<InstallationVersion> v = inst.versionIn(ym);
            if (v.isEmpty()) problem(ProblemCode.NOT_OPERATING, "month", inst.id() + " is not registered before " + ym);
            else if (!v.get().spec().operatesIn(ym)) {
                InstallationSpec s = v.get().spec();
                problem(ProblemCode.NOT_OPERATING, "month", inst.id() + " was not operating in " + ym + " (commissioned " + s.commissioned()
                        + (s.closed() == null ? "" : ", closed " + s.closed()) + ")");
            }
        }

        void unique(Map<String, Integer> seen, String key) {
            Integer first = seen.putIfAbsent(key, raw.row());
            if (first != null) problem(ProblemCode.DUPLICATE_ROW, "row", "duplicate of row " + first);
        }
    }

    /** {@code [+-]?[0-9]+(\.[0-9]+)?}: a plain decimal, no separators, no exponent (checked by hand: it runs for every cell). */
    static boolean isPlainDecimal(String v) {
        int n = v.length(), i = 0;
        if (i < n && (v.charAt(i) == '+' || v.charAt(i) == '-')) i++;
        int digits = i;
        while (i < n && isDigit(v.charAt(i))) i++;
        if (i == digits) return false;
        if (i == n) return true;
        if (v.charAt(i) != '.') return false;
        int fraction = ++i;
        while (i < n && isDigit(v.charAt(i))) i++;
        return i > fraction && i == n;
    }

    /** {@code [+-]?[0-9]+}. */
    static boolean isWhole(String v) {
        int n = v.length(), i = 0;
        if (i < n && (v.charAt(i) == '+' || v.charAt(i) == '-')) i++;
        if (i == n) return false;
        for (; i < n; i++) if (!isDigit(v.charAt(i))) return false;
        return true;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    /** The columns each sheet takes, for import mappings and documentation. */
    public static Map<String, Set<String>> columns() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("fuels", FUEL_COLUMNS);
        m.put("activity", ACTIVITY_COLUMNS);
        m.put("outputs", OUTPUT_COLUMNS);
        return m;
    }
}
