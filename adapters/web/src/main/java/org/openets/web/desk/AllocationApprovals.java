package org.openets.web.desk;

import org.openets.registry.Transaction;
import org.openets.web.Problem;
import org.openets.web.security.Permissions;
import org.openets.workflows.allocation.AllocationService;
import org.openets.workflows.allocation.AllocationViews.RunRecord;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Approving an allocation batch built on unconfirmed [U] values needs the approver's own acknowledgement too, not only
 * the proposer's: the approve call of such a batch's transaction is refused (409 UNCONFIRMED_NOT_ACKNOWLEDGED, naming
 * the values) unless it says {@code acknowledgeUnconfirmed=true}.
 */
@Component
public class AllocationApprovals {
    private static final Pattern BATCH = Pattern.compile("allocation-run-([0-9]{1,18})(-retry-[0-9]+)?");

    private final RegistryDesk desk;
    private final AllocationService allocation;

    public AllocationApprovals(RegistryDesk desk, AllocationService allocation) {
        this.desk = desk;
        this.allocation = allocation;
    }

    /** The allocation run a batch issues, if it is one. */
    public Optional<RunRecord> runOf(String batchId) {
        if (batchId == null) return Optional.empty();
        Matcher m = BATCH.matcher(batchId);
        return m.matches() ? allocation.run(Long.parseLong(m.group(1))) : Optional.empty();
    }

    public void checkApproval(Permissions p, long transactionId, boolean acknowledged) {
        Transaction t = desk.actionable(p, transactionId, "APPROVE");
        Optional<RunRecord> run = runOf(t.batchId());
        if (run.isEmpty() || acknowledged) return;
        java.util.List<String> unconfirmed = unconfirmed(run.get());
        if (unconfirmed.isEmpty()) return;
        throw new Problem(HttpStatus.CONFLICT, "UNCONFIRMED_NOT_ACKNOWLEDGED", "this batch issues allocation run " + run.get().id()
                + ", which rests on unconfirmed [U] values; approve with acknowledgeUnconfirmed=true to accept them")
                .say("detail.unconfirmedBatch", run.get().id())
                .with("details", unconfirmed).with("run", run.get().id());
    }

    /** The [U] rows an issuance of the run rests on: those its proposer acknowledged (a true-up's include its pre-run's). */
    public java.util.List<String> unconfirmed(RunRecord run) {
        return allocation.issuanceOf(run.id()).map(i -> i.acknowledged()).orElse(run.unconfirmed());
    }
}
