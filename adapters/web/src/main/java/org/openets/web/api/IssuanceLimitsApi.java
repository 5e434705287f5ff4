package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.Problem;
import org.openets.web.desk.CapDesk;
import org.openets.web.security.Access;
import org.openets.workflows.registry.RegistryViews.CapChangeView;
import org.openets.workflows.registry.RegistryViews.CapView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/v1/issuance-limits")
@Tag(name = "Issuance limits", description = "The caps: how much of a unit type and vintage may ever be issued, set by the administrators of the unit type's issuer on a source, every version kept")
public class IssuanceLimitsApi {
    private final CapDesk desk;
    private final Access access;

    public IssuanceLimitsApi(CapDesk desk, Access access) {
        this.desk = desk;
        this.access = access;
    }

    public record CapRequest(BigDecimal quantity, String source) {}

    public record CapJson(String unitType, int vintage, long cap, long issued, long pendingIssuance, long remaining, String source) {
        static CapJson of(CapView c) {
            return new CapJson(c.unitType(), c.vintage(), c.cap(), c.issued(), c.pending(), c.remaining(), c.source());
        }
    }

    public record VersionJson(String unitType, int vintage, Long previous, long quantity, String source, String setBy, Instant setAt) {
        static VersionJson of(CapChangeView c) {
            return new VersionJson(c.unitType(), c.vintage(), c.previous(), c.quantity(), c.source(), c.setBy(), c.at());
        }
    }

    /** A cap now ({@code current} null: none set) and every version of it, newest first. */
    public record CapHistoryJson(String unitType, int vintage, CapJson current, List<VersionJson> history) {
        static CapHistoryJson of(CapDesk.Cap c) {
            return new CapHistoryJson(c.unitType(), c.vintage(), c.current() == null ? null : CapJson.of(c.current()), c.history().stream().map(VersionJson::of).toList());
        }
    }

    @GetMapping
    @Operation(summary = "Every cap with what is issued and awaiting approval under it; administrators and auditors")
    public List<CapJson> caps() {
        return desk.caps(access.current()).stream().map(CapJson::of).toList();
    }

    @GetMapping("/history")
    @Operation(summary = "The newest versions of every cap (at most 200), newest first: quantity, the value it replaced, source, who set it (null: the platform) and when")
    public List<VersionJson> history() {
        return desk.history(access.current()).stream().map(VersionJson::of).toList();
    }

    @GetMapping("/{unitType}/{vintage}")
    @Operation(summary = "One cap now and every version of it, newest first; administrators and auditors")
    public CapHistoryJson cap(@PathVariable String unitType, @PathVariable String vintage) {
        return CapHistoryJson.of(desk.cap(access.current(), unitType, vintage));
    }

    @PutMapping("/{unitType}/{vintage}")
    @Operation(summary = "Set the cap of a unit type and vintage (whole tonnes) on a source (regulation or notice number); administrators of the unit type's issuer only; "
            + "never below what is issued plus what awaits approval (422 CAP_BELOW_ISSUED)")
    public CapHistoryJson set(@PathVariable String unitType, @PathVariable String vintage, @RequestBody(required = false) CapRequest request) {
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"quantity\": ..., \"source\": ...}").say("detail.jsonFields", "quantity, source");
        return CapHistoryJson.of(desk.set(access.current(), unitType, vintage, request.quantity(), request.source()));
    }
}
