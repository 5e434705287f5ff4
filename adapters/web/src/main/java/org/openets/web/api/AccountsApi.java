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

    @GetMapping
    @Operation(summary = "The accounts you may see: your own; for administrators their jurisdictions'; for auditors all")
    public List<AccountJson> accounts() {
        Permissions p = access.current();
        return desk.accounts(p).stream().map(a -> AccountJson.of(a, p)).toList();
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

    @GetMapping("/{account}/blocks")
    @Operation(summary = "The serial-numbered blocks the account holds")
    public List<BlockJson> blocks(@PathVariable String account) {
        Account a = desk.account(access.current(), account);
        RegistryDesk.SeriesLookup series = desk.seriesById();
        RegistryDesk.AccountNumbers numbers = desk.accountNumbers();
        return desk.readModel().blocks(a.id()).stream()
                .map(b -> new BlockJson(b.seriesCode(), ApiViews.serial(series.get(b.seriesId()), b.range().first()),
                        ApiViews.serial(series.get(b.seriesId()), b.range().last()), b.quantity(), numbers.number(b.pledgee())))
                .toList();
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
