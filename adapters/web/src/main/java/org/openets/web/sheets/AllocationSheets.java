package org.openets.web.sheets;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openets.allocation.EntityAllocation;
import org.openets.allocation.TraceStep;
import org.openets.allocation.UnitAllocation;
import org.openets.allocation.WhatIf;
import org.openets.web.desk.AllocationDesk;
import org.openets.workflows.allocation.AllocationService;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Allocation workbooks with Chinese and English headers: a run's entity totals and unit lines (each with its trace,
 * and 未确认 [U] where a figure rests on an unconfirmed value); for a what-if also the gaps by entity, sector and
 * region with the cost at each price; a comparison side by side with the basis stated.
 */
public final class AllocationSheets {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private AllocationSheets() { }

    private static void row(Sheet s, int r, Object... cells) {
        Row row = s.createRow(r);
        for (int i = 0; i < cells.length; i++) {
            Object c = cells[i];
            if (c == null) continue;
            if (c instanceof Number n) row.createCell(i).setCellValue(n.doubleValue());
            else row.createCell(i).setCellValue(String.valueOf(c));
        }
    }

    private static String u(boolean unconfirmed) { return unconfirmed ? "未确认 [U]" : ""; }

    /** The run as a workbook; {@code chinese} renders a trace step in Chinese (the units sheet has the trace in both languages). */
    public static byte[] run(AllocationDesk.RunView v, java.util.function.Function<TraceStep, String> chinese) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var run = v.computed().run();
            Sheet info = wb.createSheet("说明 About");
            row(info, 0, "规则集 Ruleset", run.rulesetId(), run.rulesetSha256());
            row(info, 1, "年度 Year", run.year());
            row(info, 2, "阶段 Stage", run.stage());
            row(info, 3, "名单 Population", run.populationName(), run.populationSha256());
            row(info, 4, "未确认参数 Unconfirmed [U] rows", String.join("; ", run.unconfirmed()));
            Sheet ent = wb.createSheet("企业 Entities");
            row(ent, 0, "企业 entity", "名称 name", "行业 sector", "精确值 exact", "配额 total t", "免费 free t", "有偿 paid t", "未确认 [U]");
            int r = 1;
            for (EntityAllocation e : v.entityLines())
                row(ent, r++, e.entityId(), e.entityName(), e.sector(), e.exact().toPlainString(), e.total(), e.free(), e.paid(), u(!e.unconfirmed().isEmpty()));
            Sheet lines = wb.createSheet("机组 Units");
            row(lines, 0, "行 line", "机组 unit", "企业 entity", "行业 sector", "地区 region", "类别 category", "方法 method", "精确值 exact", "配额 t", "免费 free", "有偿 paid",
                    "未确认 [U]", "trace", "计算过程");
            r = 1;
            for (UnitAllocation a : v.units())
                row(lines, r++, a.unit().line(), a.unit().unitId(), a.unit().entityId(), a.sector(), a.unit().region(), a.category().code(), a.category().method().name(),
                        a.exact().toPlainString(), a.rounded(), a.free(), a.paid(), u(!a.unconfirmed().isEmpty()),
                        a.trace().stream().map(TraceStep::render).collect(Collectors.joining("\n")),
                        a.trace().stream().map(chinese).collect(Collectors.joining("\n")));
            WhatIf.Result w = v.computed().whatIf();
            if (w != null && v.full()) {
                gaps(wb.createSheet("企业缺口 By entity"), w.byEntity(), w.pricesFen());
                gaps(wb.createSheet("行业缺口 By sector"), w.bySector(), w.pricesFen());
                gaps(wb.createSheet("地区缺口 By region"), w.byRegion(), w.pricesFen());
                gaps(wb.createSheet("合计 Total"), List.of(w.total()), w.pricesFen());
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void gaps(Sheet s, List<WhatIf.Aggregate> rows, List<Long> prices) {
        List<Object> head = new ArrayList<>(List.of("分组 group", "机组数 units", "配额 allowance t", "核查排放 verified emissions t", "缺口 gap t", "缺口% gap %"));
        for (long p : prices) head.add("缺口成本(元) cost at " + BigDecimal.valueOf(p).movePointLeft(2).toPlainString() + " CNY/t");
        row(s, 0, head.toArray());
        int r = 1;
        for (WhatIf.Aggregate a : rows) {
            List<Object> cells = new ArrayList<>(List.of(a.key(), a.units(), a.allowance(), a.emissions(), a.gap(), a.gapPercent() == null ? "" : a.gapPercent().toPlainString()));
            for (long c : a.costFen()) cells.add(BigDecimal.valueOf(c).movePointLeft(2));
            row(s, r++, cells.toArray());
        }
    }

    public static byte[] comparison(AllocationService.ComparisonView c) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var r = c.result();
            Sheet s = wb.createSheet("对比 Comparison");
            row(s, 0, "口径 Basis", r.statedBasis());
            row(s, 1, "A", c.a().run().rulesetId(), c.a().run().year(), r.totalA());
            row(s, 2, "B", c.b().run().rulesetId(), c.b().run().year(), r.totalB());
            row(s, 3, "A − B", r.difference(), "A/B", r.ratio() == null ? "" : r.ratio().toPlainString());
            row(s, 5, "机组 unit", "企业 entity", "类别 category", "A 配额 t", "B 配额 t", "差额 A−B", "A/B", "A t/MWh 发电", "B t/MWh 发电", "A t/MWh 供电", "B t/MWh 供电",
                    "核查排放 t", "A 缺口", "B 缺口", "A 未确认 [U]", "B 未确认 [U]");
            int i = 6;
            for (var l : r.lines())
                row(s, i++, l.unitId(), l.entityId(), l.category(), l.allowanceA(), l.allowanceB(), l.difference(), str(l.ratio()), str(l.perGenerationA()),
                        str(l.perGenerationB()), str(l.perSupplyA()), str(l.perSupplyB()), l.emissions(), l.gapA(), l.gapB(), u(l.unconfirmedA()), u(l.unconfirmedB()));
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String str(BigDecimal v) { return v == null ? "" : v.toPlainString(); }
}
