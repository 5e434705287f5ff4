package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.web.security.RefusalLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Audit", description = "For auditors: every refused request")
public class AuditApi {
    private final RefusalLog log;
    private final Access access;
    private final RegistryDesk desk;

    public AuditApi(RefusalLog log, Access access, RegistryDesk desk) {
        this.log = log;
        this.access = access;
        this.desk = desk;
    }

    @GetMapping("/api/v1/audit/refusals")
    @Operation(summary = "Refused requests, newest first (auditors only)")
    public List<RefusalLog.Refusal> refusals(@RequestParam(required = false) String actor, @RequestParam(defaultValue = "200") int limit) {
        Permissions p = access.current();
        if (!p.auditor()) throw desk.refuse(p, "READ refusals", null, "NOT_AUTHORISED", "only auditors read the refusal record").say("detail.deny.refusals");
        return log.recent(actor == null || actor.isBlank() ? null : actor, Math.clamp(limit, 1, 5000));
    }
}
