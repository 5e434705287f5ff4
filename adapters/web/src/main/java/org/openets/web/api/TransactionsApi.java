package org.openets.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.registry.Transaction;
import org.openets.web.api.ApiViews.BatchJson;
import org.openets.web.api.ApiViews.BatchProposal;
import org.openets.web.api.ApiViews.TransactionJson;
import org.openets.web.desk.CapDesk;
import org.openets.web.desk.Proposal;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@Tag(name = "Transactions", description = "Propose, approve, decline and cancel registry transactions; the approval inbox")
public class TransactionsApi {
    private final RegistryDesk desk;
    private final Access access;
    private final org.openets.web.desk.AllocationApprovals allocationApprovals;
    private final CapDesk caps;

    public TransactionsApi(RegistryDesk desk, Access access, org.openets.web.desk.AllocationApprovals allocationApprovals, CapDesk caps) {
        this.desk = desk;
        this.caps = caps;
        this.access = access;
        this.allocationApprovals = allocationApprovals;
    }

    /**
     * A proposed transaction, and for an issuance that outgrew a pending change of its cap ({@code capWarning}, absent
     * otherwise) the warning that approving that change would now be refused (CAP_BELOW_ISSUED).
     */
    public record ProposedJson(@JsonUnwrapped TransactionJson transaction, @JsonInclude(JsonInclude.Include.NON_NULL) CapWarningJson capWarning) {}

    /**
     * The issuance stands; the pending cap change {@code proposalId} to {@code proposedCap} is now below what is issued
     * plus what awaits approval ({@code lowestCap}), this issuance included: approving it would be refused.
     */
    public record CapWarningJson(String code, String detail, long proposalId, long proposedCap, long issued, long pendingIssuance, long lowestCap) {
        static CapWarningJson of(CapDesk.IssueWarning w) {
            var x = w.proposal();
            return new CapWarningJson("CAP_PROPOSAL_BELOW_ISSUED", "the pending change of the cap of " + x.unitType() + " " + x.vintage() + " to "
                    + String.format(java.util.Locale.ROOT, "%,d", x.quantity()) + " t (#" + x.id() + ") is below what is issued plus what awaits approval now ("
                    + String.format(java.util.Locale.ROOT, "%,d", w.lowest()) + " t): it cannot be approved unless this issuance is declined; decline or withdraw it",
                    x.id(), x.quantity(), w.issued(), w.pending(), w.lowest());
        }
    }

    @PostMapping("/api/v1/transactions")
    @Operation(summary = "Propose a transaction",
            description = "The client supplies commandId: a retry with the same commandId and body returns the first result; the same "
                    + "commandId with another body is refused with DUPLICATE_ID_DIFFERENT_BODY. Accounts by number or id. An ISSUE that puts a pending "
                    + "change of its cap below what is issued plus what awaits approval is proposed all the same, with capWarning "
                    + "(code CAP_PROPOSAL_BELOW_ISSUED): that change could then not be approved.")
    public ResponseEntity<ProposedJson> propose(@RequestBody Proposal proposal) {
        Transaction t = desk.propose(access.current(), proposal);
        TransactionJson json = new ApiViews.Transactions(desk).of(t);
        CapWarningJson warning = caps.afterIssue(t, json.unitType(), json.vintage()).map(CapWarningJson::of).orElse(null);
        return ResponseEntity.created(URI.create("/api/v1/transactions/" + t.id())).body(new ProposedJson(json, warning));
    }

    @PostMapping("/api/v1/batches")
    @Operation(summary = "Propose a batch (e.g. an allocation table): all lines complete, or none")
    public ResponseEntity<BatchJson> batch(@RequestBody BatchProposal batch) {
        RegistryDesk.BatchResult r = desk.proposeBatch(access.current(), batch.commandId(), batch.lines());
        List<TransactionJson> lines = new ApiViews.Transactions(desk).of(r.lines());
        return ResponseEntity.status(HttpStatus.CREATED).body(new BatchJson(r.batchId(), lines.getFirst().status(), lines));
    }

    @GetMapping("/api/v1/transactions/{id}")
    @Operation(summary = "One transaction")
    public TransactionJson transaction(@PathVariable long id) {
        return new ApiViews.Transactions(desk).of(desk.transaction(access.current(), id));
    }

    @PostMapping("/api/v1/transactions/{id}/approve")
    @Operation(summary = "Approve (a second person; the initiator never approves their own). A batch issuing an allocation run built on [U] values "
            + "needs acknowledgeUnconfirmed=true")
    public TransactionJson approve(@PathVariable long id, @org.springframework.web.bind.annotation.RequestParam(required = false) boolean acknowledgeUnconfirmed) {
        allocationApprovals.checkApproval(access.current(), id, acknowledgeUnconfirmed);
        return new ApiViews.Transactions(desk).of(desk.approve(access.current(), id));
    }

    @PostMapping("/api/v1/transactions/{id}/decline")
    @Operation(summary = "Decline a transaction awaiting approval",
            description = "A decline that happened is a success: 200 with the transaction, status REJECTED and rejection DECLINED. "
                    + "The body says why ({\"reason\": \"…\"}, required, at most 500 characters); a batch's lines all get it, and the "
                    + "transaction carries it as declineReason. Refusals stay problems: 400 VALIDATION_FAILED without a reason, "
                    + "403 NOT_AUTHORISED, 404 UNKNOWN_TRANSACTION, 422 INVALID_STATE when it is no longer pending. "
                    + "See docs/reference/transactions-api.md")
    public TransactionJson decline(@PathVariable long id, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) @org.springframework.web.bind.annotation.RequestBody(required = false) DeclineJson body) {
        return new ApiViews.Transactions(desk).of(desk.decline(access.current(), id, body == null ? null : body.reason()));
    }

    /** Why a transaction is declined. */
    public record DeclineJson(String reason) {}

    @PostMapping("/api/v1/transactions/{id}/cancel")
    @Operation(summary = "Withdraw a transaction that has not completed (initiator or administrator)")
    public TransactionJson cancel(@PathVariable long id) {
        return new ApiViews.Transactions(desk).of(desk.cancel(access.current(), id));
    }

    @GetMapping("/api/v1/approvals")
    @Operation(summary = "Transactions awaiting your approval")
    public List<TransactionJson> inbox() {
        Permissions p = access.current();
        return new ApiViews.Transactions(desk).of(desk.inbox(p));
    }
}
