package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.web.desk.AuditDesk;
import org.openets.web.desk.JournalChecks;
import org.openets.web.security.Access;
import org.openets.web.security.RefusalLog;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@Tag(name = "Audit", description = "For auditors: every refused request; for auditors and registry administrators: the journal's verification")
public class AuditApi {
    private final AuditDesk audit;
    private final Access access;

    public AuditApi(AuditDesk audit, Access access) {
        this.audit = audit;
        this.access = access;
    }

    @GetMapping("/api/v1/audit/refusals")
    @Operation(summary = "Refused requests, newest first (auditors only), up to limit (1 to 5,000) a page: the X-Next-Before header, present when there is more, "
            + "is the before of the next (older) page. Filters: actor (a login, any letter case), code, action (the whole action, or its verb: READ, GET, LOGIN), "
            + "from (inclusive) and to (exclusive): an instant (2024-05-01T02:30:00Z), a date and time in China Standard Time (2024-05-01T10:30) or a date "
            + "(to: through its end); who: all (the default: anonymous requests and failed sign-ins too) or signed-in")
    public ResponseEntity<List<RefusalLog.Refusal>> refusals(@RequestParam(required = false) String actor, @RequestParam(required = false) String code,
                                                             @RequestParam(required = false) String action, @RequestParam(required = false) String from,
                                                             @RequestParam(required = false) String to, @RequestParam(required = false) String who,
                                                             @RequestParam(required = false) String before, @RequestParam(defaultValue = "200") int limit) {
        RefusalLog.Query q = AuditDesk.query(actor, code, action, from, to, who, AuditDesk.ALL);
        AuditDesk.Page page = audit.refusals(access.current(), q, AuditDesk.before(before), limit);
        var answer = ResponseEntity.ok();
        if (page.more()) answer.header("X-Next-Before", Long.toString(page.next()));
        return answer.body(page.rows());
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "AuditProblemJson")

    public record ProblemJson(Long seq, String code, String detail) {
        static ProblemJson of(JournalChecks.Problem p) { return new ProblemJson(p.seq() < 0 ? null : p.seq(), p.code(), p.detail()); }
    }

    /**
     * A verification: {@code chainBreak} the entry where the hash chain breaks and why (null while it holds); {@code problems}
     * the first 100 found ({@code seq} null for the registry's holdings; {@code detail} for auditors only), {@code problemCount} all.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "AuditVerificationJson")
    public record VerificationJson(long id, String by, Instant startedAt, long millis, long entries, String headHash, boolean intact,
                                   ProblemJson chainBreak, int problemCount, List<ProblemJson> problems) {
        static VerificationJson of(JournalChecks.Run r) {
            return new VerificationJson(r.id(), r.by(), r.startedAt(), r.millis(), r.entries(), r.headHash(), r.intact(),
                    r.chainBreak() == null ? null : ProblemJson.of(r.chainBreak()), r.problemCount(), r.problems().stream().map(ProblemJson::of).toList());
        }
    }

    @GetMapping("/api/v1/audit/journal/verifications")
    @Operation(summary = "The newest 20 verifications of the journal, newest first (auditors and registry administrators)")
    public List<VerificationJson> verifications() {
        return audit.journalRuns(access.current()).stream().map(VerificationJson::of).toList();
    }

    @PostMapping("/api/v1/audit/journal/verifications")
    @Operation(summary = "Verify the journal now, as 'openets journal verify' does: the hash chain from genesis, then every balance from the journal against the "
            + "registry's holdings, blocks and transactions; recorded. One at a time: 409 VERIFICATION_RUNNING while another runs; "
            + "429 VERIFICATION_COOLDOWN (with retryAfterSeconds) within openets.audit.journal-verification-cooldown (default 60 s) after the last run ended (auditors and registry administrators)")
    public VerificationJson verify() {
        return VerificationJson.of(audit.verifyJournal(access.current()));
    }
}
