package org.openets.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The calendar of holidays and make-up workdays: changes proposed by one administrator of the jurisdiction and approved
 * by a second (4-eyes), in the API and the pages in both languages; the day rules checked when proposed and again when
 * approved; the refusals of authority, recorded. Works on CN, on days of the year three years ahead.
 */
class CalendarHttpTest extends ServerTestBase {
    static final int Y = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + 3;

    HttpResponse<String> delete(String path, String login, String json) {
        return send(request(path, login).header("Content-Type", "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Each test starts with no calendar change of CN pending (one at a time per jurisdiction). */
    @BeforeEach
    void noPendingProposal() {
        update("UPDATE calendar_proposal SET status = 'WITHDRAWN', decided_by = proposed_by, decided_at = now(), decision_reason = 'test reset' "
                + "WHERE jurisdiction = 'CN' AND status = 'PENDING'");
    }

    long proposalId(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).path("id").asLong();
    }

    long days(LocalDate d) { return count("SELECT count(*) FROM calendar_day WHERE jurisdiction = 'CN' AND day = ?", d); }

    static int badge(String page) {
        Matcher m = Pattern.compile("class=\"badge\">(\\d+)<").matcher(page);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Test
    void a_change_proposed_by_one_administrator_is_written_only_when_a_second_approves_it_and_kept_with_both() {
        LocalDate newYear = LocalDate.of(Y, 1, 1), sat = LocalDate.of(Y, 3, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)), mon = sat.plusDays(2);
        // the day rules, when proposed: nothing proposed
        assertProblem(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + mon + "\",\"kind\":\"MAKE_UP_WORKDAY\",\"note\":\"x\"}"), 422, "CALENDAR_MAKE_UP_NOT_WEEKEND");
        assertProblem(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"2025-01-02\",\"kind\":\"HOLIDAY\",\"note\":\"x\"}"), 422, "CALENDAR_DAY_PAST");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        assertProblem(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + today + "\",\"kind\":\"HOLIDAY\",\"note\":\"x\"}"), 422, "CALENDAR_DAY_PAST");
        assertProblem(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + sat + "\",\"kind\":\"HOLIDAY\",\"note\":\" \"}"), 400, "VALIDATION_FAILED");
        assertProblem(delete("/api/v1/calendar/CN/days/" + mon, "admin-cn", "{\"note\":\"x\"}"), 404, "CALENDAR_DAY_NOT_FOUND");
        HttpResponse<String> bad = postJson("/api/v1/calendar/CN/import", "admin-cn",
                "{\"lines\":\"" + sat + "\\tMAKE_UP_WORKDAY\\t调休\\n" + mon + "\\tMAKE_UP_WORKDAY\\t调休\",\"reason\":\"国办发明电\"}");
        assertProblem(bad, 422, "CALENDAR_MAKE_UP_NOT_WEEKEND");
        assertThat(json(bad).path("detail").asString()).startsWith("line 2: ");
        assertThat(json(bad).path("errors").get(0).path("line").asInt()).isEqualTo(2);
        // a notice without a reason
        assertProblem(postJson("/api/v1/calendar/CN/import", "admin-cn", "{\"lines\":\"" + sat + "\\tMAKE_UP_WORKDAY\\t调休\"}"), 400, "VALIDATION_FAILED");
        assertThat(count("SELECT count(*) FROM calendar_proposal WHERE jurisdiction = 'CN' AND status = 'PENDING'")).isZero();

        // proposed: nothing written yet; one pending change per jurisdiction
        int inboxBefore = badge(page("/approvals", "admin2-cn").body());
        long id = proposalId(postJson("/api/v1/calendar/CN/import", "admin-cn",
                "{\"lines\":\"" + newYear + "\\tHOLIDAY\\t元旦\\n" + sat + "\\tMAKE_UP_WORKDAY\\t调休\",\"reason\":\"国办发明电〔" + (Y - 1) + "〕号\"}"));
        JsonNode proposal = json(get("/api/v1/calendar/proposals/" + id, "auditor"));
        assertThat(proposal.path("status").asString()).isEqualTo("PENDING");
        assertThat(proposal.path("days").size()).isEqualTo(2);
        assertThat(proposal.path("days").get(1).path("kind").asString()).isEqualTo("MAKE_UP_WORKDAY");
        assertThat(proposal.path("proposedBy").asString()).isEqualTo("admin-cn");
        assertThat(days(newYear) + days(sat)).isZero();
        HttpResponse<String> second = postJson("/api/v1/calendar/CN/days", "admin2-cn", "{\"day\":\"" + LocalDate.of(Y, 10, 1) + "\",\"kind\":\"HOLIDAY\",\"note\":\"国庆节\"}");
        assertProblem(second, 409, "CALENDAR_PROPOSAL_PENDING");
        assertThat(json(second).path("proposalId").asLong()).isEqualTo(id);
        // the inboxes: the second administrator's (and the header's count), the proposer's own
        assertThat(json(get("/api/v1/calendar/proposals/inbox", "admin2-cn")).findValues("id").stream().map(JsonNode::asLong)).contains(id);
        assertThat(json(get("/api/v1/calendar/proposals/inbox", "admin-cn")).findValues("id").stream().map(JsonNode::asLong)).doesNotContain(id);
        String inbox = page("/approvals?lang=en", "admin2-cn").body();
        assertThat(inbox).contains("id=\"inbox-calendar\"", "data-proposal-id=\"" + id + "\"", newYear.toString(), "国办发明电");
        assertThat(badge(inbox)).isEqualTo(inboxBefore + 1);
        assertThat(page("/approvals?lang=en", "admin-cn").body()).contains("id=\"own-calendar\"", "data-proposal-id=\"" + id + "\"");

        // the proposer approving their own: 403 SELF_APPROVAL, recorded; nothing written
        long self = refusals("admin-cn", "SELF_APPROVAL");
        assertProblem(post("/api/v1/calendar/proposals/" + id + "/approve", "admin-cn"), 403, "SELF_APPROVAL");
        assertThat(refusals("admin-cn", "SELF_APPROVAL")).isEqualTo(self + 1);
        assertThat(days(newYear)).isZero();

        // a second administrator approves: all days written, each change kept with proposer and approver
        HttpResponse<String> approved = post("/api/v1/calendar/proposals/" + id + "/approve", "admin2-cn");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("proposal").path("status").asString()).isEqualTo("APPROVED");
        assertThat(json(approved).path("written").size()).isEqualTo(2);
        assertThat(days(newYear) + days(sat)).isEqualTo(2);
        JsonNode history = json(get("/api/v1/calendar/CN/history", "auditor"));
        assertThat(history.get(0).path("day").asString()).isEqualTo(sat.toString());
        assertThat(history.get(0).path("changedBy").asString()).isEqualTo("admin-cn");
        assertThat(history.get(0).path("approvedBy").asString()).isEqualTo("admin2-cn");
        assertThat(history.get(0).path("proposalId").asLong()).isEqualTo(id);
        assertThat(history.get(0).path("route").asString()).isEqualTo("API");
        assertProblem(post("/api/v1/calendar/proposals/" + id + "/approve", "admin2-cn"), 422, "INVALID_STATE");
        assertThatThrownBy(() -> update("UPDATE calendar_proposal_day SET note = 'edited' WHERE proposal_id = ?", id)).hasMessageContaining("never changes");
        assertThatThrownBy(() -> update("DELETE FROM calendar_proposal WHERE id = ?", id)).hasMessageContaining("none is deleted");

        // a day entered already: remove it first; the same entry again is no change
        assertProblem(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + newYear + "\",\"kind\":\"MAKE_UP_WORKDAY\",\"note\":\"x\"}"), 422, "CALENDAR_DAY_EXISTS");
        assertProblem(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + newYear + "\",\"kind\":\"HOLIDAY\",\"note\":\"元旦\"}"), 422, "CALENDAR_UNCHANGED");

        // a removal proposed by the second administrator: the first declines it; then proposed again and withdrawn by its proposer
        long removal = proposalId(delete("/api/v1/calendar/CN/days/" + sat, "admin2-cn", "{\"note\":\"通知更正\"}"));
        assertProblem(postJson("/api/v1/calendar/proposals/" + removal + "/withdraw", "admin-cn", "{\"reason\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/calendar/proposals/" + removal + "/decline", "admin2-cn", "{\"reason\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/calendar/proposals/" + removal + "/decline", "admin-cn", "{}"), 400, "VALIDATION_FAILED");
        HttpResponse<String> declined = postJson("/api/v1/calendar/proposals/" + removal + "/decline", "admin-cn", "{\"reason\":\"通知未更正\"}");
        assertThat(json(declined).path("proposal").path("status").asString()).isEqualTo("DECLINED");
        assertThat(days(sat)).isEqualTo(1);
        long again = proposalId(delete("/api/v1/calendar/CN/days/" + sat, "admin2-cn", "{\"note\":\"通知更正\"}"));
        HttpResponse<String> withdrawn = postJson("/api/v1/calendar/proposals/" + again + "/withdraw", "admin2-cn", "{\"reason\":\"弄错了\"}");
        assertThat(json(withdrawn).path("proposal").path("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(days(sat)).isEqualTo(1);
        assertThat(json(get("/api/v1/calendar/CN/proposals?status=DECLINED", "admin-cn")).findValues("id").stream().map(JsonNode::asLong)).contains(removal);
    }

    @Test
    void an_approval_checks_the_day_rules_again_and_writes_nothing_when_a_day_fails_them() {
        LocalDate may1 = LocalDate.of(Y, 5, 1), may2 = may1.plusDays(1), may3 = may1.plusDays(2);
        // a day entered meanwhile (here by the operator's CLI route, in SQL): CALENDAR_DAY_EXISTS, nothing written, still pending
        long id = proposalId(postJson("/api/v1/calendar/CN/import", "admin-cn",
                "{\"lines\":\"" + may1 + "\\tHOLIDAY\\t劳动节\\n" + may2 + "\\tHOLIDAY\\t劳动节\",\"reason\":\"通知\"}"));
        update("INSERT INTO calendar_day (jurisdiction, day, kind, note) VALUES ('CN', ?, 'HOLIDAY', '另行录入')", may2);
        HttpResponse<String> refused = post("/api/v1/calendar/proposals/" + id + "/approve", "admin2-cn");
        assertProblem(refused, 409, "CALENDAR_DAY_EXISTS");
        assertThat(json(refused).path("proposalId").asLong()).isEqualTo(id);
        assertThat(json(refused).path("detail").asString()).startsWith("line 2: ");
        assertThat(days(may1)).isZero();
        assertThat(count("SELECT count(*) FROM calendar_day_change WHERE proposal_id = ?", id)).isZero();
        assertThat(text("SELECT status FROM calendar_proposal WHERE id = ?", id)).isEqualTo("PENDING");
        assertThat(json(post("/api/v1/calendar/proposals/" + id + "/withdraw", "admin-cn")).path("code").asString()).isEqualTo("VALIDATION_FAILED");
        postJson("/api/v1/calendar/proposals/" + id + "/withdraw", "admin-cn", "{\"reason\":\"重提\"}");

        // a day that became past (its day moved back in SQL, the trigger off): CALENDAR_DAY_PAST, nothing written
        long late = proposalId(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + may3 + "\",\"kind\":\"HOLIDAY\",\"note\":\"劳动节\"}"));
        update("ALTER TABLE calendar_proposal_day DISABLE TRIGGER calendar_proposal_day_fixed");
        try {
            update("UPDATE calendar_proposal_day SET day = ? WHERE proposal_id = ?", LocalDate.now(ZoneId.of("Asia/Shanghai")), late);
        } finally {
            update("ALTER TABLE calendar_proposal_day ENABLE TRIGGER calendar_proposal_day_fixed");
        }
        assertProblem(post("/api/v1/calendar/proposals/" + late + "/approve", "admin2-cn"), 409, "CALENDAR_DAY_PAST");
        assertThat(days(LocalDate.now(ZoneId.of("Asia/Shanghai")))).isZero();
        postJson("/api/v1/calendar/proposals/" + late + "/withdraw", "admin-cn", "{\"reason\":\"重提\"}");

        // the window closed: APPROVAL_EXPIRED, and it lapses
        long expired = proposalId(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + may3 + "\",\"kind\":\"HOLIDAY\",\"note\":\"劳动节\"}"));
        update("ALTER TABLE calendar_proposal DISABLE TRIGGER calendar_proposal_decided_once");
        try {
            update("UPDATE calendar_proposal SET proposed_at = now() - interval '100 hours', expires_at = now() - interval '1 hour' WHERE id = ?", expired);
        } finally {
            update("ALTER TABLE calendar_proposal ENABLE TRIGGER calendar_proposal_decided_once");
        }
        assertProblem(post("/api/v1/calendar/proposals/" + expired + "/approve", "admin2-cn"), 422, "APPROVAL_EXPIRED");
        assertThat(text("SELECT status FROM calendar_proposal WHERE id = ?", expired)).isEqualTo("EXPIRED");
        assertThat(days(may3)).isZero();
    }

    @Test
    void the_pages_in_both_languages_propose_and_a_second_administrator_approves_in_the_inbox() {
        LocalDate oct1 = LocalDate.of(Y, 10, 1), mon = LocalDate.of(Y, 9, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        Session s = session("admin-cn");
        // refused with the day named, in Chinese
        form(s, "/admin/calendar/days?lang=zh_CN", "jurisdiction", "CN", "year", String.valueOf(Y), "day", mon.toString(), "kind", "MAKE_UP_WORKDAY", "note", "调休");
        HttpResponse<String> refused = send(request("/admin/calendar?jurisdiction=CN&year=" + Y + "&lang=zh_CN", null).header("Cookie", s.cookie()).GET().build());
        assertThat(refused.body()).contains("data-code=\"CALENDAR_MAKE_UP_NOT_WEEKEND\"", mon + " 是工作日：调休上班日须为周六或周日。");

        HttpResponse<String> sent = form(s, "/admin/calendar/days?lang=zh_CN", "jurisdiction", "CN", "year", String.valueOf(Y), "day", oct1.toString(), "kind", "HOLIDAY",
                "note", "国庆节", "reason", "国办发明电");
        assertThat(sent.statusCode()).isEqualTo(302);
        long id = count("SELECT id FROM calendar_proposal WHERE jurisdiction = 'CN' AND status = 'PENDING'");
        assertThat(days(oct1)).isZero();
        String zh = send(request("/admin/calendar?jurisdiction=CN&year=" + Y + "&lang=zh_CN", null).header("Cookie", s.cookie()).GET().build()).body();
        assertThat(zh).contains("data-code=\"CALENDAR_PROPOSED\"", "已提议修改全国碳市场的工作日历", "待批准的日历修改", "双人复核", "id=\"calendar-proposals\"",
                "data-proposal-id=\"" + id + "\"", "法定节假日（国庆节）");
        assertThat(zh).doesNotContain("class=\"calendar-approve\"");

        String en = page("/admin/calendar?jurisdiction=CN&year=" + Y + "&lang=en", "admin2-cn").body();
        assertThat(en).contains("Changes awaiting approval", "id=\"calendar-proposals\"", "class=\"calendar-approve\"", "国办发明电", "Public holiday (国庆节)");
        assertThat(page("/approvals?lang=zh_CN", "admin2-cn").body()).contains("工作日历修改", "id=\"inbox-calendar\"");
        assertThat(page("/approvals?lang=zh_CN", "admin-cn").body()).contains("您提议、待其他管理员批准的工作日历修改", "id=\"own-calendar\"");
        // the proposer's approval from the inbox: back there with the refusal said in the page's language (as on the caps' page), recorded
        long self = refusals("admin-cn", "SELF_APPROVAL");
        HttpResponse<String> own = form(s, "/admin/calendar/proposals/" + id + "/approve", "back", "approvals");
        assertThat(own.statusCode()).isEqualTo(302);
        assertThat(own.headers().firstValue("Location").orElse("")).endsWith("/approvals");
        assertThat(send(request("/approvals?lang=zh_CN", null).header("Cookie", s.cookie()).GET().build()).body())
                .contains("data-code=\"SELF_APPROVAL\"", "任何人不得批准自己提议的日历修改：须由另一名管理员批准。");
        assertThat(refusals("admin-cn", "SELF_APPROVAL")).isEqualTo(self + 1);
        assertThat(days(oct1)).isZero();

        Session s2 = session("admin2-cn");
        HttpResponse<String> ok = form(s2, "/admin/calendar/proposals/" + id + "/approve?lang=en", "back", "approvals");
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElse("")).endsWith("/approvals");
        assertThat(days(oct1)).isEqualTo(1);
        String after = page("/admin/calendar?jurisdiction=CN&year=" + Y + "&lang=en", "auditor").body();
        assertThat(after).contains("id=\"calendar-history\"", "id=\"calendar-decided\"", "data-status=\"APPROVED\"", "Approved by", "admin2-cn");
        assertThat(after).doesNotContain("id=\"calendar-import\"").doesNotContain("id=\"calendar-add\"");
        assertThat(text("SELECT route FROM calendar_day_change WHERE proposal_id = ?", id)).isEqualTo("PAGE");
    }

    @Test
    void next_year_without_entries_is_warned_of() {
        int next = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + 1;
        if (count("SELECT count(*) FROM calendar_day WHERE jurisdiction = 'GD' AND extract(year FROM day) = ?", next) > 0) return;
        assertThat(page("/admin/calendar?jurisdiction=GD&lang=en", "auditor").body()).contains("id=\"calendar-next-year-empty\"",
                next + " has no public holidays entered: delays will count every weekday as a business day");
        assertThat(page("/admin/calendar?jurisdiction=GD&lang=zh_CN", "auditor").body()).contains(next + " 年尚未录入任何节假日");
        assertThat(json(get("/api/v1/calendar/GD", "auditor")).path("nextYearEmpty").asBoolean()).isTrue();
    }

    @Test
    void a_representative_an_auditor_and_another_jurisdictions_administrator_are_refused_and_recorded() {
        long rep = refusals("cn-power-1-init", "NOT_AUTHORISED");
        assertProblem(get("/api/v1/calendar/CN", "cn-power-1-init"), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/calendar/CN/days", "cn-power-1-init", "{\"day\":\"" + Y + "-05-01\",\"kind\":\"HOLIDAY\",\"note\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertThat(page("/admin/calendar", "cn-power-1-init").statusCode()).isEqualTo(403);
        assertThat(refusals("cn-power-1-init", "NOT_AUTHORISED")).isEqualTo(rep + 3);

        String gd = text("SELECT actor FROM registry_administrator WHERE jurisdiction = 'GD' AND actor NOT IN (SELECT actor FROM registry_administrator WHERE jurisdiction = 'CN') LIMIT 1");
        long other = refusals(gd, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/calendar/CN/days", gd, "{\"day\":\"" + Y + "-05-01\",\"kind\":\"HOLIDAY\",\"note\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/calendar/CN", gd), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/calendar/CN/days", "auditor", "{\"day\":\"" + Y + "-05-01\",\"kind\":\"HOLIDAY\",\"note\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertThat(refusals(gd, "NOT_AUTHORISED")).isEqualTo(other + 2);
        assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'PROPOSE calendar change' AND target = 'CN'", gd)).isEqualTo(1);

        // deciding a pending CN change: another jurisdiction's administrator, a representative, an auditor: 403, recorded
        long id = proposalId(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + LocalDate.of(Y, 6, 1) + "\",\"kind\":\"HOLIDAY\",\"note\":\"端午节\"}"));
        for (String who : new String[]{gd, "cn-power-1-init", "auditor"}) {
            long before = count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'APPROVE calendar change' AND target = ?", who, "CN #" + id);
            assertProblem(post("/api/v1/calendar/proposals/" + id + "/approve", who), 403, "NOT_AUTHORISED");
            assertProblem(postJson("/api/v1/calendar/proposals/" + id + "/decline", who, "{\"reason\":\"x\"}"), 403, "NOT_AUTHORISED");
            assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'APPROVE calendar change' AND target = ?", who, "CN #" + id)).as(who).isEqualTo(before + 1);
        }
        assertProblem(postJson("/api/v1/calendar/proposals/" + id + "/withdraw", gd, "{\"reason\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertThat(text("SELECT status FROM calendar_proposal WHERE id = ?", id)).isEqualTo("PENDING");
        assertThat(days(LocalDate.of(Y, 6, 1))).isZero();
        assertThat(count("SELECT count(*) FROM calendar_day WHERE jurisdiction = 'CN' AND day = ?", LocalDate.of(Y, 5, 1))).isZero();
    }

    /**
     * A regulator's decision refused on the calendar page comes back to the page with the refusal said there in the page's
     * language (Chinese here), as on the caps' page, and is recorded as ever: approving their own proposal (back to the
     * proposal's calendar), deciding another jurisdiction's (back to a calendar they read, never one they may not).
     * Anyone but an administrator still gets the 403 page.
     */
    @Test
    void a_regulators_refused_decision_on_the_calendar_page_is_shown_there_and_recorded() {
        LocalDate day = LocalDate.of(Y, 11, 2);
        long id = proposalId(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + day + "\",\"kind\":\"HOLIDAY\",\"note\":\"页面拒绝测试\"}"));

        Session proposer = session("admin-cn");
        long self = count("SELECT count(*) FROM refusal WHERE actor = 'admin-cn' AND action = 'APPROVE calendar change' AND code = 'SELF_APPROVAL' AND target = ?", "CN #" + id);
        HttpResponse<String> r = form(proposer, "/admin/calendar/proposals/" + id + "/approve");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/admin/calendar?jurisdiction=CN&year=" + Y);
        String zh = send(request("/admin/calendar?jurisdiction=CN&year=" + Y + "&lang=zh_CN", null).header("Cookie", proposer.cookie()).GET().build()).body();
        assertThat(zh).contains("data-code=\"SELF_APPROVAL\"", "任何人不得批准自己提议的日历修改：须由另一名管理员批准。");
        assertThat(count("SELECT count(*) FROM refusal WHERE actor = 'admin-cn' AND action = 'APPROVE calendar change' AND code = 'SELF_APPROVAL' AND target = ?",
                "CN #" + id)).isEqualTo(self + 1);

        // another jurisdiction's administrator: back to their own calendar (CN's they may not read), refused there, recorded
        String gd = text("SELECT actor FROM registry_administrator WHERE jurisdiction = 'GD' AND actor NOT IN (SELECT actor FROM registry_administrator WHERE jurisdiction = 'CN') LIMIT 1");
        Session other = session(gd);
        long notTheirs = count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'DECLINE calendar change' AND code = 'NOT_AUTHORISED' AND target = ?", gd, "CN #" + id);
        r = form(other, "/admin/calendar/proposals/" + id + "/decline", "reason", "不是我的");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/admin/calendar");
        HttpResponse<String> back = send(request("/admin/calendar?lang=zh_CN", null).header("Cookie", other.cookie()).GET().build());
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).contains("data-code=\"NOT_AUTHORISED\"", "您无权处理全国碳市场的工作日历修改：应由其管理员处理。");
        assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'DECLINE calendar change' AND code = 'NOT_AUTHORISED' AND target = ?", gd, "CN #" + id))
                .isEqualTo(notTheirs + 1);

        // a representative is not sent back to a page they may not open: the 403 page, recorded
        long rep = count("SELECT count(*) FROM refusal WHERE actor = 'cn-power-1-init' AND action = 'APPROVE calendar change' AND target = ?", "CN #" + id);
        assertThat(form(session("cn-power-1-init"), "/admin/calendar/proposals/" + id + "/approve").statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM refusal WHERE actor = 'cn-power-1-init' AND action = 'APPROVE calendar change' AND target = ?", "CN #" + id))
                .isEqualTo(rep + 1);
        assertThat(text("SELECT status FROM calendar_proposal WHERE id = ?", id)).isEqualTo("PENDING");
        assertThat(days(day)).isZero();
    }
}
