package org.openets.allocation;

import org.openets.kernel.Jurisdiction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An allocation ruleset: a plan of one jurisdiction for a range of years, every parameter a versioned row
 * {value, unit, confidence, source, valid from}. Read from a tab-separated file
 * ({@code docs/reference/allocation-rulesets.md} describes the format); the bundled ones live under
 * {@code org/openets/allocation/rulesets/}.
 *
 * <p>Reading is strict and lists every bad line at once: an unknown parameter, a value of the wrong form, a unit the
 * parameter does not take, UNKNOWN with a confidence other than U, a duplicate row, a category missing a parameter its
 * method or factors need (named with the category's line), a local adjustment above 1.
 */
public final class Ruleset {
    static final String HEADER = "parameter\tqualifier\tvalue\tunit\tconfidence\tvalid_from\tsource\tnote";
    private static final Pattern CODE = Pattern.compile("[A-Z*][A-Z0-9_]{0,39}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,12}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,12})?");
    private static final Pattern YEARS = Pattern.compile("([0-9]{4})(?:-([0-9]{4}))?");
    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9-]{1,63}");
    /** The bundled rulesets, in the order the UI lists them. */
    public static final List<String> BUNDLED = List.of("CN-POWER-2017-DRAFT", "CN-POWER-2019-2020", "CN-POWER-2021-2022",
            "CN-POWER-2023-2024", "CN-INDUSTRY-2017-DRAFT", "CN-INDUSTRY-2024-2025", "GD-2016");

    private final String id;
    private final String title;
    private final Jurisdiction jurisdiction;
    private final int fromYear;
    private final int toYear;
    private final boolean draft;
    private final String name;
    private final List<Param> params;
    private final Map<String, List<Param>> byKey = new HashMap<>();
    private final Map<String, List<Category>> categories;
    private final String text;

    private Ruleset(String id, String title, Jurisdiction jurisdiction, int fromYear, int toYear, boolean draft, String name,
                    List<Param> params, Map<String, List<Category>> categories, String text) {
        this.id = id;
        this.title = title;
        this.jurisdiction = jurisdiction;
        this.fromYear = fromYear;
        this.toYear = toYear;
        this.draft = draft;
        this.name = name;
        this.params = List.copyOf(params);
        for (Param p : this.params) byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
        for (List<Param> rows : byKey.values()) rows.sort((a, b) -> Integer.compare(a.validFrom(), b.validFrom()));
        this.categories = Collections.unmodifiableMap(categories);
        this.text = text;
    }

    public String id() { return id; }

    public String title() { return title; }

    public Jurisdiction jurisdiction() { return jurisdiction; }

    public int fromYear() { return fromYear; }

    public int toYear() { return toYear; }

    /** A consultation or discussion draft rather than a plan in force. */
    public boolean draft() { return draft; }

    /** The file the ruleset was read from. */
    public String name() { return name; }

    public List<Param> params() { return params; }

    /** The category codes in file order. */
    public List<String> categoryCodes() { return List.copyOf(categories.keySet()); }

    /** The category as declared for the year (a category may change method from one year to the next). */
    public Optional<Category> category(String code, int year) {
        List<Category> versions = categories.get(code);
        if (versions == null) return Optional.empty();
        Category found = null;
        for (Category c : versions) if (c.validFrom() <= year) found = c;
        return Optional.ofNullable(found);
    }

    /**
     * The category a unit falls in by its fuel and capacity, from the {@code category.match} rows valid for the year
     * (first match in file order): a row reads {@code COAL >300}, {@code COAL >=600 <1000}, {@code GAS} — a fuel code,
     * then optional capacity bounds in MW.
     */
    public Optional<Param> matchCategory(String fuel, BigDecimal capacityMw, int year) {
        for (String code : categories.keySet()) {
            Optional<Param> m = find(ParamName.CATEGORY_MATCH, code, year);
            if (m.isPresent() && matches(m.get().value(), fuel, capacityMw)) return m;
        }
        return Optional.empty();
    }

    static boolean matches(String rule, String fuel, BigDecimal capacity) {
        String[] parts = rule.trim().split("\\s+");
        if (!parts[0].equals(fuel)) return false;
        for (int i = 1; i < parts.length; i++) {
            var m = BOUND.matcher(parts[i]);
            if (!m.matches()) return false;
            if (capacity == null) return false;
            int c = capacity.compareTo(new BigDecimal(m.group(2)));
            boolean ok = switch (m.group(1)) {
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                default -> c <= 0;
            };
            if (!ok) return false;
        }
        return true;
    }

    private static final Pattern BOUND = Pattern.compile("(>=|<=|>|<)([0-9]{1,6}(?:\\.[0-9]{1,3})?)");
    private static final Pattern MATCH = Pattern.compile("[A-Z][A-Z0-9_]{0,39}(\\s+(>=|<=|>|<)[0-9]{1,6}(\\.[0-9]{1,3})?){0,2}");

    /** Every version of every category, in file order. */
    public List<Category> categoryVersions() { return categories.values().stream().flatMap(List::stream).toList(); }

    /** The file's text exactly as read: what a stored run keeps so it can be replayed. */
    public String text() { return text; }

    public boolean covers(int year) { return fromYear <= year && year <= toYear; }

    /** The rows shipped as UNKNOWN or marked U. */
    public List<Param> unconfirmed() { return params.stream().filter(p -> p.isUnconfirmed() || p.isUnknown()).toList(); }

    /** The row of the parameter valid for the year: the latest {@code valid_from} not after it. */
    public Optional<Param> find(ParamName name, String qualifier, int year) {
        List<Param> rows = byKey.get(name.key(qualifier));
        if (rows == null) return Optional.empty();
        Param found = null;
        for (Param p : rows) if (p.validFrom() <= year) found = p;
        return Optional.ofNullable(found);
    }

    /** As {@link #find} but falling back to the {@code *} qualifier. */
    public Optional<Param> findOrDefault(ParamName name, String qualifier, int year) {
        Optional<Param> p = find(name, qualifier, year);
        return p.isPresent() ? p : find(name, "*", year);
    }

    /** Every row of a parameter across qualifiers, valid for the year (e.g. the co-processing bands). */
    public List<Param> all(ParamName name, int year) {
        Map<String, Param> latest = new LinkedHashMap<>();
        for (Param p : params) if (p.name() == name && p.validFrom() <= year) {
            Param cur = latest.get(p.qualifier());
            if (cur == null || cur.validFrom() <= p.validFrom()) latest.put(p.qualifier(), p);
        }
        return List.copyOf(latest.values());
    }

    public RoundingPoint roundingPoint(int year) {
        return RoundingPoint.valueOf(find(ParamName.ROUNDING_POINT, "", year).orElseThrow().value());
    }

    public RoundingMode roundingMode(int year) {
        return RoundingMode.valueOf(find(ParamName.ROUNDING_MODE, "", year).orElseThrow().value());
    }

    /** A bundled ruleset by id. */
    public static Ruleset bundled(String id) {
        String file = id + ".tsv";
        try (InputStream in = Ruleset.class.getResourceAsStream("rulesets/" + file)) {
            if (in == null) throw new IllegalArgumentException("no bundled ruleset " + id);
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled ruleset " + file, e);
        }
    }

    /** Reads a ruleset file; throws {@link RulesetFormatException} listing every bad line. */
    public static Ruleset parse(String name, String text) {
        Objects.requireNonNull(text, "text");
        List<String> problems = new ArrayList<>();
        Map<String, String> meta = new LinkedHashMap<>();
        List<Param> rows = new ArrayList<>();
        Map<String, Integer> metaLines = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        boolean header = false;
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int no = i + 1;
            if (line.isBlank() || line.startsWith("#")) continue;
            if (line.startsWith("@")) {
                String[] kv = line.substring(1).split("\t", 2);
                if (kv.length != 2 || kv[1].isBlank()) problems.add("line " + no + ": a header line is @name<TAB>value");
                else if (!Set.of("id", "title", "jurisdiction", "years", "status").contains(kv[0])) problems.add("line " + no + ": unknown header @" + kv[0]);
                else { meta.put(kv[0], kv[1].trim()); metaLines.put(kv[0], no); }
                continue;
            }
            if (!header) {
                if (!line.equals(HEADER)) { problems.add("line " + no + ": expected the column header: " + HEADER.replace('\t', ' ')); break; }
                header = true;
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 8) { problems.add("line " + no + ": expected 8 tab-separated fields, found " + f.length); continue; }
            Optional<ParamName> pn = ParamName.byKey(f[0]);
            if (pn.isEmpty()) { problems.add("line " + no + ": unknown parameter " + f[0]); continue; }
            ParamName p = pn.get();
            String qualifier = f[1].trim(), value = f[2].trim(), unit = f[3].trim();
            String where = "line " + no + ": " + p.key(qualifier) + ": ";
            switch (p.qualifier()) {
                case NONE -> { if (!qualifier.isEmpty()) problems.add(where + "takes no qualifier"); }
                case CATEGORY, CODE -> { if (!CODE.matcher(qualifier).matches()) problems.add(where + "the qualifier must be a code like COAL_300_PLUS"); }
                case NUMBER -> { if (!NUMBER.matcher(qualifier).matches()) problems.add(where + "the qualifier must be a whole number"); }
            }
            Confidence confidence;
            try { confidence = Confidence.valueOf(f[4].trim()); } catch (IllegalArgumentException e) { problems.add(where + "confidence must be C, P or U"); continue; }
            if (!p.units().contains(unit)) problems.add(where + "unit must be one of " + new TreeSet<>(p.units()) + ", not " + unit);
            if (Param.UNKNOWN.equals(value)) {
                if (p.kind() != ParamName.Kind.DECIMAL) problems.add(where + "only a number may be shipped as UNKNOWN");
                else if (confidence != Confidence.U) problems.add(where + "a value shipped as UNKNOWN must have confidence U");
            } else switch (p.kind()) {
                case DECIMAL -> { if (!DECIMAL.matcher(value).matches()) problems.add(where + "value must be a non-negative decimal or UNKNOWN, not " + value); }
                case WORD -> { if (!CODE.matcher(value).matches()) problems.add(where + "value must be a code, not " + value); }
                case LIST -> { if (!value.equals("-") && !value.matches("[A-Z_]+(,[A-Z_]+)*")) problems.add(where + "value must be a comma-separated list of codes or -"); }
                case TEXT -> { if (value.isEmpty()) problems.add(where + "value must not be empty"); }
            }
            int validFrom;
            try { validFrom = Integer.parseInt(f[5].trim()); } catch (NumberFormatException e) { problems.add(where + "valid_from must be a year"); continue; }
            if (validFrom < 1990 || validFrom > 2100) { problems.add(where + "valid_from must be a year"); continue; }
            if (f[6].isBlank()) problems.add(where + "every row needs a source");
            if (!seen.add(p.key(qualifier) + "@" + validFrom)) problems.add(where + "a second row valid from " + validFrom);
            rows.add(new Param(p, qualifier, value, unit, confidence, validFrom, f[6].trim(), f[7].trim(), name + ":" + no));
        }
        if (!header && problems.isEmpty()) problems.add("no column header: " + HEADER.replace('\t', ' '));
        for (String k : List.of("id", "title", "jurisdiction", "years"))
            if (!meta.containsKey(k)) problems.add("missing header line @" + k);
        String id = meta.get("id");
        if (id != null && !ID.matcher(id).matches()) problems.add("line " + metaLines.get("id") + ": @id must be upper-case letters, digits and dashes");
        Jurisdiction jurisdiction = null;
        if (meta.containsKey("jurisdiction")) {
            try { jurisdiction = Jurisdiction.of(meta.get("jurisdiction")); } catch (IllegalArgumentException e) { problems.add("line " + metaLines.get("jurisdiction") + ": " + e.getMessage()); }
        }
        int from = 0, to = 0;
        if (meta.containsKey("years")) {
            var m = YEARS.matcher(meta.get("years"));
            if (!m.matches()) problems.add("line " + metaLines.get("years") + ": @years is YYYY or YYYY-YYYY");
            else { from = Integer.parseInt(m.group(1)); to = m.group(2) == null ? from : Integer.parseInt(m.group(2)); if (to < from) problems.add("line " + metaLines.get("years") + ": @years ends before it starts"); }
        }
        String status = meta.getOrDefault("status", "FINAL");
        if (!status.equals("FINAL") && !status.equals("DRAFT")) problems.add("line " + metaLines.get("status") + ": @status is FINAL or DRAFT");
        if (!problems.isEmpty()) throw new RulesetFormatException(name, problems);
        Map<String, List<Category>> categories = categories(name, rows, from, to, problems);
        if (!problems.isEmpty()) throw new RulesetFormatException(name, problems);
        return new Ruleset(id, meta.get("title"), jurisdiction, from, to, status.equals("DRAFT"), name, rows, categories, text);
    }

    private static Map<String, List<Category>> categories(String name, List<Param> rows, int from, int to, List<String> problems) {
        Map<String, java.util.TreeSet<Integer>> versionYears = new LinkedHashMap<>();
        Map<ParamName, Set<String>> present = new HashMap<>();
        for (Param p : rows) {
            present.computeIfAbsent(p.name(), k -> new LinkedHashSet<>()).add(p.qualifier());
            if (p.name().key().startsWith("category.")) versionYears.computeIfAbsent(p.qualifier(), k -> new java.util.TreeSet<>()).add(Math.max(from, p.validFrom()));
            if (p.name() == ParamName.LOCAL_ADJUSTMENT && p.decimal() != null && p.decimal().compareTo(BigDecimal.ONE) > 0)
                problems.add(line(p) + ": " + p.key() + ": a local adjustment may only tighten (≤ 1), not " + p.value());
            if ((p.name() == ParamName.FREE_SHARE || p.name() == ParamName.PRE_ALLOCATION_SHARE) && p.decimal() != null && p.decimal().compareTo(BigDecimal.ONE) > 0)
                problems.add(line(p) + ": " + p.key() + ": a share is at most 1, not " + p.value());
        }
        for (ParamName global : List.of(ParamName.ROUNDING_POINT, ParamName.ROUNDING_MODE))
            if (!present.containsKey(global)) problems.add("missing parameter " + global.key());
            else if (latest(rows, global, "", from) == null) problems.add("parameter " + global.key() + " has no row valid from " + from + ", the first year of @years");
        for (Param p : rows) {
            if ((p.name() == ParamName.LOAD_POWER_OFFSET || p.name() == ParamName.LOAD_POWER_SLOPE) && p.decimal() != null && p.decimal().compareTo(BigDecimal.valueOf(100)) > 0)
                problems.add(line(p) + ": " + p.key() + ": at most 100, not " + p.value());
            if (p.name() == ParamName.FREE_SHARE && p.isUnknown())
                problems.add(line(p) + ": " + p.key() + ": the free share decides what the registry issues; it cannot be UNKNOWN");
        }
        for (Param p : rows) {
            try {
                switch (p.name()) {
                    case ROUNDING_POINT -> RoundingPoint.valueOf(p.value());
                    case ROUNDING_MODE -> { if (RoundingMode.valueOf(p.value()) == RoundingMode.UNNECESSARY) throw new IllegalArgumentException(); }
                    case LOAD_SCOPE -> { if (!Set.of("PURE_CONDENSING", "ALL").contains(p.value())) throw new IllegalArgumentException(); }
                    case GAS_RELIEF -> { if (!Set.of("YES", "NO").contains(p.value())) throw new IllegalArgumentException(); }
                    case PRE_ALLOCATION_BASIS -> PreAllocationBasis.valueOf(p.value());
                    case CATEGORY_METHOD -> Method.valueOf(p.value());
                    case CATEGORY_BASIS -> OutputBasis.valueOf(p.value());
                    case CATEGORY_HEAT -> HeatMethod.valueOf(p.value());
                    case CATEGORY_FACTORS -> { if (!p.value().equals("-")) for (String f : p.value().split(",")) Factor.valueOf(f); }
                    case CATEGORY_MATCH -> { if (!MATCH.matcher(p.value()).matches()) throw new IllegalArgumentException(); }
                    default -> { }
                }
            } catch (IllegalArgumentException e) {
                problems.add(line(p) + ": " + p.key() + ": " + p.value() + " is not an allowed value");
            }
        }
        if (!problems.isEmpty()) return Map.of();
        Map<String, List<Category>> out = new LinkedHashMap<>();
        for (var e : versionYears.entrySet()) {
            String code = e.getKey();
            for (int year : e.getValue()) {
                Category c = category(code, year, rows, from, problems);
                if (c != null) out.computeIfAbsent(code, k -> new ArrayList<>()).add(c);
            }
        }
        if (out.isEmpty() && problems.isEmpty()) problems.add("the ruleset declares no category (category.method rows)");
        return out;
    }

    private static Param latest(List<Param> rows, ParamName n, String q, int year) {
        Param found = null;
        for (Param p : rows) if (p.name() == n && p.qualifier().equals(q) && p.validFrom() <= year && (found == null || found.validFrom() <= p.validFrom())) found = p;
        return found;
    }

    private static Category category(String code, int year, List<Param> rows, int from, List<String> problems) {
        Param methodRow = latest(rows, ParamName.CATEGORY_METHOD, code, year);
        Param any = null;
        for (Param p : rows) if (p.name().key().startsWith("category.") && p.qualifier().equals(code)) { any = p; break; }
        String at = methodRow != null ? line(methodRow) : line(any);
        String where = at + ": category " + code + " (" + year + "): ";
        if (methodRow == null) { problems.add(where + "missing parameter category.method[" + code + "]"); return null; }
        Param sectorRow = latest(rows, ParamName.CATEGORY_SECTOR, code, year);
        if (sectorRow == null) { problems.add(where + "missing parameter category.sector[" + code + "]"); return null; }
        Method method = Method.valueOf(methodRow.value());
        Param basisRow = latest(rows, ParamName.CATEGORY_BASIS, code, year);
        OutputBasis basis = basisRow == null ? null : OutputBasis.valueOf(basisRow.value());
        if (basis == null && (method == Method.BENCHMARK || method == Method.HISTORICAL_INTENSITY)) {
            problems.add(where + "missing parameter category.basis[" + code + "]"); return null;
        }
        Param heatRow = latest(rows, ParamName.CATEGORY_HEAT, code, year);
        HeatMethod heat = heatRow == null ? HeatMethod.NONE : HeatMethod.valueOf(heatRow.value());
        List<Factor> factors = new ArrayList<>();
        Param factorRow = latest(rows, ParamName.CATEGORY_FACTORS, code, year);
        if (factorRow != null && !factorRow.value().equals("-")) for (String f : factorRow.value().split(",")) factors.add(Factor.valueOf(f));
        String sector = sectorRow.value();
        List<ParamName> needs = new ArrayList<>();
        List<String> quals = new ArrayList<>();
        switch (method) {
            case BENCHMARK -> { needs.add(ParamName.BENCHMARK); quals.add(code); }
            case HISTORICAL_EMISSIONS -> { needs.add(ParamName.HISTORICAL_DECLINE); quals.add(code); needs.add(ParamName.HISTORICAL_BASE_YEARS); quals.add(""); }
            case HISTORICAL_INTENSITY -> { needs.add(ParamName.INTENSITY_DECLINE); quals.add(code); }
            case VERIFIED_EMISSIONS -> { }
        }
        if (heat == HeatMethod.HEAT_BENCHMARK) { needs.add(ParamName.HEAT_BENCHMARK); quals.add(code); }
        if (heat == HeatMethod.HEAT_AS_GENERATION) { needs.add(ParamName.HEAT_TO_GENERATION); quals.add(""); }
        for (Factor f : factors) switch (f) {
            case COOLING -> { needs.add(ParamName.COOLING_FACTOR); quals.add(null); }
            case HEAT_RATIO -> { needs.add(ParamName.HEAT_RATIO_COEFFICIENT); quals.add(code); }
            case LOAD -> {
                for (ParamName l : LOAD_PARAMS) { needs.add(l); quals.add(""); }
            }
            case FUEL_HEAT_VALUE -> { needs.add(ParamName.FUEL_HEAT_VALUE_FACTOR); quals.add(code); }
            case CO_PROCESSING -> { needs.add(ParamName.CO_PROCESSING_BONUS); quals.add(null); }
            case LOCAL_ADJUSTMENT -> { needs.add(ParamName.LOCAL_ADJUSTMENT); quals.add(null); }
        }
        needs.add(ParamName.FREE_SHARE); quals.add(sector);
        needs.add(ParamName.PRE_ALLOCATION_SHARE); quals.add(sector);
        needs.add(ParamName.PRE_ALLOCATION_BASIS); quals.add(sector);
        boolean ok = true;
        for (int i = 0; i < needs.size(); i++) {
            ParamName n = needs.get(i);
            String q = quals.get(i);
            boolean found = false;
            for (Param p : rows) if (p.name() == n && (q == null || p.qualifier().equals(q)) && p.validFrom() <= year) { found = true; break; }
            if (!found) { problems.add(where + "missing parameter " + (q == null ? n.key() + "[...]" : n.key(q)) + " valid in " + year); ok = false; }
        }
        if (!ok) return null;
        Param label = latest(rows, ParamName.CATEGORY_LABEL, code, year);
        return new Category(code, label == null ? "" : label.value(), sector, method, basis, heat, factors, year, methodRow.origin());
    }

    static final List<ParamName> LOAD_PARAMS = List.of(ParamName.LOAD_SCOPE, ParamName.LOAD_FULL, ParamName.LOAD_MID, ParamName.LOAD_LOW,
            ParamName.LOAD_SLOPE_HIGH, ParamName.LOAD_BASE_MID, ParamName.LOAD_SLOPE_MID, ParamName.LOAD_POWER_BASE, ParamName.LOAD_POWER_OFFSET,
            ParamName.LOAD_POWER_SLOPE);

    private static String line(Param p) {
        int colon = p.origin().lastIndexOf(':');
        return "line " + p.origin().substring(colon + 1);
    }

    @Override public String toString() { return id + " (" + name + ")"; }
}
