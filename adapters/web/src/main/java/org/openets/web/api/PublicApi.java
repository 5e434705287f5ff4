package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.api.ApiViews.UnitTypeJson;
import org.openets.web.desk.RegistryDesk;
import org.openets.workflows.registry.RegistryViews.ReportRow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Public", description = "What anyone may read, without signing in")
public class PublicApi {
    private final RegistryDesk desk;

    public PublicApi(RegistryDesk desk) { this.desk = desk; }

    @GetMapping("/api/v1/public/report")
    @Operation(summary = "Issued, surrendered, retired and cancelled totals by year and unit type, and holdings by account type (CSV: /public/report.csv)")
    public List<ReportRow> report() { return desk.publicReport(); }

    @GetMapping("/api/v1/unit-types")
    @Operation(summary = "The unit types the registry knows")
    public List<UnitTypeJson> unitTypes() {
        return desk.unitTypes().stream().map(e -> new UnitTypeJson(e.unitType().code(), e.unitType().kind().name(), e.unitType().issuer().code(),
                e.nameZh(), e.nameEn())).toList();
    }
}
