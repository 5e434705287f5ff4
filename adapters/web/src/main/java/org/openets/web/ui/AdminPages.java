package org.openets.web.ui;

import org.openets.registry.Account;
import org.openets.registry.AccountType;
import org.openets.registry.Transaction;
import org.openets.registry.TransactionType;
import org.openets.web.Problem;
import org.openets.web.desk.CapDesk;
import org.openets.web.desk.Proposal;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.RegistryViews.CapProposalView;
import org.openets.workflows.registry.RegistryViews.HoldingView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry administrator's work (主管部门): propose an issuance (发放前的签发), a cap (总量上限) and an allocation
 * table (配额分配), each approved by a second administrator (an issuance or a table in the approval inbox; a cap on the
 * issuance page or in the inbox).
 */
@Controller
public class AdminPages {
    /** Where an allocation goes out of (ROUTE_NOT_ALLOWED otherwise: docs/reference/rejection-codes.md). */
    private static final Set<AccountType> SOURCES = Set.of(AccountType.ALLOCATION, AccountType.AUCTION, AccountType.NEW_ENTRANT_RESERVE);
    /** The decided cap changes the issuance page shows, newest first. */
    private static final int DECIDED_SHOWN = 20;

    private final RegistryDesk desk;
    private final CapDesk caps;
    private final Access access;

    public AdminPages(RegistryDesk desk, CapDesk caps, Access access) {
        this.desk = desk;
        this.caps = caps;
        this.access = access;
    }

    private Permissions administrator() {
        Permissions p = access.current();
        if (!p.isAdministrator() || !p.mayWrite())
            throw desk.refuse(p, "OPEN administration", null, "NOT_AUTHORISED", "only registry administrators propose issuance and allocation").say("detail.deny.administration");
        return p;
    }

    /**
     * A cap change on the issuance page: what it proposes next to where its cap stands now (the cap, what is issued and
     * what awaits approval: the lowest cap an approval accepts), whether approving it now would be refused (below that
     * lowest cap; the cap changed since it was proposed), and what the signed-in administrator may do with it (approve or
     * decline it: another administrator of its issuer; withdraw it: its proposer).
     */
    public record CapProposalRow(CapProposalView proposal, CapDesk.Standing standing, boolean mayDecide, boolean mayWithdraw) {
        public Long current() { return standing.current(); }

        public boolean refusedBelow() { return standing.refusesBelow(proposal); }

        public boolean refusedChanged() { return standing.refusesChanged(proposal); }

        static CapProposalRow of(CapProposalView x, java.util.Map<String, CapDesk.Standing> standings, boolean mayDecide, boolean mayWithdraw) {
            return new CapProposalRow(x, CapDesk.standing(standings, x), mayDecide, mayWithdraw);
        }
    }

    @GetMapping("/admin/issuance")
    String issuance(Model model) {
        Permissions p = administrator();
        var issuable = desk.issuable(p);
        Set<String> codes = new TreeSet<>();
        issuable.forEach(e -> codes.add(e.unitType().code()));
        var caps = desk.readModel().caps().stream().filter(c -> codes.contains(c.unitType())).toList();
        model.addAttribute("unitTypes", issuable);
        model.addAttribute("caps", caps);
        // every version of the caps of the units the administrator issues, newest first
        model.addAttribute("capHistory", this.caps.history(p).stream().filter(c -> codes.contains(c.unitType())).toList());
        // the changes of those caps: pending ones with what the administrator may do, then the newest decided ones
        var standings = this.caps.standings();
        model.addAttribute("capProposals", this.caps.proposals(p, "PENDING").stream().filter(x -> codes.contains(x.unitType()))
                .map(x -> CapProposalRow.of(x, standings, this.caps.mayDecide(p, x), this.caps.mayWithdraw(p, x))).toList());
        model.addAttribute("capDecided", this.caps.proposals(p, null).stream().filter(x -> !x.pending() && codes.contains(x.unitType())).limit(DECIDED_SHOWN)
                .map(x -> CapProposalRow.of(x, standings, false, false)).toList());
        // the latest vintage with room left under its cap (an issuance without a cap is refused), else last year
        model.addAttribute("defaultVintage", caps.stream().filter(c -> c.remaining() > 0).mapToInt(c -> c.vintage()).max()
                .orElse(LocalDate.now(PageViews.ZONE).getYear() - 1));
        model.addAttribute("commandId", PageSupport.newCommandId());
        model.addAttribute("capCommandId", PageSupport.newCommandId());
        return "admin-issuance";
    }

    @PostMapping("/admin/issuance")
    String issue(@RequestParam(required = false) String commandId, @RequestParam(required = false) String unitType,
                 @RequestParam(required = false) Integer vintage, @RequestParam(required = false) String projectId,
                 @RequestParam(required = false) String quantity, @RequestParam(required = false) String projectType,
                 @RequestParam(required = false) String originRegion, @RequestParam(required = false) String reductionFrom,
                 @RequestParam(required = false) String reductionTo, @RequestParam(required = false) boolean insideCoveredBoundary,
                 RedirectAttributes ra) {
        Permissions p = administrator();
        var sent = PageSupport.sent("issuance", "unitType", unitType, "vintage", vintage == null ? "" : vintage.toString(), "quantity", quantity,
                "projectId", projectId, "projectType", projectType, "originRegion", originRegion, "reductionFrom", reductionFrom, "reductionTo", reductionTo);
        return PageSupport.act(ra, "/admin/issuance", sent, () -> {
            boolean offset = desk.unitTypes().stream().anyMatch(e -> e.unitType().code().equals(unitType) && e.unitType().isOffset());
            Proposal.Offset attributes = offset ? new Proposal.Offset(emptyToNull(projectType), emptyToNull(originRegion), date(reductionFrom),
                    date(reductionTo), insideCoveredBoundary) : null;
            Transaction t = desk.propose(p, new Proposal(commandId == null || commandId.isBlank() ? PageSupport.newCommandId() : commandId,
                    TransactionType.ISSUE.name(), null, null, unitType, vintage, emptyToNull(projectId),
                    AccountPages.FormQuantities.parse(quantity), null, null, null, null, attributes));
            // the issuance stands; a pending cap change it outgrew could now not be approved: said next to the result
            caps.afterIssue(t, unitType == null ? null : unitType.strip().toUpperCase(java.util.Locale.ROOT), vintage)
                    .ifPresent(w -> ra.addFlashAttribute("capWarning", w));
            return new PageSupport.Flash("done", "PROPOSED", null, t.id(), t.status().name());
        });
    }

    /**
     * Proposes a cap (an administrator of the unit type's issuer, on a source); it takes effect when a second
     * administrator approves it below. Anyone else is refused with a 403 page (recorded as proposing that cap), not sent
     * back to a page they may not open.
     */
    @PostMapping("/admin/issuance/cap")
    String proposeCap(@RequestParam(required = false) String commandId, @RequestParam(required = false) String unitType, @RequestParam(required = false) String vintage,
                      @RequestParam(required = false) String quantity, @RequestParam(required = false) String source, RedirectAttributes ra) {
        // who may propose it is the desk's first question, recorded as PROPOSE issuance limit change (not as opening the administration pages)
        Permissions p = access.current();
        if (!FourEyesForms.refusedOnThePage(p)) caps.authorise(p, unitType, vintage);
        var sent = PageSupport.sent("cap", "unitType", unitType, "vintage", vintage, "quantity", quantity, "source", source);
        return PageSupport.act(ra, "/admin/issuance", sent, () -> {
            caps.authorise(p, unitType, vintage);
            CapProposalView x = caps.propose(p, commandId == null || commandId.isBlank() ? PageSupport.newCommandId() : commandId, unitType, vintage,
                    AccountPages.FormQuantities.parse(quantity), source);
            return PageSupport.Flash.done("CAP_PROPOSED", org.openets.web.Problem.labelled(x.unitType() + " " + x.vintage(), String.format(java.util.Locale.ROOT, "%,d", x.quantity())));
        });
    }

    /** A second administrator of the issuer approves a pending cap change: the cap is set. From this page or the approval inbox ({@code back=approvals}). */
    @PostMapping("/admin/issuance/cap-proposals/{id}/approve")
    String approveCap(@PathVariable long id, @RequestParam(required = false) String back, RedirectAttributes ra) {
        return FourEyesForms.approve(caps, access.current(), id, ra, capsBack(back), d -> PageSupport.Flash.done("CAP_APPROVED",
                org.openets.web.Problem.labelled(d.proposal().unitType() + " " + d.proposal().vintage(), String.format(java.util.Locale.ROOT, "%,d", d.proposal().quantity()))));
    }

    /** Another administrator of the issuer declines a pending cap change, saying why. */
    @PostMapping("/admin/issuance/cap-proposals/{id}/decline")
    String declineCap(@PathVariable long id, @RequestParam(required = false) String back, @RequestParam(required = false) String reason, RedirectAttributes ra) {
        return FourEyesForms.decline(caps, access.current(), id, reason, "cap", ra, capsBack(back), d -> capDone("CAP_DECLINED", d.proposal()));
    }

    /** The proposer withdraws their pending cap change, saying why. From this page or the approval inbox ({@code back=approvals}). */
    @PostMapping("/admin/issuance/cap-proposals/{id}/withdraw")
    String withdrawCap(@PathVariable long id, @RequestParam(required = false) String back, @RequestParam(required = false) String reason, RedirectAttributes ra) {
        return FourEyesForms.withdraw(caps, access.current(), id, reason, "cap", ra, capsBack(back), d -> capDone("CAP_WITHDRAWN", d.proposal()));
    }

    private static PageSupport.Flash capDone(String code, CapProposalView x) { return new PageSupport.Flash("done", code, x.unitType() + " " + x.vintage(), null, null); }

    /** Back to the approval inbox or to the issuance page; never to another site. */
    private static String capsBack(String back) {
        return "approvals".equals(back) ? "/approvals" : "/admin/issuance";
    }

    public record SourceRow(Account account, List<HoldingView> holdings) {}

    /** An account an allocation may go to, and the numbers of the accounts it may come out of. */
    public record Receiver(Account account, List<String> sources) {}

    @GetMapping("/admin/allocation")
    String allocation(Model model) {
        Permissions p = administrator();
        List<Account> visible = desk.accounts(p);
        List<SourceRow> sources = visible.stream().filter(a -> SOURCES.contains(a.type()) && p.administers(a.jurisdiction()))
                .map(a -> new SourceRow(a, desk.readModel().holdings(a.id()))).toList();
        Set<String> series = new TreeSet<>();
        sources.forEach(s -> s.holdings().forEach(h -> series.add(h.seriesCode())));
        model.addAttribute("sources", sources);
        model.addAttribute("series", series);
        // the accounts an allocation may go to, each with the sources it may come out of: the registry's route rule says
        // (free allocation to covered entities only, auctioned units to buyers and the auction delivery account), and a
        // closed or suspended account receives nothing
        List<Receiver> holders = visible.stream().filter(a -> !a.type().isGovernment() && p.administers(a.jurisdiction()) && a.status().mayReceive())
                .map(a -> new Receiver(a, sources.stream().map(SourceRow::account).filter(s -> s.jurisdiction().equals(a.jurisdiction())
                        && org.openets.registry.Registry.refusalByAccounts(TransactionType.ALLOCATE, s, a).isEmpty()).map(Account::number).toList()))
                .filter(r -> !r.sources().isEmpty()).toList();
        model.addAttribute("holders", holders);
        // the example line names an account the administrator may allocate to (listed below it), else the shape of a number
        model.addAttribute("exampleAccount", holders.isEmpty() ? "XX-120-nnnnnn" : holders.getFirst().account().number());
        model.addAttribute("commandId", PageSupport.newCommandId());
        return "admin-allocation";
    }

    /** A line of an allocation table: an account number, a separator (comma, semicolon, tab, space or 、), its quantity (150000 or 150,000). */
    static final java.util.regex.Pattern ALLOCATION_LINE = java.util.regex.Pattern.compile("([^,;\\t 、]+)[,;\\t 、]+(.*?)[,;\\t 、]*");
    /** An allocation line's quantity cell: no separator in it, or commas grouping digits by three (150,000). */
    static final java.util.regex.Pattern ONE_QUANTITY = java.util.regex.Pattern.compile("[^,;\\t 、]+|\\d{1,3}(,\\d{3})+");
    /** An allocation line's quantity cell written as a number that is not whole tonnes: digits and commas with a decimal point or an exponent (1,000.5). */
    static final java.util.regex.Pattern NOT_WHOLE = java.util.regex.Pattern.compile("(?=.*[.eE])[-+]?(?=[\\d,.]*\\d)[\\d,]*(\\.[\\d,]*)?([eE][-+]?\\d+)?");

    @PostMapping("/admin/allocation")
    String allocate(@RequestParam(required = false) String commandId, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String series, @RequestParam(required = false) String lines, RedirectAttributes ra) {
        Permissions p = administrator();
        return PageSupport.act(ra, "/admin/allocation", PageSupport.sent("allocation", "from", from, "series", series, "lines", lines), () -> {
            AccountPages.SeriesChoice s = AccountPages.SeriesChoice.parse(series);
            List<Proposal> proposals = new ArrayList<>();
            String[] rows = lines == null ? new String[0] : lines.split("\\R");
            java.util.Map<String, Integer> lineOf = new java.util.HashMap<>();
            for (int i = 0; i < rows.length; i++) {
                // full-width forms as a Chinese keyboard types them (，；１００　) read as their ASCII forms, 、 as a separator too
                String row = org.openets.web.FullWidth.toAscii(rows[i]).strip();
                if (row.isEmpty() || row.startsWith("#")) continue;
                // the account, then its quantity after the first separator: the quantity may have thousands separators (150,000)
                java.util.regex.Matcher m = ALLOCATION_LINE.matcher(row);
                // the quantity is one cell: digits, or digits grouped by commas every three (150,000); a third cell
                // ("acct, 150, 200", "acct 12 345") is not read as one grouped number
                // a number with a decimal point or an exponent (1,000.5, 1e3) is one cell too: it is refused as a quantity, not
                // as a line without one
                String[] cells = m.matches() && !m.group(2).isEmpty() && (ONE_QUANTITY.matcher(m.group(2)).matches() || NOT_WHOLE.matcher(m.group(2)).matches())
                        ? new String[]{m.group(1), m.group(2)} : new String[]{row};
                if (cells.length != 2) throw Problem.badRequest("VALIDATION_FAILED", "line " + (i + 1) + ": write an account number and a quantity").say("detail.allocationLine", i + 1);
                // one line per account: the same account twice is a slip of the paste, not two allocations
                // the same account however it is written (its number in any case, or another form the desk reads)
                String key = desk.find(cells[0]).map(a -> "#" + a.id()).orElse(cells[0].toUpperCase(java.util.Locale.ROOT));
                Integer earlier = lineOf.putIfAbsent(key, i + 1);
                if (earlier != null) throw Problem.badRequest("VALIDATION_FAILED", "line " + (i + 1) + ": account " + cells[0] + " is already on line " + earlier
                        + "; an allocation table names each account once").say("detail.allocationLineTwice", i + 1, cells[0], earlier);
                java.math.BigDecimal quantity;
                try {
                    quantity = AccountPages.FormQuantities.parse(cells[1]);
                } catch (Problem bad) {
                    String cell = cells[1].length() <= 40 ? cells[1] : cells[1].substring(0, 40) + "…";
                    throw Problem.unprocessable("INVALID_QUANTITY", "line " + (i + 1) + ": \"" + cell
                            + "\" is not a quantity in whole tonnes written in digits (no decimal point or exponent; 150000 or 150,000)")
                            .say("detail.allocationLineQuantity", i + 1, cell);
                }
                proposals.add(new Proposal(null, TransactionType.ALLOCATE.name(), from, cells[0], s.unitType(), s.vintage(), s.projectId(),
                        quantity, null, null, null, null, null));
            }
            RegistryDesk.BatchResult r = desk.proposeBatch(p, commandId == null || commandId.isBlank() ? PageSupport.newCommandId() : commandId, proposals);
            Transaction first = r.lines().getFirst();
            return new PageSupport.Flash("done", "BATCH_PROPOSED", r.lines().size() + "", first.id(), first.status().name());
        });
    }

    private static String emptyToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }

    private static LocalDate date(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("VALIDATION_FAILED", "dates are written 2024-01-31").say("detail.dateFormat");
        }
    }
}
