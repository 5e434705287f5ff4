package org.openets.web.ui;

import org.openets.registry.Account;
import org.openets.kernel.SerialRange;
import org.openets.registry.Transaction;
import org.openets.web.CsvFiles;
import org.openets.web.desk.RegistryDesk;
import org.openets.web.security.Access;
import org.openets.web.security.Permissions;
import org.openets.workflows.registry.RegistryViews.BlockView;
import org.openets.workflows.registry.RegistryViews.HoldingView;
import org.openets.workflows.registry.RegistryViews.SeriesView;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An account's statement as CSV files, for whoever may read the account (anyone else: 403, recorded, as the account's
 * page): its holdings by unit type and vintage, its serial blocks, and its whole transaction history (newest first, of
 * one type and status when the page's filter names them; every row the person may read, however long the history:
 * written a page at a time as it is read). UTF-8 with a byte-order mark, times in UTC (ISO 8601), quantities in tonnes.
 */
@Controller
public class AccountStatements {
    private final RegistryDesk desk;
    private final Access access;
    /** How many rows of the history are read at a time while the file is written ({@code openets.pages.statement-rows}). */
    private final int page;

    public AccountStatements(RegistryDesk desk, Access access, @org.springframework.beans.factory.annotation.Value("${openets.pages.statement-rows:1000}") int page) {
        this.desk = desk;
        this.access = access;
        if (page < 1) throw new IllegalArgumentException("openets.pages.statement-rows must be at least 1, not " + page);
        this.page = page;
    }

    @GetMapping("/accounts/{ref}/holdings.csv")
    ResponseEntity<String> holdings(@PathVariable String ref) {
        Account a = desk.account(access.current(), ref);
        String asOf = utc(Instant.now());
        StringBuilder b = new StringBuilder("account,unit_type,vintage,project_id,series,quantity,frozen,as_of\r\n");
        for (HoldingView h : desk.readModel().holdings(a.id()))
            b.append(CsvFiles.line(a.number(), h.unitType(), h.vintage(), h.projectId(), h.seriesCode(), h.quantity(), h.frozen(), asOf));
        return CsvFiles.download(a.number() + "-holdings.csv", b.toString());
    }

    @GetMapping("/accounts/{ref}/blocks.csv")
    ResponseEntity<StreamingResponseBody> blocks(@PathVariable String ref) {
        Account a = desk.account(access.current(), ref);
        RegistryDesk.SeriesLookup series = desk.seriesById();
        RegistryDesk.AccountNumbers numbers = desk.accountNumbers();
        String asOf = utc(Instant.now());
        // every block, however many (the account page shows the first ones and sends here for the rest), read and written a
        // page at a time by key (series, first serial), as history.csv is: never the whole list in memory
        StreamingResponseBody body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(CsvFiles.BOM);
            w.write("account,series,first_serial,last_serial,quantity,pledged_to,as_of\r\n");
            long afterSeries = Long.MIN_VALUE, afterFirst = Long.MIN_VALUE;
            while (true) {
                List<BlockView> rows = desk.readModel().blocks(a.id(), afterSeries, afterFirst, page);
                for (BlockView x : rows) {
                    SeriesView s = series.get(x.seriesId());
                    w.write(CsvFiles.line(a.number(), x.seriesCode(), PageViews.serial(s, x.range().first()), PageViews.serial(s, x.range().last()),
                            x.quantity(), x.pledgee() == 0 ? null : numbers.number(x.pledgee()), asOf));
                }
                w.flush();
                if (rows.size() < page) break;
                BlockView last = rows.getLast();
                afterSeries = last.seriesId();
                afterFirst = last.range().first();
            }
        };
        return CsvFiles.download(a.number() + "-serial-blocks.csv").body(body);
    }

    @GetMapping("/accounts/{ref}/history.csv")
    ResponseEntity<StreamingResponseBody> history(@PathVariable String ref, @RequestParam(required = false) String type,
                                                  @RequestParam(required = false) String status) {
        Permissions p = access.current();
        Account a = desk.account(p, ref);
        // the filter is checked before the file starts (an unknown type or status is the page's 400, not half a file)
        RegistryDesk.History first = desk.history(p, a, Long.MAX_VALUE, type, status, page);
        RegistryDesk.SeriesLookup series = desk.seriesById();
        RegistryDesk.AccountNumbers numbers = desk.accountNumbers();
        StreamingResponseBody body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(CsvFiles.BOM);
            w.write("id,type,status,from,to,unit_type,vintage,project_id,quantity,serials,initiator,approved_by,proposed_at,approved_at,"
                    + "executes_at,completed_at,rejection,reverses,batch_id,command_id,pledged_to,beneficiary,purpose\r\n");
            RegistryDesk.History rows = first;
            while (true) {
                for (Transaction t : rows.rows()) w.write(line(t, series, numbers));
                w.flush();
                if (!rows.more() || rows.before() <= 0) break;
                rows = desk.history(p, a, rows.before(), type, status, page);
            }
            w.flush();
        };
        return ResponseEntity.ok().contentType(CsvFiles.CSV)
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + a.number() + "-transactions.csv\"")
                .body(body);
    }

    private static String line(Transaction t, RegistryDesk.SeriesLookup series, RegistryDesk.AccountNumbers numbers) {
        SeriesView s = series.get(t.seriesId());
        String serials = t.ranges().stream().map(r -> range(s, r)).collect(Collectors.joining(" "));
        return CsvFiles.line(List.of(t.id(), t.type().name(), t.status().name(), orEmpty(numbers.number(t.from())), orEmpty(numbers.number(t.to())),
                s == null ? "" : s.unitType(), s == null ? "" : s.vintage(), s == null || s.projectId() == null ? "" : s.projectId(), t.quantity(), serials,
                t.initiator().value(), t.approvedBy() == null ? "" : t.approvedBy().value(), utc(t.proposedAt()), utc(t.approvedAt()),
                utc(t.executesAt()), utc(t.completedAt()), t.rejection() == null ? "" : t.rejection().name(), t.reverses() == 0 ? "" : t.reverses(),
                t.batchId() == null ? "" : t.batchId(), t.commandId().value(), t.pledgee() == 0 ? "" : orEmpty(numbers.number(t.pledgee())),
                t.beneficiary() == null ? "" : t.beneficiary(), t.purpose() == null ? "" : t.purpose()));
    }

    private static String range(SeriesView s, SerialRange r) {
        return r.first() == r.last() ? PageViews.serial(s, r.first()) : PageViews.serial(s, r.first()) + "~" + PageViews.serial(s, r.last());
    }

    private static String orEmpty(String s) { return s == null ? "" : s; }

    private static String utc(Instant t) { return t == null ? "" : t.truncatedTo(ChronoUnit.SECONDS).toString(); }
}
