package org.openets.cli.emissions;

import org.openets.emissions.Cooling;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EntityId;
import org.openets.emissions.Facility;
import org.openets.emissions.FacilityId;
import org.openets.emissions.Installation;
import org.openets.emissions.InstallationId;
import org.openets.emissions.InstallationKind;
import org.openets.emissions.InstallationSpec;
import org.openets.emissions.InstallationVersion;
import org.openets.emissions.PressureClass;
import org.openets.emissions.RawRow;
import org.openets.emissions.ReportReader;
import org.openets.emissions.UnitCategory;
import org.openets.kernel.Jurisdiction;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The input file of {@code openets emissions compute}: one UTF-8 text file of CSV sections ({@code [entities]},
 * {@code [installations]}, {@code [fuels]}, {@code [activity]}, {@code [outputs]}), each a header row and data rows.
 * The sheet sections carry the columns {@link ReportReader} reads, plus {@code entity} and {@code year}: the rows of
 * one entity and year make one annual report. docs/reference/cli.md describes the format.
 *
 * <p>Reading is the first pass: it checks the file's structure and the facility definitions, builds each
 * {@link CoveredEntity}, and groups the sheet rows by report, keeping each row as its line of text (cheap to hold for
 * hundreds of thousands of rows). The cells of a report's rows are split again when that report is read
 * ({@link #rows}), which the command does in parallel.
 */
public final class EmissionsFile {
    static final String ENTITIES = "entities", INSTALLATIONS = "installations";
    static final List<String> ENTITY_COLUMNS = List.of("entity", "name");
    static final List<String> INSTALLATION_COLUMNS = List.of("entity", "facility", "facility_name", "installation", "kind", "valid_from", "reason",
            "category", "capacity", "pressure", "cooling", "heat_supply", "commissioned", "closed", "province", "city");
    static final Set<String> INSTALLATION_REQUIRED = Set.of("entity", "facility", "installation", "kind", "valid_from", "capacity", "commissioned",
            "province", "city");
    static final Set<String> UNIT_ONLY = Set.of("category", "pressure", "cooling", "heat_supply");
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    /** A section's header row: the column names, where entity and year are, and which columns go to the domain. */
    static final class Header {
        final String section;
        final int line;
        final String[] names;
        final Map<String, Integer> index = new HashMap<>();
        final boolean[] pass;
        final boolean sheet;
        int entity = -1, year = -1;

        Header(String section, int line, String[] names) {
            this.section = section;
            this.sheet = !section.equals(ENTITIES) && !section.equals(INSTALLATIONS);
            this.line = line;
            this.names = names;
            this.pass = new boolean[names.length];
        }

        String cell(String[] cells, String column) {
            Integer i = index.get(column);
            if (i == null) return null;
            String v = cells[i].strip();
            return v.isEmpty() ? null : v;
        }
    }

    /** One sheet row, kept as where its text is in the file. */
    record Line(int number, int start, int end, Header header) {}

    /** The rows of one entity's annual report, by sheet, in file order. */
    public static final class Report {
        final String entity;
        final int year;
        final int firstLine;
        final List<Line> fuels = new ArrayList<>(), activity = new ArrayList<>(), outputs = new ArrayList<>();

        Report(String entity, int year, int firstLine) {
            this.entity = entity;
            this.year = year;
            this.firstLine = firstLine;
        }

        public String entity() { return entity; }

        public int year() { return year; }

        int rows() { return fuels.size() + activity.size() + outputs.size(); }
    }

    /** One row of the installations section, already checked: a version of an installation. */
    private record VersionRow(int line, String entity, String facility, String facilityName, String installation, LocalDate validFrom,
                              InstallationSpec spec, String reason) {}

    private final String name;
    private final Jurisdiction jurisdiction;
    private record Found(int line, String message) {}

    private final List<Found> problems = new ArrayList<>();
    private final Map<String, String> entityNames = new LinkedHashMap<>();
    private final Map<String, Integer> entityLines = new HashMap<>();
    private final List<VersionRow> versions = new ArrayList<>();
    private final Map<String, TreeMap<Integer, Report>> byEntity = new LinkedHashMap<>();
    private final Map<String, CoveredEntity> entities = new LinkedHashMap<>();
    private final List<Report> reports = new ArrayList<>();
    private int lines;
    /** The whole file: sheet rows are kept as offsets into it. */
    private String text = "";

    private EmissionsFile(String name, Jurisdiction jurisdiction) {
        this.name = name;
        this.jurisdiction = jurisdiction;
    }

    /**
     * Reads the file. Structural problems (an unknown section or column, a row with the wrong number of cells, a
     * bad facility definition, rows of an entity not defined) are collected, not thrown: see {@link #problems()}.
     *
     * @param name how problems name the file
     * @throws IOException when the file cannot be read
     */
    public static EmissionsFile read(InputStream in, String name, Jurisdiction jurisdiction) throws IOException {
        EmissionsFile f = new EmissionsFile(name, jurisdiction);
        byte[] bytes = in.readAllBytes();
        try {
            f.text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            String prefix = new String(bytes, StandardCharsets.UTF_8);
            for (int i = 0; i < prefix.length() && prefix.charAt(i) != '\uFFFD'; i++) if (prefix.charAt(i) == '\n') line++;
            f.problem(line, "line " + line + ": the file is not UTF-8 text");
            return f;
        }
        f.parse();
        f.buildEntities();
        f.collectReports();
        return f;
    }

    public String name() { return name; }

    /** Every structural problem, each naming the file, section, row (the line number) and field. */
    public List<String> problems() {
        return problems.stream().sorted(Comparator.comparingInt(Found::line)).map(Found::message).toList();
    }

    /** The entities defined, in file order. */
    public Map<String, CoveredEntity> entities() { return entities; }

    public String entityName(String entity) { return entityNames.get(entity); }

    /** The reports found: entities in the order of the entities section, then years ascending. */
    public List<Report> reports() { return reports; }

    public int lines() { return lines; }

    // ------------------------------------------------------------------------------------------ first pass

    private void parse() {
        String section = null;
        Header header = null;
        boolean skip = false;
        String all = this.text;
        int pos = !all.isEmpty() && all.charAt(0) == '\uFEFF' ? 1 : 0;
        while (pos < all.length()) {
            int n = ++lines;
            int nl = all.indexOf('\n', pos);
            int start = pos, end = nl < 0 ? all.length() : nl;
            pos = end + 1;
            if (end > start && all.charAt(end - 1) == '\r') end--;
            if (header != null && header.sheet && end > start && all.charAt(start) != '#' && all.charAt(start) != '[') {
                // the common case, a sheet row: counted and keyed without splitting it or copying it
                int count = 1, quote = -1;
                for (int i = start; i < end; i++) {
                    char c = all.charAt(i);
                    if (c == ',') count++;
                    else if (c == '"') { quote = i; break; }
                }
                if (quote < 0 && !all.substring(start, end).isBlank()) {
                    if (count != header.names.length) {
                        problem(n, section + " row " + n + ": " + count + " cells, but the header (line " + header.line + ") has " + header.names.length);
                        continue;
                    }
                    sheetRow(n, start, end, header, cellAt(all, start, end, header.entity).strip(), cellAt(all, start, end, header.year).strip());
                    continue;
                }
            }
            String text = all.substring(start, end);
            String t = text.strip();
            if (t.isEmpty() || t.charAt(0) == '#') continue;
            if (t.charAt(0) == '[') {
                String s = t.endsWith("]") ? t.substring(1, t.length() - 1).strip() : t;
                header = null;
                if (Set.of(ENTITIES, INSTALLATIONS).contains(s) || ReportReader.columns().containsKey(s)) {
                    section = s;
                    skip = false;
                } else {
                    problem(n, "unknown section " + t + " (sections: [entities], [installations], [fuels], [activity], [outputs])");
                    section = null;
                    skip = true;
                }
                continue;
            }
            if (skip) continue;
            if (section == null) {
                problem(n, "data before the first section header (start with a line like [entities])");
                skip = true;
                continue;
            }
            String[] cells;
            try {
                cells = Csv.split(text);
            } catch (Csv.BadLine e) {
                problem(n, section + (header == null ? " header" : " row " + n) + ": " + e.getMessage());
                if (header == null) skip = true;
                continue;
            }
            if (header == null) {
                header = header(section, n, cells);
                if (header == null) skip = true;
                continue;
            }
            if (cells.length != header.names.length) {
                problem(n, section + " row " + n + ": " + cells.length + " cells, but the header (line " + header.line + ") has " + header.names.length);
                continue;
            }
            switch (section) {
                case ENTITIES -> entityRow(n, header, cells);
                case INSTALLATIONS -> installationRow(n, header, cells);
                default -> sheetRow(n, start, end, header, cells[header.entity].strip(), cells[header.year].strip());
            }
        }
    }

    private Header header(String section, int line, String[] cells) {
        String[] names = new String[cells.length];
        for (int i = 0; i < cells.length; i++) names[i] = cells[i].strip();
        Header h = new Header(section, line, names);
        List<String> known = switch (section) {
            case ENTITIES -> ENTITY_COLUMNS;
            case INSTALLATIONS -> INSTALLATION_COLUMNS;
            default -> {
                List<String> k = new ArrayList<>(List.of("entity", "year"));
                k.addAll(ReportReader.columns().get(section).stream().sorted().toList());
                yield k;
            }
        };
        boolean ok = true;
        for (int i = 0; i < names.length; i++) {
            String c = names[i];
            if (h.index.putIfAbsent(c, i) != null) {
                problem(line, section + " header (line " + line + "): column '" + c + "' appears twice (field " + c + ")");
                ok = false;
            } else if (!known.contains(c)) {
                problem(line, section + " header (line " + line + "): unknown column '" + c + "' (the " + section + " section has " + known + ") (field " + c + ")");
            } else h.pass[i] = !c.equals("entity") && !c.equals("year");
        }
        Set<String> required = switch (section) {
            case ENTITIES -> Set.copyOf(ENTITY_COLUMNS);
            case INSTALLATIONS -> INSTALLATION_REQUIRED;
            default -> Set.of("entity", "year");
        };
        for (String c : required.stream().sorted().toList())
            if (!h.index.containsKey(c)) {
                problem(line, section + " header (line " + line + "): column '" + c + "' is required (field " + c + ")");
                ok = false;
            }
        h.entity = h.index.getOrDefault("entity", -1);
        h.year = h.index.getOrDefault("year", -1);
        return ok ? h : null;
    }

    private void entityRow(int n, Header h, String[] cells) {
        String id = h.cell(cells, "entity"), entityName = h.cell(cells, "name");
        String where = "entities row " + n + (id == null ? "" : ", entity " + id);
        if (id == null) problem(n, where + ": entity is required (field entity)");
        else if (!validId(id)) problem(n, where + ": entity id must be 1-40 characters of A-Z a-z 0-9 . _ - (field entity)");
        if (entityName == null) problem(n, where + ": name is required (field name)");
        if (id == null || entityName == null || !validId(id)) return;
        Integer first = entityLines.putIfAbsent(id, n);
        if (first != null) problem(n, where + ": entity defined twice (first in line " + first + ")");
        else entityNames.put(id, entityName);
    }

    private void installationRow(int n, Header h, String[] cells) {
        List<String> bad = new ArrayList<>();
        String entity = h.cell(cells, "entity"), facility = h.cell(cells, "facility"), inst = h.cell(cells, "installation");
        String where = "installations row " + n + (entity == null ? "" : ", entity " + entity) + (inst == null ? "" : ", installation " + inst);
        for (String c : INSTALLATION_REQUIRED) if (h.cell(cells, c) == null) bad.add(c + " is required (field " + c + ")");
        for (String[] id : new String[][]{{"entity", entity}, {"facility", facility}, {"installation", inst}})
            if (id[1] != null && !validId(id[1])) bad.add(id[0] + " id must be 1-40 characters of A-Z a-z 0-9 . _ - (field " + id[0] + ")");
        InstallationKind kind = enumCell(h, cells, "kind", InstallationKind.class, bad);
        LocalDate validFrom = date(h, cells, "valid_from", bad), commissioned = date(h, cells, "commissioned", bad), closed = date(h, cells, "closed", bad);
        BigDecimal capacity = null;
        String cap = h.cell(cells, "capacity");
        if (cap != null) {
            if (!NUMBER.matcher(cap).matches()) bad.add("capacity: '" + cap + "' is not a number (plain decimal, e.g. 600) (field capacity)");
            else if ((capacity = new BigDecimal(cap)).signum() <= 0) bad.add("capacity must be above zero (field capacity)");
        }
        InstallationSpec spec = null;
        if (kind == InstallationKind.GENERATING_UNIT) {
            UnitCategory category = requiredEnum(h, cells, "category", UnitCategory.class, bad);
            PressureClass pressure = requiredEnum(h, cells, "pressure", PressureClass.class, bad);
            Cooling cooling = requiredEnum(h, cells, "cooling", Cooling.class, bad);
            Boolean heat = null;
            String hs = h.cell(cells, "heat_supply");
            if (hs == null) bad.add("heat_supply is required for a generating unit (yes or no) (field heat_supply)");
            else if (hs.equalsIgnoreCase("yes") || hs.equalsIgnoreCase("true")) heat = true;
            else if (hs.equalsIgnoreCase("no") || hs.equalsIgnoreCase("false")) heat = false;
            else bad.add("heat_supply: '" + hs + "' is not yes or no (field heat_supply)");
            Boolean heatSupply = heat;
            BigDecimal mw = capacity;
            if (bad.isEmpty()) spec = spec(() -> new InstallationSpec.GeneratingUnit(category, mw, pressure, cooling, heatSupply, commissioned, closed,
                    h.cell(cells, "province"), h.cell(cells, "city")), bad);
        } else if (kind != null) {
            for (String c : UNIT_ONLY.stream().sorted().toList())
                if (h.cell(cells, c) != null) bad.add(c + " is for generating units only; leave it empty for a " + kind + " (field " + c + ")");
            BigDecimal c = capacity;
            if (bad.isEmpty()) spec = spec(() -> kind == InstallationKind.CLINKER_LINE
                    ? new InstallationSpec.ClinkerLine(c, commissioned, closed, h.cell(cells, "province"), h.cell(cells, "city"))
                    : new InstallationSpec.AluminiumSmelter(c, commissioned, closed, h.cell(cells, "province"), h.cell(cells, "city")), bad);
        }
        for (String b : bad) problem(n, where + ": " + b);
        if (!bad.isEmpty()) return;
        String facilityName = h.cell(cells, "facility_name");
        versions.add(new VersionRow(n, entity, facility, facilityName == null ? facility : facilityName, inst, validFrom, spec, h.cell(cells, "reason")));
    }

    private static InstallationSpec spec(java.util.function.Supplier<InstallationSpec> make, List<String> bad) {
        try {
            return make.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            bad.add(e.getMessage());
            return null;
        }
    }

    private static <E extends Enum<E>> E requiredEnum(Header h, String[] cells, String column, Class<E> type, List<String> bad) {
        if (h.cell(cells, column) == null) {
            bad.add(column + " is required for a generating unit, one of " + Arrays.toString(type.getEnumConstants()) + " (field " + column + ")");
            return null;
        }
        return enumCell(h, cells, column, type, bad);
    }

    private static <E extends Enum<E>> E enumCell(Header h, String[] cells, String column, Class<E> type, List<String> bad) {
        String v = h.cell(cells, column);
        if (v == null) return null;
        for (E e : type.getEnumConstants()) if (e.name().equals(v)) return e;
        bad.add(column + ": '" + v + "' is not one of " + Arrays.toString(type.getEnumConstants()) + " (field " + column + ")");
        return null;
    }

    private static LocalDate date(Header h, String[] cells, String column, List<String> bad) {
        String v = h.cell(cells, column);
        if (v == null) return null;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            bad.add(column + ": '" + v + "' is not a date (YYYY-MM-DD) (field " + column + ")");
            return null;
        }
    }

    private Report last;

    private void sheetRow(int n, int start, int end, Header h, String entity, String year) {
        boolean ok = true;
        if (entity.isEmpty()) { problem(n, h.section + " row " + n + ": entity is required (field entity)"); ok = false; }
        int y = year(year);
        if (year.isEmpty()) { problem(n, h.section + " row " + n + ": year is required (field year)"); ok = false; }
        else if (y < 2005 || y > 2100) {
            problem(n, h.section + " row " + n + ": year: '" + year + "' is not a data year (2005..2100) (field year)");
            ok = false;
        }
        if (!ok) return;
        Report r = last;
        if (r == null || r.year != y || !r.entity.equals(entity)) { // rows of one report usually follow each other
            final int dataYear = y;
            r = last = byEntity.computeIfAbsent(entity, k -> new TreeMap<>()).computeIfAbsent(dataYear, k -> new Report(entity, dataYear, n));
        }
        Line line = new Line(n, start, end, h);
        switch (h.section) {
            case "fuels" -> r.fuels.add(line);
            case "activity" -> r.activity.add(line);
            default -> r.outputs.add(line);
        }
    }

    /** Four digits as a number; -1 otherwise. */
    private static int year(String s) {
        if (s.length() != 4) return -1;
        int y = 0;
        for (int i = 0; i < 4; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            y = y * 10 + (c - '0');
        }
        return y;
    }

    /** Cell {@code k} of the line {@code text[from, to)}, which has no quotes. */
    private static String cellAt(String text, int from, int to, int k) {
        int start = from;
        for (int i = 0; i < k; i++) start = text.indexOf(',', start) + 1;
        int end = text.indexOf(',', start);
        return text.substring(start, end < 0 || end > to ? to : end);
    }

    // ------------------------------------------------------------------------------------------ after the pass

    private void buildEntities() {
        Map<String, List<VersionRow>> byEntityRows = new LinkedHashMap<>();
        for (VersionRow v : versions) {
            if (!entityNames.containsKey(v.entity())) problem(v.line(), "installations row " + v.line() + ", entity " + v.entity()
                    + ": entity '" + v.entity() + "' is not in the entities section (field entity)");
            else byEntityRows.computeIfAbsent(v.entity(), k -> new ArrayList<>()).add(v);
        }
        for (var e : entityNames.entrySet()) {
            List<VersionRow> rows = byEntityRows.getOrDefault(e.getKey(), List.of());
            Map<String, List<VersionRow>> byFacility = new LinkedHashMap<>();
            Map<String, String> facilityOf = new HashMap<>();
            boolean ok = true;
            for (VersionRow v : rows) {
                String before = facilityOf.putIfAbsent(v.installation(), v.facility());
                if (before != null && !before.equals(v.facility())) {
                    problem(v.line(), "installations row " + v.line() + ", installation " + v.installation() + ": in facility " + v.facility()
                            + " here but in " + before + " before (an installation id is unique within its entity) (field facility)");
                    ok = false;
                    continue;
                }
                byFacility.computeIfAbsent(v.facility(), k -> new ArrayList<>()).add(v);
            }
            List<Facility> facilities = new ArrayList<>();
            for (var f : byFacility.entrySet()) {
                Map<String, List<VersionRow>> byInstallation = new LinkedHashMap<>();
                for (VersionRow v : f.getValue()) byInstallation.computeIfAbsent(v.installation(), k -> new ArrayList<>()).add(v);
                List<Installation> installations = new ArrayList<>();
                for (var i : byInstallation.entrySet()) {
                    List<VersionRow> vs = i.getValue().stream().sorted(Comparator.comparing(VersionRow::validFrom)).toList();
                    List<InstallationVersion> list = new ArrayList<>();
                    VersionRow previous = null;
                    for (VersionRow v : vs) {
                        String where = "installations row " + v.line() + ", installation " + v.installation() + ": ";
                        if (previous != null && previous.validFrom().equals(v.validFrom())) {
                            problem(v.line(), where + "two versions valid from " + v.validFrom() + " (the other in line " + previous.line() + ") (field valid_from)");
                            ok = false;
                        } else if (previous != null && previous.spec().kind() != v.spec().kind()) {
                            problem(v.line(), where + "kind " + v.spec().kind() + " differs from the earlier version's " + previous.spec().kind() + " (field kind)");
                            ok = false;
                        } else if (v.reason() == null && previous != null) {
                            problem(v.line(), where + "a later version needs a reason (a re-rating, a retrofit, a closure, a correction) (field reason)");
                            ok = false;
                        } else list.add(new InstallationVersion(v.validFrom(), v.spec(), v.reason() == null ? "registered" : v.reason()));
                        previous = v;
                    }
                    if (ok) installations.add(new Installation(InstallationId.of(i.getKey()), list.getFirst().spec().kind(), list));
                }
                String facilityName = f.getValue().getFirst().facilityName();
                if (ok) facilities.add(new Facility(FacilityId.of(f.getKey()), facilityName, installations));
            }
            if (ok) entities.put(e.getKey(), new CoveredEntity(EntityId.of(e.getKey()), e.getValue(), jurisdiction, facilities));
        }
    }

    private void collectReports() {
        for (var e : byEntity.entrySet())
            if (!entityNames.containsKey(e.getKey())) {
                Report first = e.getValue().firstEntry().getValue();
                int rows = e.getValue().values().stream().mapToInt(Report::rows).sum();
                problem(first.firstLine, "row " + first.firstLine + ": entity '" + e.getKey() + "' is not in the entities section (" + rows
                        + " sheet row(s) name it, the first in line " + first.firstLine + ") (field entity)");
            }
        for (String id : entityNames.keySet()) {
            TreeMap<Integer, Report> years = byEntity.get(id);
            if (years != null) reports.addAll(years.values());
        }
    }

    // ------------------------------------------------------------------------------------------ second pass

    /** The report's rows as the domain reads them: cells by column, {@code row} = the line number in the file. */
    public List<RawRow> rows(List<Line> lines) {
        List<RawRow> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            String[] cells;
            try {
                cells = Csv.split(text.substring(l.start(), l.end()));
            } catch (Csv.BadLine e) {
                throw new IllegalStateException("line " + l.number() + " split in the first pass", e);
            }
            Header h = l.header();
            Map<String, String> m = new HashMap<>(16);
            for (int i = 0; i < cells.length; i++)
                if (h.pass[i] && !cells[i].isBlank()) m.put(h.names[i], cells[i]);
            out.add(new RawRow(l.number(), m));
        }
        return out;
    }

    /** A problem of the file's structure; {@code message} names the section, the row (= the line number) and the field. */
    private void problem(int line, String message) { problems.add(new Found(line, name + ": " + message)); }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,39}");

    private static boolean validId(String s) { return ID.matcher(s).matches(); }
}
