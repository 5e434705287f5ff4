package org.openets.allocation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A small builder of population lines for the tests. */
final class Units {
    private int line = 2;
    private String unitId = "U1", entityId = "E1", entityName = "", region = "", category = "", fuel = "", cooling = "";
    private BigDecimal capacity, generation, supply, heat, heatRatio, load, clinker, aluminium, waste, intensity;
    private List<BigDecimal> historical = new ArrayList<>();
    private Long verified, previousVerified;

    static Units unit(String id, String category) { Units u = new Units(); u.unitId = id; u.category = category; return u; }

    Units entity(String id) { entityId = id; return this; }
    Units line(int n) { line = n; return this; }
    Units region(String r) { region = r; return this; }
    Units fuel(String f) { fuel = f; return this; }
    Units cooling(String c) { cooling = c; return this; }
    Units capacity(String v) { capacity = new BigDecimal(v); return this; }
    Units generation(String v) { generation = new BigDecimal(v); return this; }
    Units supply(String v) { supply = new BigDecimal(v); return this; }
    Units heat(String v) { heat = new BigDecimal(v); return this; }
    Units heatRatio(String v) { heatRatio = new BigDecimal(v); return this; }
    Units load(String v) { load = new BigDecimal(v); return this; }
    Units clinker(String v) { clinker = new BigDecimal(v); return this; }
    Units aluminium(String v) { aluminium = new BigDecimal(v); return this; }
    Units waste(String v) { waste = new BigDecimal(v); return this; }
    Units intensity(String v) { intensity = new BigDecimal(v); return this; }
    Units historical(String... v) { for (String x : v) historical.add(new BigDecimal(x)); return this; }
    Units verified(long v) { verified = v; return this; }
    Units previousVerified(long v) { previousVerified = v; return this; }

    UnitInput build() {
        return new UnitInput(line, unitId, entityId, entityName, region, category, fuel, cooling, capacity, generation, supply, heat, heatRatio, load,
                clinker, aluminium, waste, historical, intensity, verified, previousVerified);
    }

    /** The bundled ruleset with one row's value replaced: how a regulator configures a draft. */
    static Ruleset configured(String id, String parameter, String qualifier, String value) {
        Ruleset r = Ruleset.bundled(id);
        String text = r.text();
        String prefix = parameter + "\t" + qualifier + "\t";
        StringBuilder out = new StringBuilder();
        boolean done = false;
        for (String l : text.split("\n", -1)) {
            if (!done && l.startsWith(prefix)) {
                String[] f = l.split("\t", -1);
                f[2] = value;
                l = String.join("\t", f);
                done = true;
            }
            out.append(l).append('\n');
        }
        if (!done) throw new IllegalArgumentException("no row " + prefix);
        return Ruleset.parse(id + "-configured.tsv", out.toString().stripTrailing() + "\n");
    }
}
