package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.api.ApiViews.UnitTypeJson;
import org.openets.web.desk.RegistryDesk;
import org.openets.workflows.registry.RegistryViews.PublicAccountRow;
import org.openets.workflows.registry.RegistryViews.ReportRow;
import org.openets.workflows.registry.RegistryViews.YearTotalRow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Public", description = "What anyone may read, without signing in")
public class PublicApi {
    private final RegistryDesk desk;

    public PublicApi(RegistryDesk desk) { this.desk = desk; }

    @GetMapping("/api/v1/public/report")
    @Operation(summary = "Issued, surrendered, retired and cancelled totals by unit type and vintage, and holdings by account type (CSV: /public/report.csv)")
    public List<ReportRow> report() { return desk.publicReport().rows(); }

    @GetMapping("/api/v1/public/report/years")
    @Operation(summary = "What was issued, surrendered, retired and cancelled in each calendar year (the year a transaction completed, in the "
            + "jurisdiction's time zone), by unit type and vintage, net of reversals (CSV: /public/report-years.csv)")
    public List<YearTotalRow> years() { return desk.publicReport().years(); }

    @GetMapping("/api/v1/public/accounts")
    @Operation(summary = "Every account: jurisdiction, number, type, holder (not published for trading accounts), a covered entity's code, "
            + "status, opening date; optionally of one jurisdiction and one account type (CSV: /public/accounts.csv)")
    public List<PublicAccountRow> accounts(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String type) {
        return desk.publicAccounts(jurisdiction, type);
    }

    @GetMapping("/api/v1/unit-types")
    @Operation(summary = "The unit types the registry knows")
    public List<UnitTypeJson> unitTypes() {
        return desk.unitTypes().stream().map(e -> new UnitTypeJson(e.unitType().code(), e.unitType().kind().name(), e.unitType().issuer().code(),
                e.nameZh(), e.nameEn())).toList();
    }
}
