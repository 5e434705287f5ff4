package org.openets.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openets.registry.Account;
import org.openets.web.api.ApiViews.AccountJson;
import org.openets.web.api.ApiViews.BlockJson;
import org.openets.web.api.ApiViews.HoldingJson;
import org.openets.web.api.ApiViews.TransactionJson;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.RegistryViews;
import org.openets.workflows.registry.RegistryViews.SeriesView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts", description = "Accounts, holdings, serial blocks and transaction history")
public class AccountsApi {
    private final RegistryDesk desk;
    private final Access access;

    public AccountsApi(RegistryDesk desk, Access access) {
        this.desk = desk;
        this.access = access;
    }

    /** Accounts a page of the API's list. */
    public static final int ACCOUNTS_PAGE = 1000, ACCOUNTS_MAX = 5000;

    @GetMapping
    @Operation(summary = "The accounts you may see: your own; for administrators their jurisdictions'; for auditors all. A page at a time, "
            + "by jurisdiction and type (as the pages list them): limit (1 to 5,000, default 1,000); the X-Next-After header, present when there are more, "
            + "is the after of the next page (the number of this page's last account)")
    public org.springframework.http.ResponseEntity<List<AccountJson>> accounts(@RequestParam(defaultValue = "" + ACCOUNTS_PAGE) int limit,
                                                                         @RequestParam(required = false) String after) {
        Permissions p = access.current();
        RegistryDesk.AccountPage page = desk.accounts(p, a -> true, after, null, Math.clamp(limit, 1, ACCOUNTS_MAX));
        var answer = org.springframework.http.ResponseEntity.ok();
        if (page.next()) answer.header("X-Next-After", page.rows().getLast().number());
        return answer.body(page.rows().stream().map(a -> AccountJson.of(a, p)).toList());
    }

    @GetMapping("/{account}")
    @Operation(summary = "One account, by number (e.g. GD-120-001042) or id")
    public AccountJson account(@PathVariable String account) {
        Permissions p = access.current();
        return AccountJson.of(desk.account(p, account), p);
    }

    @GetMapping("/{account}/holdings")
    @Operation(summary = "What the account holds, by unit type, vintage and project")
    public List<HoldingJson> holdings(@PathVariable String account) {
        Account a = desk.account(access.current(), account);
        return desk.readModel().holdings(a.id()).stream()
                .map(h -> new HoldingJson(h.seriesCode(), h.unitType(), h.vintage(), h.projectId(), h.quantity(), h.frozen(), h.quantity() - h.frozen()))
                .toList();
    }

    /** Serial blocks a page of the API: by default as many as the list held before it was paged, so a client that reads one page sees what it saw. */
    public static final int BLOCKS_PAGE = 5000, BLOCKS_MAX = 5000;

    @GetMapping("/{account}/blocks")
    @Operation(summary = "The serial-numbered blocks the account holds, by series and first serial, a page at a time: limit (1 to 5,000, default 5,000); "
            + "the X-Next-After header, present when there are more, is the after of the next page (an opaque cursor: send it back as it is)")
    public org.springframework.http.ResponseEntity<List<BlockJson>> blocks(@PathVariable String account, @RequestParam(defaultValue = "" + BLOCKS_PAGE) int limit,
                                                                     @RequestParam(required = false) String after) {
        Account a = desk.account(access.current(), account);
        long[] from = blockCursor(after);
        int n = Math.clamp(limit, 1, BLOCKS_MAX);
        List<RegistryViews.BlockView> read = desk.readModel().blocks(a.id(), from[0], from[1], n + 1);
        List<RegistryViews.BlockView> page = read.size() > n ? read.subList(0, n) : read;
        RegistryDesk.SeriesLookup series = desk.seriesById();
        RegistryDesk.AccountNumbers numbers = desk.accountNumbers();
        var answer = org.springframework.http.ResponseEntity.ok();
        // where the next page starts, when there is one: the key (series, first serial) of this page's last block
        if (read.size() > n) answer.header("X-Next-After", page.getLast().seriesId() + ":" + page.getLast().range().first());
        return answer.body(page.stream()
                .map(b -> new BlockJson(b.seriesCode(), ApiViews.serial(series.get(b.seriesId()), b.range().first()),
                        ApiViews.serial(series.get(b.seriesId()), b.range().last()), b.quantity(), numbers.number(b.pledgee())))
                .toList());
    }

    /** A blocks page's {@code after} (series id and first serial, as X-Next-After gives it); none: from the first block. 400 VALIDATION_FAILED otherwise. */
    static long[] blockCursor(String after) {
        if (after == null || after.isBlank()) return new long[]{Long.MIN_VALUE, Long.MIN_VALUE};
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,18}):([0-9]{1,18})").matcher(after.strip());
        if (!m.matches()) throw org.openets.web.Problem.badRequest("VALIDATION_FAILED", "after is the X-Next-After of the page before, e.g. 12:4001")
                .say("detail.blocks.after");
        return new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    @GetMapping("/{account}/transactions")
    @Operation(summary = "Transactions from or to the account, newest first; page with before (the last id of the page before), "
            + "filter by type and status")
    public org.springframework.http.ResponseEntity<List<TransactionJson>> transactions(@PathVariable String account, @RequestParam(defaultValue = "100") int limit,
                                              @RequestParam(required = false) Long before, @RequestParam(required = false) String type,
                                              @RequestParam(required = false) String status) {
        Permissions p = access.current();
        Account a = desk.account(p, account);
        var h = desk.history(p, a, before == null ? Long.MAX_VALUE : before, type, status, Math.clamp(limit, 1, 1000));
        // where the next page starts, when there is one (a page may hold fewer rows than asked: rows the caller may not read)
        var answer = org.springframework.http.ResponseEntity.ok();
        if (h.more()) answer.header("X-Next-Before", Long.toString(h.before()));
        return answer.body(new ApiViews.Transactions(desk).of(h.rows()));
    }
}
