package org.openets.server;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

import static org.assertj.core.api.Assertions.assertThat;

/** The calendar of holidays and make-up workdays: the API, the page in both languages, the rules and the refusals of authority. */
class CalendarHttpTest extends ServerTestBase {
    static final int Y = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + 3;

    HttpResponse<String> delete(String path, String login, String json) {
        return send(request(path, login).header("Content-Type", "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void an_administrator_adds_imports_and_removes_days_and_every_change_is_kept() {
        LocalDate newYear = LocalDate.of(Y, 1, 1), sat = LocalDate.of(Y, 3, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)), mon = sat.plusDays(2);
        HttpResponse<String> added = postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + newYear + "\",\"kind\":\"HOLIDAY\",\"note\":\"元旦\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertProblem(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + newYear + "\",\"kind\":\"MAKE_UP_WORKDAY\",\"note\":\"x\"}"), 422, "CALENDAR_DAY_EXISTS");
        assertProblem(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + mon + "\",\"kind\":\"MAKE_UP_WORKDAY\",\"note\":\"x\"}"), 422, "CALENDAR_MAKE_UP_NOT_WEEKEND");
        assertProblem(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"2025-01-02\",\"kind\":\"HOLIDAY\",\"note\":\"x\"}"), 422, "CALENDAR_DAY_PAST");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        assertProblem(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + today + "\",\"kind\":\"HOLIDAY\",\"note\":\"x\"}"), 422, "CALENDAR_DAY_PAST");
        assertProblem(postJson("/api/v1/calendar/CN/days", "admin-cn", "{\"day\":\"" + sat + "\",\"kind\":\"HOLIDAY\",\"note\":\" \"}"), 400, "VALIDATION_FAILED");

        // a notice, all or nothing: one bad line and nothing is written
        HttpResponse<String> bad = postJson("/api/v1/calendar/CN/import", "admin-cn",
                "{\"lines\":\"" + sat + "\\tMAKE_UP_WORKDAY\\t调休\\n" + mon + "\\tMAKE_UP_WORKDAY\\t调休\"}");
        assertProblem(bad, 422, "CALENDAR_MAKE_UP_NOT_WEEKEND");
        assertThat(json(bad).path("detail").asString()).startsWith("line 2: ");
        assertThat(json(bad).path("errors").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM calendar_day WHERE jurisdiction = 'CN' AND day = ?", sat)).isZero();
        assertThat(postJson("/api/v1/calendar/CN/import", "admin-cn", "{\"lines\":\"" + sat + "\\tMAKE_UP_WORKDAY\\t调休\"}").statusCode()).isEqualTo(201);

        JsonNode year = json(get("/api/v1/calendar/CN?year=" + Y, "admin-cn"));
        assertThat(year.path("days").size()).isEqualTo(2);
        assertThat(year.path("days").get(1).path("kind").asString()).isEqualTo("MAKE_UP_WORKDAY");
        assertThat(get("/api/v1/calendar/CN?year=" + Y, "auditor").statusCode()).isEqualTo(200);

        assertProblem(delete("/api/v1/calendar/CN/days/" + mon, "admin2-cn", "{\"note\":\"x\"}"), 404, "CALENDAR_DAY_NOT_FOUND");
        HttpResponse<String> removed = delete("/api/v1/calendar/CN/days/" + sat, "admin2-cn", "{\"note\":\"通知更正\"}");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);

        JsonNode history = json(get("/api/v1/calendar/CN/history", "auditor"));
        assertThat(history.get(0).path("day").asString()).isEqualTo(sat.toString());
        assertThat(history.get(0).path("beforeKind").asString()).isEqualTo("MAKE_UP_WORKDAY");
        assertThat(history.get(0).path("afterKind").isNull()).isTrue();
        assertThat(history.get(0).path("changedBy").asString()).isEqualTo("admin2-cn");
        assertThat(history.get(0).path("note").asString()).isEqualTo("通知更正");
        assertThat(history.get(1).path("route").asString()).isEqualTo("API");

        // the page, in both languages
        HttpResponse<String> en = page("/admin/calendar?jurisdiction=CN&year=" + Y + "&lang=en", "admin-cn");
        assertThat(en.statusCode()).isEqualTo(200);
        assertThat(en.body()).contains("id=\"calendar-days\"", "data-day=\"" + newYear + "\"", "Public holiday", "id=\"calendar-import\"", "id=\"calendar-history\"", "通知更正");
        HttpResponse<String> zh = page("/admin/calendar?jurisdiction=CN&year=" + Y + "&lang=zh_CN", "admin-cn");
        assertThat(zh.body()).contains("工作日历", "法定节假日", "录入全年通知");
        // the auditor reads, without the forms
        HttpResponse<String> auditor = page("/admin/calendar?jurisdiction=GD&year=" + Y, "auditor");
        assertThat(auditor.statusCode()).isEqualTo(200);
        assertThat(auditor.body()).doesNotContain("id=\"calendar-import\"").doesNotContain("id=\"calendar-add\"");
        // the page, refused with the day named, in Chinese
        Session s = session("admin-cn");
        form(s, "/admin/calendar/days?lang=zh_CN", "jurisdiction", "CN", "year", String.valueOf(Y), "day", mon.toString(), "kind", "MAKE_UP_WORKDAY", "note", "调休");
        HttpResponse<String> after = send(request("/admin/calendar?jurisdiction=CN&year=" + Y + "&lang=zh_CN", null).header("Cookie", s.cookie()).GET().build());
        assertThat(after.body()).contains("data-code=\"CALENDAR_MAKE_UP_NOT_WEEKEND\"", mon + " 是工作日：调休上班日须为周六或周日。");
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
    void a_representative_and_another_jurisdictions_administrator_are_refused_and_recorded() {
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
        assertThat(count("SELECT count(*) FROM refusal WHERE actor = ? AND action = 'SET calendar' AND target = 'CN'", gd)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM calendar_day WHERE jurisdiction = 'CN' AND day = ?", LocalDate.of(Y, 5, 1))).isZero();
    }
}
