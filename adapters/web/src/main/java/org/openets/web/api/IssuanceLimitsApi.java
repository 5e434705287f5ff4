package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.Problem;
import org.openets.web.desk.CapDesk;
import org.openets.web.security.Access;
import org.openets.workflows.registry.RegistryViews.CapChangeView;
import org.openets.workflows.registry.RegistryViews.CapProposalView;
import org.openets.workflows.registry.RegistryViews.CapView;
import org.openets.workflows.registry.spi.RegistryAdministration.CapDecision;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/v1/issuance-limits")
@Tag(name = "Issuance limits", description = "The caps: how much of a unit type and vintage may ever be issued. An administrator of the unit type's issuer proposes a cap "
        + "on a source; it takes effect when a different administrator of that jurisdiction approves it (4-eyes); every version kept with who proposed and who approved it")
public class IssuanceLimitsApi extends FourEyesApi<CapProposalView, CapDecision, IssuanceLimitsApi.ProposalJson, IssuanceLimitsApi.ProposalJson> {
    private final CapDesk desk;

    public IssuanceLimitsApi(CapDesk desk, Access access) {
        super(desk, access);
        this.desk = desk;
    }

    /** A proposal with where its cap stands now (the caps read once for a list). */
    @Override protected java.util.function.Function<CapProposalView, ProposalJson> proposalJson() {
        var standings = desk.standings();
        return x -> ProposalJson.of(x, standings);
    }

    /** A decision answers with the proposal as it now stands. */
    @Override protected ProposalJson decisionJson(CapDecision d) { return ProposalJson.of(d.proposal(), desk.standings()); }

    /** {@code commandId}: the proposer's own id (1-80 characters of A-Z a-z 0-9 . _ : -); sent again with the same request, it answers with the proposal it made. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "IssuanceLimitsProposalRequest")
    public record ProposalRequest(String commandId, BigDecimal quantity, String source) {}

    /** Why a cap change is declined or withdrawn. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "IssuanceLimitsReasonRequest")
    public record ReasonRequest(String reason) {}

    public record CapJson(String unitType, int vintage, long cap, long issued, long pendingIssuance, long remaining, String source) {
        static CapJson of(CapView c) {
            return new CapJson(c.unitType(), c.vintage(), c.cap(), c.issued(), c.pending(), c.remaining(), c.source());
        }
    }

    /**
     * One version of a cap: {@code setBy} who set it (for a FOUR_EYES version, who approved it; null: the platform),
     * {@code route} FOUR_EYES (proposed by {@code proposedBy}, from proposal {@code proposalId}), OPERATOR
     * ({@code openets caps set}), PLATFORM, or BEFORE_FOUR_EYES (set by one administrator before cap changes were 4-eyes).
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "IssuanceLimitsVersionJson")
    public record VersionJson(String unitType, int vintage, Long previous, long quantity, String source, String setBy, Instant setAt,
                              String route, String proposedBy, Long proposalId) {
        static VersionJson of(CapChangeView c) {
            return new VersionJson(c.unitType(), c.vintage(), c.previous(), c.quantity(), c.source(), c.setBy(), c.at(), c.route(), c.proposedBy(), c.proposalId());
        }
    }

    /**
     * A proposed cap change: PENDING until approved, declined, withdrawn or expired (after {@code expiresAt}).
     * {@code baseQuantity}: the cap it was proposed against (null: none). Where its cap stands now: {@code currentCap}
     * (null: none), {@code issued}, {@code pendingIssuance} (awaiting approval) and {@code lowestCap} (their sum, the
     * lowest cap an approval accepts now). For a pending one, whether approving it now would be refused:
     * {@code belowLowestCap} (422 CAP_BELOW_ISSUED) and {@code capChanged} (409 CAP_CHANGED); false for a decided one.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "IssuanceLimitsProposalJson")
    public record ProposalJson(long id, String unitType, int vintage, long quantity, String source, String commandId, String proposedBy, Instant proposedAt,
                               Instant expiresAt, String status, String decidedBy, Instant decidedAt, String reason, Long baseQuantity,
                               Long currentCap, long issued, long pendingIssuance, long lowestCap, boolean belowLowestCap, boolean capChanged) {
        static ProposalJson of(CapProposalView x, java.util.Map<String, CapDesk.Standing> standings) {
            CapDesk.Standing s = CapDesk.standing(standings, x);
            return new ProposalJson(x.id(), x.unitType(), x.vintage(), x.quantity(), x.source(), x.commandId(), x.proposedBy(), x.proposedAt(), x.expiresAt(),
                    x.status(), x.decidedBy(), x.decidedAt(), x.reason(), x.baseQuantity(), s.current(), s.issued(), s.pending(), s.lowest(),
                    s.refusesBelow(x), s.refusesChanged(x));
        }
    }

    /** A cap now ({@code current} null: none set), every version of it, newest first, and the change of it pending approval ({@code pending} null: none). */
    public record CapHistoryJson(String unitType, int vintage, CapJson current, List<VersionJson> history, ProposalJson pending) {
        static CapHistoryJson of(CapDesk.Cap c, java.util.Map<String, CapDesk.Standing> standings) {
            return new CapHistoryJson(c.unitType(), c.vintage(), c.current() == null ? null : CapJson.of(c.current()), c.history().stream().map(VersionJson::of).toList(),
                    c.pending() == null ? null : ProposalJson.of(c.pending(), standings));
        }
    }

    @GetMapping
    @Operation(summary = "Every cap with what is issued and awaiting approval under it; administrators and auditors")
    public List<CapJson> caps() {
        return desk.caps(access.current()).stream().map(CapJson::of).toList();
    }

    @GetMapping("/history")
    @Operation(summary = "The newest versions of every cap (at most 200), newest first: quantity, the value it replaced, source, who set it (null: the platform), "
            + "when, and how (route; for FOUR_EYES who proposed it)")
    public List<VersionJson> history() {
        return desk.history(access.current()).stream().map(VersionJson::of).toList();
    }

    @GetMapping("/{unitType}/{vintage}")
    @Operation(summary = "One cap now, every version of it, newest first, and the change of it pending approval; administrators and auditors")
    public CapHistoryJson cap(@PathVariable String unitType, @PathVariable String vintage) {
        return CapHistoryJson.of(desk.cap(access.current(), unitType, vintage), desk.standings());
    }

    @PostMapping("/{unitType}/{vintage}/proposals")
    @Operation(summary = "Propose the cap of a unit type and vintage (whole tonnes) on a source (regulation or notice number); administrators of the unit type's issuer",
            description = "Nothing changes until a different administrator of the issuer approves it (POST /proposals/{id}/approve). 201 with the proposal, PENDING until "
                    + "its expiresAt (the issuer's approval window). A retry with the same commandId and request answers with the same proposal; the same commandId "
                    + "with another request is 409 DUPLICATE_ID_DIFFERENT_BODY. 409 CAP_PROPOSAL_PENDING while another change of the cap awaits approval; "
                    + "422 CAP_BELOW_ISSUED below what is issued plus what awaits approval. See docs/reference/issuance-limits.md")
    public ResponseEntity<ProposalJson> propose(@PathVariable String unitType, @PathVariable String vintage, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) ProposalRequest request) {
        if (request == null) throw Problem.badRequest("VALIDATION_FAILED", "send {\"commandId\": ..., \"quantity\": ..., \"source\": ...}")
                .say("detail.jsonFields", "commandId, quantity, source");
        CapProposalView x = desk.propose(access.current(), request.commandId(), unitType, vintage, request.quantity(), request.source());
        return ResponseEntity.created(URI.create("/api/v1/issuance-limits/proposals/" + x.id())).body(ProposalJson.of(x, desk.standings()));
    }

    @GetMapping("/proposals")
    @Operation(summary = "The newest cap change proposals (at most 200), newest first, of one status when given (PENDING, APPROVED, DECLINED, WITHDRAWN, EXPIRED); "
            + "administrators and auditors")
    public List<ProposalJson> proposals(@RequestParam(required = false) String status) {
        var standings = desk.standings();
        return desk.proposals(access.current(), status).stream().map(x -> ProposalJson.of(x, standings)).toList();
    }

    @GetMapping("/proposals/inbox")
    @Operation(summary = "The cap changes awaiting your approval: pending, of unit types your jurisdictions issue, proposed by someone else; oldest first")
    public List<ProposalJson> inbox() {
        return inboxJson();
    }

    @GetMapping("/proposals/{id}")
    @Operation(summary = "One cap change proposal; administrators and auditors")
    public ProposalJson proposal(@PathVariable long id) {
        return oneJson(id);
    }

    @PostMapping("/proposals/{id}/approve")
    @Operation(summary = "Approve a pending cap change: an administrator of the unit type's issuer other than its proposer; the cap is set",
            description = "200 with the proposal, APPROVED. 403 SELF_APPROVAL for the proposer, 403 NOT_AUTHORISED for anyone but the issuer's administrators, "
                    + "422 INVALID_STATE when it is no longer pending, 422 APPROVAL_EXPIRED after its window, 403 PROPOSER_NOT_AUTHORISED when its proposer no "
                    + "longer administers the issuer, 409 CAP_CHANGED when the cap is no longer the one it was proposed against (baseQuantity), 422 "
                    + "CAP_BELOW_ISSUED when the cap would now be below what is issued plus what awaits approval (checked again under the ledger's lock); "
                    + "after any of these three the proposal stays pending, to be declined or withdrawn")
    public ProposalJson approve(@PathVariable long id) {
        return approved(id);
    }

    @PostMapping("/proposals/{id}/decline")
    @Operation(summary = "Decline a pending cap change, saying why ({\"reason\": \"…\"}, at most 500 characters): an administrator of the issuer other than its proposer")
    public ProposalJson decline(@PathVariable long id, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) ReasonRequest body) {
        return declined(id, body == null ? null : body.reason());
    }

    @PostMapping("/proposals/{id}/withdraw")
    @Operation(summary = "Withdraw your pending cap change, saying why ({\"reason\": \"…\"}, at most 500 characters): its proposer only")
    public ProposalJson withdraw(@PathVariable long id, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @RequestBody(required = false) ReasonRequest body) {
        return withdrawn(id, body == null ? null : body.reason());
    }
}
