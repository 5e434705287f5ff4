package org.openets.server;

import org.openets.allocation.Ruleset;
import org.openets.allocation.Stage;
import org.openets.allocation.WhatIf;
import org.openets.workflows.allocation.AllocationService;
import org.openets.workflows.allocation.AllocationViews.RunRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The demo allocation: the national power units allocated under the 2019–2020 plan, the Guangdong power units under
 * Guangdong 2016, and the Guangdong units as a what-if under both plans with their comparison ready to open — the
 * newsletter's question (national 0.8066 on supply vs Guangdong 0.825 on generation) asked of a population. A run's
 * title is one text field, so the demo's titles are Chinese only (a Chinese market's demo); the rulesets' own titles
 * are bilingual ("中文 / English") and the pages show the part of their language.
 */
final class DemoAllocation {
    private final AllocationService service;

    DemoAllocation(AllocationService service) { this.service = service; }

    /**
     * The Guangdong demo entities have no MRV records, so their population lines name their holding accounts by
     * number (a population's entity is an MRV entity linked to an account, or an account number).
     */
    static String withAccountNumbers(String csv, java.util.Map<String, String> numbers) {
        StringBuilder out = new StringBuilder();
        for (String line : csv.split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length > 1 && numbers.containsKey(f[1])) f[1] = numbers.get(f[1]);
            out.append(String.join(",", f)).append('\n');
        }
        return out.toString();
    }

    static String resource(String name) {
        try (InputStream in = DemoAllocation.class.getResourceAsStream("/demo/allocation/" + name)) {
            if (in == null) throw new IllegalStateException("missing demo file " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the id of the ready comparison. */
    long load(java.util.Map<String, String> accountNumbers) {
        String cn = resource("cn-power-2019.csv"), gd = withAccountNumbers(resource("gd-power-2016.csv"), accountNumbers);
        service.allocate("admin-cn", Ruleset.bundled("CN-POWER-2019-2020"), 2019, Stage.FINAL, "cn-power-2019.csv", cn, null,
                "全国发电行业 2019 年配额核定（示例）");
        service.allocate("admin-gd", Ruleset.bundled("GD-2016"), 2016, Stage.FINAL, "gd-power-2016.csv", gd, null,
                "广东省 2016 年度配额核定（示例）");
        List<Long> prices = List.of(4_000L, 8_000L);
        RunRecord a = service.whatIf("admin-gd", Ruleset.bundled("CN-POWER-2019-2020"), 2019, WhatIf.Basis.TOTAL, prices, "gd-power-2016.csv", gd,
                "广东机组按全国 2019–2020 方案（压力测试）");
        RunRecord b = service.whatIf("admin-gd", Ruleset.bundled("GD-2016"), 2016, WhatIf.Basis.TOTAL, prices, "gd-power-2016.csv", gd,
                "广东机组按广东 2016 方案（压力测试）");
        return service.compare("admin-gd", a.id(), b.id(), "全国与广东方案对比：同一批机组");
    }
}
