package org.openets.web.ui;

import org.openets.registry.Account;
import org.openets.registry.Transaction;
import org.openets.registry.TransactionStatus;
import org.openets.registry.TransactionType;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approval inbox (待审批): the transactions and batches, and the cap changes, the person may approve; one transaction,
 * and approve / decline / cancel (a cap change is approved or declined through the issuance page's forms).
 */
@Controller
public class ApprovalPages {
    private final RegistryDesk desk;
    private final Access access;
    private final org.openets.workflows.allocation.AllocationService allocation;

    private final org.openets.web.desk.AllocationApprovals allocationApprovals;
    private final org.openets.web.desk.CapDesk caps;
    private final org.openets.web.desk.ControlsDesk controls;
    private final org.openets.web.desk.CalendarDesk calendars;
    /** Pending additions to trusted lists (4-eyes). */
    private final org.openets.web.desk.AccountAdministrationDesk trustedAdditions;

    public ApprovalPages(RegistryDesk desk, Access access, org.openets.workflows.allocation.AllocationService allocation,
                         org.openets.web.desk.AllocationApprovals allocationApprovals, org.openets.web.desk.CapDesk caps,
                         org.openets.web.desk.ControlsDesk controls, org.openets.web.desk.CalendarDesk calendars,
                         org.openets.web.desk.AccountAdministrationDesk trustedAdditions) {
        this.desk = desk;
        this.access = access;
        this.allocation = allocation;
        this.allocationApprovals = allocationApprovals;
        this.caps = caps;
        this.controls = controls;
        this.calendars = calendars;
        this.trustedAdditions = trustedAdditions;
    }

    /**
     * The transactions that, once approved, their parties cannot undo: units surrendered, retired, cancelled or deducted,
     * a transfer out of the holder's account (only the receiving account could send them back), units taken back from a
     * holder (a return of excess) and a reversal (never itself reversed). A page asks the approver to tick that they
     * checked one before approving it (the API does not: its caller says so by calling).
     */
    static final java.util.Set<TransactionType> FINAL = java.util.EnumSet.of(TransactionType.TRANSFER, TransactionType.SURRENDER,
            TransactionType.RETIRE, TransactionType.CANCEL, TransactionType.FORCED_DEDUCTION, TransactionType.RETURN_OF_EXCESS, TransactionType.REVERSAL);

    /** The names of {@link #FINAL}, as the pages compare a row's type. */
    static final java.util.Set<String> FINAL_NAMES = FINAL.stream().map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** What a batch moves, for the one decision an approver makes on it. */
    public record BatchTotals(long lines, long total, String series, String from, long destinations) {
        static BatchTotals of(java.util.List<PageViews.TxRow> rows) {
            return new BatchTotals(rows.size(), rows.stream().mapToLong(PageViews.TxRow::quantity).sum(),
                    String.join(", ", rows.stream().map(PageViews.TxRow::series).distinct().sorted().toList()),
                    String.join(", ", rows.stream().map(r -> r.from() == null ? "—" : r.from()).distinct().sorted().toList()),
                    rows.stream().map(PageViews.TxRow::to).distinct().count());
        }
    }

    /**
     * A batch's own page: the lines the person may read (each line by the rule of a transaction: an entity reads its own
     * allocation line, not its neighbours'), with their totals. A batch of which the person may read no line is answered
     * as one that does not exist (the refusal is recorded): batch ids are guessable.
     */
    @GetMapping("/batches/{batchId}")
    String batch(@PathVariable String batchId, Model model) {
        Permissions p = access.current();
        java.util.List<Transaction> readable = desk.readableBatch(p, batchId);
        if (readable.isEmpty()) {
            // recorded as the refusal it is; answered as the unknown batch it looks like from outside
            if (!desk.readModel().batch(batchId).isEmpty()) desk.refuse(p, "READ batch", batchId, "NOT_AUTHORISED", p.login() + " may see no line of batch " + batchId)
                    .say("detail.unknownBatch", batchId);
            throw org.openets.web.Problem.notFound("UNKNOWN_BATCH", "no batch " + batchId).say("detail.unknownBatch", batchId);
        }
        Transaction first = readable.getFirst();
        PageViews.Rows rowMaker = new PageViews.Rows(desk, p);
        java.util.List<PageViews.TxRow> rows = rowMaker.of(readable);
        model.addAttribute("batchId", batchId);
        model.addAttribute("first", rowMaker.of(first));
        model.addAttribute("lines", rows);
        model.addAttribute("totals", BatchTotals.of(rows));
        model.addAttribute("declineReason", first.rejection() == org.openets.registry.Rejection.DECLINED ? desk.readModel().declineReason(first.id()).orElse(null) : null);
        return "batch";
    }

    /** One of the person's own pending transactions in the inbox, and whether they may cancel it there. */
    public record OwnPending(PageViews.TxRow tx, boolean mayCancel) { }

    /** An allocation batch waiting for approval: the run it issues and the [U] values that run rests on. */
    public record AllocationBatch(String batchId, long runId, String title, java.util.List<String> unconfirmed, java.util.List<String> acknowledgedBy) { }

    private static final java.util.regex.Pattern ALLOCATION_BATCH = java.util.regex.Pattern.compile("allocation-run-([0-9]{1,18})(-retry-[0-9]+)?");

    @GetMapping("/approvals")
    String inbox(@RequestParam(required = false) boolean all, Model model) {
        Permissions p = access.current();
        // a regulator's inbox shows what needs a regulator; holders' own transactions they may also approve (only where the
        // controls of the account's jurisdiction and type let administrators approve them), on request
        boolean regulatorView = p.isAdministrator() && !all;
        var everything = desk.inbox(p);
        var pending = regulatorView ? desk.forRegulators(everything) : everything;
        model.addAttribute("regulatorView", regulatorView);
        model.addAttribute("hidden", everything.size() - pending.size());
        PageViews.Rows rowMaker = new PageViews.Rows(desk, p);
        // a batch is one decision: one row with its totals (its lines on the batch's own page), not one row per line
        java.util.Map<String, java.util.List<PageViews.TxRow>> lines = new java.util.LinkedHashMap<>();
        java.util.List<PageViews.TxRow> decisions = new java.util.ArrayList<>();
        for (Transaction t : pending) {
            PageViews.TxRow row = rowMaker.of(t);
            if (t.batchId() == null) {
                decisions.add(row);
                continue;
            }
            java.util.List<PageViews.TxRow> rs = lines.computeIfAbsent(t.batchId(), k -> new java.util.ArrayList<>());
            if (rs.isEmpty()) decisions.add(row);
            rs.add(row);
        }
        model.addAttribute("pending", decisions);
        model.addAttribute("finalTypes", FINAL_NAMES);
        java.util.Map<String, BatchTotals> totals = new java.util.HashMap<>();
        lines.forEach((id, rs) -> totals.put(id, BatchTotals.of(rs)));
        model.addAttribute("batchTotals", totals);
        // the second administrator sees what an allocation batch rests on before approving it
        java.util.Map<String, AllocationBatch> batches = new java.util.LinkedHashMap<>();
        for (Transaction t : pending) {
            if (t.batchId() == null || batches.containsKey(t.batchId())) continue;
            var m = ALLOCATION_BATCH.matcher(t.batchId());
            if (!m.matches()) continue;
            long runId = Long.parseLong(m.group(1));
            allocation.run(runId).ifPresent(r -> batches.put(t.batchId(), new AllocationBatch(t.batchId(), runId, r.title(), allocationApprovals.unconfirmed(r),
                    allocation.issuanceOf(runId).map(i -> java.util.List.of(i.by())).orElse(java.util.List.of()))));
        }
        model.addAttribute("allocationBatches", batches.values());
        model.addAttribute("needsAcknowledgement", batches.values().stream().filter(b -> !b.unconfirmed().isEmpty()).map(AllocationBatch::batchId)
                .collect(java.util.stream.Collectors.toSet()));
        // the cap changes the person may approve (an administrator of the issuer who did not propose them), and their own
        // awaiting another administrator (read only, to withdraw), each with where its cap stands now
        var awaiting = caps.awaiting(p);
        var own = caps.ownPending(p);
        var standings = awaiting.isEmpty() && own.isEmpty() ? java.util.Map.<String, org.openets.web.desk.CapDesk.Standing>of() : caps.standings();
        model.addAttribute("capProposals", awaiting.stream().map(x -> AdminPages.CapProposalRow.of(x, standings, true, false)).toList());
        model.addAttribute("ownCapProposals", own.stream().map(x -> AdminPages.CapProposalRow.of(x, standings, false, true)).toList());
        // the control changes likewise: those the person may approve (an administrator of the jurisdiction who did not
        // propose them), and their own awaiting another administrator
        model.addAttribute("controlProposals", controls.awaiting(p).stream().map(x -> new ControlsPages.ProposalRow(x, true, false)).toList());
        model.addAttribute("ownControlProposals", controls.ownPending(p).stream().map(x -> new ControlsPages.ProposalRow(x, false, true)).toList());
        // and the calendar changes
        model.addAttribute("calendarProposals", calendars.awaiting(p).stream().map(x -> new CalendarPages.ProposalRow(x, true, false)).toList());
        model.addAttribute("ownCalendarProposals", calendars.ownPending(p).stream().map(x -> new CalendarPages.ProposalRow(x, false, true)).toList());
        // additions to trusted lists awaiting a second representative (4-eyes): those the person may decide, and their own
        model.addAttribute("pendingTrusted", trustedAdditions.pendingTrustedInbox(p));
        // the person's own transactions waiting for someone else (or approved and delayed): each with its link, and Cancel
        // where they may cancel it; a batch is one row (its first line) with how many lines it has
        java.util.Map<String, Integer> ownLines = new java.util.HashMap<>();
        java.util.List<OwnPending> ownPending = new java.util.ArrayList<>();
        for (Transaction t : desk.ownPending(p)) {
            if (t.batchId() != null && ownLines.merge(t.batchId(), 1, Integer::sum) > 1) continue;
            ownPending.add(new OwnPending(rowMaker.of(t), p.mayCancel(t, desk.governing(t))));
        }
        model.addAttribute("ownPending", ownPending);
        model.addAttribute("ownBatchLines", ownLines);
        return "approvals";
    }

    @GetMapping("/transactions/{id}")
    String transaction(@PathVariable long id, Model model) {
        Permissions p = access.current();
        Transaction t = desk.transaction(p, id);
        Account governing = desk.governing(t);
        boolean pending = t.status() == TransactionStatus.AWAITING_APPROVAL;
        model.addAttribute("tx", new PageViews.Rows(desk, p).of(t));
        model.addAttribute("mayApprove", pending && p.mayApprove(t, governing,
                p.administers(governing.jurisdiction()) && desk.readModel().administratorsApproveHolders(governing)));
        model.addAttribute("finalApproval", t.batchId() == null && FINAL.contains(t.type()));
        model.addAttribute("mayCancel", (pending || t.status() == TransactionStatus.DELAYED) && p.mayCancel(t, governing));
        // a counterparty's account is a link only for whoever may open it
        model.addAttribute("fromReadable", t.from() != 0 && desk.readModel().account(t.from()).map(p::mayRead).orElse(false));
        model.addAttribute("toReadable", t.to() != 0 && desk.readModel().account(t.to()).map(p::mayRead).orElse(false));
        // only what a reversal could correct: units moved between two accounts, not reversed yet (an issuance is not reversed)
        model.addAttribute("mayReverse", t.status() == TransactionStatus.COMPLETED && t.type().movesUnits() && t.type() != TransactionType.REVERSAL
                && t.from() != 0 && t.to() != 0 && desk.readModel().account(t.to()).map(a -> p.mayInitiate(TransactionType.REVERSAL, a)).orElse(false)
                && desk.readModel().reversalOf(t.id()).isEmpty());
        model.addAttribute("reversedBy", t.type() == TransactionType.REVERSAL ? null : desk.readModel().reversalOf(t.id()).orElse(null));
        model.addAttribute("declineReason", t.rejection() == org.openets.registry.Rejection.DECLINED ? desk.readModel().declineReason(t.id()).orElse(null) : null);
        // how many lines: those the person may read (an entity sees its own allocation line, not how many others there are)
        model.addAttribute("batchLines", t.batchId() == null ? 0 : desk.readableBatch(p, t.batchId()).size());
        model.addAttribute("commandId", PageSupport.newCommandId());
        return "transaction";
    }

    @PostMapping("/transactions/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(required = false) String back, @RequestParam(required = false) boolean acknowledgeUnconfirmed,
                   @RequestParam(required = false) boolean confirmBatch, @RequestParam(required = false) boolean confirmFinal, RedirectAttributes ra) {
        Permissions p = access.current();
        return PageSupport.act(ra, backTo(back, id), () -> {
            // one click approves every line of a batch: the page has the approver say they checked them (after who may see it,
            // and only someone who may approve it: anyone else is refused by the desk, recorded, whatever the ticks)
            Transaction seen = desk.actionable(p, id, "APPROVE");
            Account governing = desk.governing(seen);
            boolean mayApprove = p.mayApprove(seen, governing, p.administers(governing.jurisdiction()) && desk.readModel().administratorsApproveHolders(governing));
            if (mayApprove && seen.batchId() != null && !confirmBatch)
                throw org.openets.web.Problem.badRequest("VALIDATION_FAILED", "confirm that you checked the batch's lines before approving it all")
                        .say("detail.confirm.batch");
            // one that its parties cannot undo: the approver says they checked it
            if (mayApprove && seen.batchId() == null && FINAL.contains(seen.type()) && !confirmFinal)
                throw org.openets.web.Problem.badRequest("VALIDATION_FAILED", "confirm that you checked the transaction: once approved, its parties cannot undo it")
                        .say("detail.confirm.final");
            allocationApprovals.checkApproval(p, id, acknowledgeUnconfirmed);
            Transaction t = desk.approve(p, id);
            if (t.batchId() == null) return done(t, "APPROVED");
            long lines = desk.readModel().batch(t.batchId()).size();
            return new PageSupport.Flash("done", "BATCH_APPROVED", Long.toString(lines), t.id(), t.status().name());
        });
    }

    /** A correction of a completed transaction: a new transaction that moves exactly its units back, approved by a second administrator. */
    @PostMapping("/transactions/{id}/reverse")
    String reverse(@PathVariable long id, @RequestParam(required = false) String commandId, @RequestParam(required = false) boolean confirm,
                   @RequestParam(required = false) String reason, RedirectAttributes ra) {
        Permissions p = access.current();
        desk.transaction(p, id, "PROPOSE REVERSAL transaction");
        return PageSupport.act(ra, "/transactions/" + id, PageSupport.sent("reverse", "reason", reason), () -> {
            // authority before input: only an administrator of the jurisdiction reverses; anyone else is refused (recorded) before the reason is read
            desk.authoriseReversal(p, id);
            if (reason == null || reason.isBlank())
                throw org.openets.web.Problem.badRequest("VALIDATION_FAILED", "a reversal says what it corrects and why").say("detail.reason.reversal");
            if (!confirm) throw org.openets.web.Problem.badRequest("VALIDATION_FAILED", "confirm that the transaction is to be reversed").say("detail.confirm.reverse");
            Transaction r = desk.propose(p, new org.openets.web.desk.Proposal(commandId == null || commandId.isBlank() ? PageSupport.newCommandId() : commandId,
                    TransactionType.REVERSAL.name(), null, null, null, null, null, null, null, reason.strip(), null, id, null));
            return new PageSupport.Flash("done", "PROPOSED", null, r.id(), r.status().name());
        });
    }

    @PostMapping("/transactions/{id}/decline")
    String decline(@PathVariable long id, @RequestParam(required = false) String back, @RequestParam(required = false) String reason,
                   RedirectAttributes ra) {
        Permissions p = access.current();
        // refused (no reason, too long): the form comes back open with the text as typed
        return PageSupport.act(ra, backTo(back, id), PageSupport.sent("decline-" + id, "reason", reason), () -> {
            Transaction t = desk.decline(p, id, reason);
            if (t.batchId() == null) return done(t, "DECLINED");
            long lines = desk.readModel().batch(t.batchId()).size();
            return new PageSupport.Flash("done", "BATCH_DECLINED", Long.toString(lines), t.id(), t.status().name());
        });
    }

    @PostMapping("/transactions/{id}/cancel")
    String cancel(@PathVariable long id, @RequestParam(required = false) String back, RedirectAttributes ra) {
        Permissions p = access.current();
        return PageSupport.act(ra, backTo(back, id), () -> done(desk.cancel(p, id), "CANCELLED"));
    }

    private static PageSupport.Flash done(Transaction t, String what) {
        return new PageSupport.Flash("done", what, null, t.id(), t.status().name());
    }

    /** Back to the inbox or to the transaction; never to another site. */
    private static String backTo(String back, long id) {
        return "approvals".equals(back) ? "/approvals" : "/transactions/" + id;
    }
}
