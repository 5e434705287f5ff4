package org.openets.emissions;

import org.openets.kernel.Jurisdiction;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The MRV rule parameters of one jurisdiction, versioned by data year: default values, the default rule, grid
 * factors, rounding and deadlines, each with its unit, confidence and source. Read from a tab-separated file
 * ({@code docs/reference/emissions-accounting.md} describes the format); the bundled files live under
 * {@code org/openets/emissions/rules/<jurisdiction>.tsv}.
 *
 * <p>Reading is strict and reports every bad line at once: an unknown parameter name, a value of the wrong form, a
 * unit other than the one the parameter takes, an unknown confidence, or two rows of one parameter whose years
 * overlap. A question for a year the file does not cover is not an error here; the caller turns it into a
 * {@link ProblemCode#MISSING_PARAMETER} naming the parameter and the year.
 */
public final class Ruleset {
    static final String HEADER = "parameter\tqualifier\tvalue\tunit\tconfidence\tvalid_from\tvalid_to\tsource\tnote";
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,4}");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    private final Jurisdiction jurisdiction;
    private final String name;
    private final List<Parameter> parameters;
    /** The rows by parameter and qualifier, in file order: {@link #find} is asked several times per fuel-month. */
    private final Map<RuleParameter, Map<String, List<Parameter>>> index = new EnumMap<>(RuleParameter.class);

    private Ruleset(Jurisdiction jurisdiction, String name, List<Parameter> parameters) {
        this.jurisdiction = jurisdiction;
        this.name = name;
        this.parameters = List.copyOf(parameters);
        for (Parameter p : this.parameters)
            index.computeIfAbsent(p.name(), k -> new HashMap<>()).computeIfAbsent(p.qualifier(), k -> new ArrayList<>()).add(p);
    }

    public Jurisdiction jurisdiction() { return jurisdiction; }

    /** The file name the parameters came from, e.g. {@code CN.tsv}. */
    public String name() { return name; }

    public List<Parameter> parameters() { return parameters; }

    /** The ruleset shipped with the module for the jurisdiction. */
    public static Ruleset bundled(Jurisdiction jurisdiction) {
        String file = jurisdiction.code() + ".tsv";
        try (InputStream in = Ruleset.class.getResourceAsStream("rules/" + file)) {
            if (in == null) throw new IllegalArgumentException("no bundled ruleset for jurisdiction " + jurisdiction);
            return parse(jurisdiction, file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled ruleset " + file, e);
        }
    }

    /** Reads a ruleset file; throws {@link RulesetFormatException} listing every bad line. */
    public static Ruleset parse(Jurisdiction jurisdiction, String name, String text) {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        List<String> problems = new ArrayList<>();
        List<Parameter> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String at = name + ":" + (i + 1);
            if (line.isBlank() || line.startsWith("#")) continue;
            if (!header) {
                if (!line.equals(HEADER)) problems.add(at + ": the first line must be the header: " + HEADER.replace("\t", "<TAB>"));
                header = true;
                continue;
            }
            Parameter p = row(line, at, problems);
            if (p != null) rows.add(p);
        }
        if (!header) problems.add(name + ": empty ruleset (no header)");
        for (int i = 0; i < rows.size(); i++)
            for (int j = i + 1; j < rows.size(); j++) {
                Parameter a = rows.get(i), b = rows.get(j);
                if (a.key().equals(b.key()) && a.overlaps(b))
                    problems.add(b.origin() + ": " + b.key() + " overlaps the data years of " + a.origin());
            }
        checkCalorificUnits(rows, problems);
        if (!problems.isEmpty()) throw new RulesetFormatException(problems);
        return new Ruleset(jurisdiction, name, rows);
    }

    private static Parameter row(String line, String at, List<String> problems) {
        String[] c = line.split("\t", -1);
        if (c.length != 8 && c.length != 9) {
            problems.add(at + ": expected 9 tab-separated columns (note may be left off), found " + c.length);
            return null;
        }
        for (int k = 0; k < c.length; k++) c[k] = c[k].strip();
        int before = problems.size();
        Optional<RuleParameter> name = RuleParameter.byKey(c[0]);
        if (name.isEmpty()) {
            problems.add(at + ": unknown parameter '" + c[0] + "'");
            return null;
        }
        RuleParameter p = name.get();
        String qualifier = c[1], value = c[2], unit = c[3];
        switch (p.qualifier()) {
            case NONE -> { if (!qualifier.isEmpty()) problems.add(at + ": " + p.key() + " takes no qualifier"); }
            case FUEL, CODE -> { if (!CODE.matcher(qualifier).matches()) problems.add(at + ": " + p.key() + " needs a qualifier of A-Z 0-9 _"); }
            case PRODUCT -> {
                if (java.util.Arrays.stream(Product.values()).noneMatch(x -> x.name().equals(qualifier)))
                    problems.add(at + ": " + p.key() + " needs a product qualifier, one of " + java.util.Arrays.toString(Product.values()));
            }
        }
        switch (p.kind()) {
            case DECIMAL -> {
                if (!DECIMAL.matcher(value).matches()) problems.add(at + ": value '" + value + "' is not a plain decimal number");
                else if (new BigDecimal(value).signum() <= 0) problems.add(at + ": value must be positive");
                else if ("fraction".equals(p.unit()) && new BigDecimal(value).compareTo(BigDecimal.ONE) > 0)
                    problems.add(at + ": a fraction must not exceed 1");
            }
            case INTEGER -> { if (!INTEGER.matcher(value).matches()) problems.add(at + ": value '" + value + "' is not a whole number"); }
            case WORD -> { if (!p.words().contains(value)) problems.add(at + ": value '" + value + "' is not one of " + new TreeSet<>(p.words())); }
            case TEXT -> { if (value.isEmpty()) problems.add(at + ": value required"); }
            case DATE_RULE -> {
                var m = Parameter.DATE_RULE.matcher(value);
                if (!m.matches()) problems.add(at + ": value '" + value + "' is not a date rule like Y+1-03-31");
                else try {
                    MonthDay.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                } catch (RuntimeException e) {
                    problems.add(at + ": value '" + value + "' is not a valid month and day");
                }
            }
        }
        if (p.unit() != null && !p.unit().equals(unit)) problems.add(at + ": " + p.key() + " is in '" + p.unit() + "', not '" + unit + "'");
        if (p == RuleParameter.NCV_DEFAULT && !unit.startsWith("GJ/")) problems.add(at + ": a calorific value is in GJ per the fuel's quantity unit");
        Confidence confidence = null;
        try {
            confidence = Confidence.valueOf(c[4].replace("[", "").replace("]", ""));
        } catch (IllegalArgumentException e) {
            problems.add(at + ": confidence '" + c[4] + "' is not C, P or U");
        }
        Integer from = null, to = null;
        if (!YEAR.matcher(c[5]).matches()) problems.add(at + ": valid_from '" + c[5] + "' is not a year");
        else from = Integer.parseInt(c[5]);
        if (!c[6].isEmpty()) {
            if (!YEAR.matcher(c[6]).matches()) problems.add(at + ": valid_to '" + c[6] + "' is not a year (leave it empty for open-ended)");
            else to = Integer.parseInt(c[6]);
        }
        if (from != null && to != null && to < from) problems.add(at + ": valid_to " + to + " is before valid_from " + from);
        if (c[7].isEmpty()) problems.add(at + ": source required (say where the value comes from, or why it has none)");
        if (problems.size() > before) return null;
        return new Parameter(p, qualifier, value, unit, confidence, from, to, c[7], c.length > 8 ? c[8] : "", at);
    }

    /** A default calorific value must be in GJ per the unit its fuel is reported in, or the product FC x NCV is not heat. */
    private static void checkCalorificUnits(List<Parameter> rows, List<String> problems) {
        for (Parameter ncv : rows) {
            if (ncv.name() != RuleParameter.NCV_DEFAULT) continue;
            for (Parameter unit : rows)
                if (unit.name() == RuleParameter.FUEL_QUANTITY_UNIT && unit.qualifier().equals(ncv.qualifier()) && unit.overlaps(ncv)
                        && !ncv.unit().equals("GJ/" + unit.value()))
                    problems.add(ncv.origin() + ": " + ncv.key() + " is in " + ncv.unit() + " but the fuel is reported in '" + unit.value() + "' (" + unit.origin() + ")");
        }
    }

    /** The parameter's row for the data year, if the file has one. */
    public Optional<Parameter> find(RuleParameter p, String qualifier, int year) {
        Map<String, List<Parameter>> byQualifier = index.get(p);
        List<Parameter> rows = byQualifier == null ? null : byQualifier.get(qualifier == null ? "" : qualifier);
        if (rows != null) for (Parameter x : rows) if (x.appliesTo(year)) return Optional.of(x);
        return Optional.empty();
    }

    public Optional<Parameter> find(RuleParameter p, int year) { return find(p, "", year); }

    /** The problem to report when a needed parameter is missing: {@code missing parameter cc.default[COAL] for CN 2023}. */
    public Problem missing(RuleParameter p, String qualifier, int year, String neededFor) {
        return new Problem(ProblemCode.MISSING_PARAMETER, "ruleset " + jurisdiction + " (" + name + ")", p.key(qualifier),
                "missing parameter " + p.key(qualifier) + " for " + jurisdiction + " " + year + (neededFor == null ? "" : ", needed for " + neededFor));
    }

    /** The qualifiers a parameter has rows for in the year, e.g. the fuels known in 2022. */
    public SortedSet<String> qualifiers(RuleParameter p, int year) {
        SortedSet<String> out = new TreeSet<>();
        for (Parameter x : parameters) if (x.name() == p && x.appliesTo(year)) out.add(x.qualifier());
        return out;
    }

    /** The fuels known in the year: those with a quantity unit. */
    public SortedSet<FuelType> fuels(int year) {
        SortedSet<FuelType> out = new TreeSet<>(Comparator.naturalOrder());
        for (String q : qualifiers(RuleParameter.FUEL_QUANTITY_UNIT, year)) out.add(FuelType.of(q));
        return out;
    }

    @Override public String toString() { return "ruleset " + jurisdiction + " (" + name + ", " + parameters.size() + " parameters)"; }
}
