package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.api.ApiViews.TraceJson;
import org.openets.web.api.ApiViews.TraceStepJson;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Serials", description = "Where a unit has been")
public class SerialsApi {
    private final RegistryDesk desk;
    private final Access access;

    public SerialsApi(RegistryDesk desk, Access access) {
        this.desk = desk;
        this.access = access;
    }

    @GetMapping("/api/v1/serials/{serial}")
    @Operation(summary = "Trace a serial number, e.g. CN-CEA-2024-000000000001: every completed transaction that moved it, and its holder now")
    public TraceJson trace(@PathVariable String serial) {
        RegistryDesk.Trace t = desk.trace(access.current(), serial);
        RegistryDesk.AccountNumbers numbers = desk.accountNumbers();
        return new TraceJson(t.serial(), t.series().code(), t.series().unitType(), t.series().vintage(), t.series().projectId(), t.holderNow(),
                t.steps().stream().map(s -> new TraceStepJson(s.transactionId(), s.type(), numbers.number(s.from()), numbers.number(s.to()), s.completedAt())).toList());
    }
}
