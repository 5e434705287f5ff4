package org.openets.server;

import org.junit.jupiter.api.Test;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.registry.Account;
import org.openets.registry.AccountType;
import org.openets.registry.Role;
import org.openets.store.PgRegistryAdministration;
import org.openets.store.security.PgPlatformUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MRV register over real HTTP: the regulator of a jurisdiction (admin-sh) defines covered entities linked to
 * covered-entity holding accounts of its jurisdiction, adds facilities and installations, appends installation
 * versions (each after the last, never an edit), records verifiers and consulting links. Another jurisdiction's
 * regulator, representatives, verifiers and auditors may not record; auditors and the entity's representatives read.
 * Bad fields are answered 400 naming each field, broken references 422, conflicts 409, and nothing is half-written.
 *
 * <p>Every test works on entities of its own, on Shanghai holding accounts it opens for itself (the demo's SH entities
 * and every other demo entity stay as they were).
 */
class EmissionsRegisterHttpTest extends ServerTestBase {
    static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired PgRegistryAdministration admin;
    @Autowired PgPlatformUsers users;
    @Autowired PasswordEncoder encoder;

    static String fresh(String stem) { return stem + "-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36); }

    Account openAccount(String jurisdiction, String holder) {
        return admin.openAccount(Jurisdiction.of(jurisdiction), AccountType.COVERED_ENTITY_HOLDING, holder, null);
    }

    /** A person who represents the account, with the demo password. */
    String representative(Account a) {
        String login = fresh("rep");
        users.save(login, encoder.encode(PASSWORD), "测试代表 " + login, "PERSON");
        admin.addRepresentative(a.id(), ActorId.of(login), Role.INITIATOR);
        return login;
    }

    HttpResponse<String> defineEntity(String login, String id, String name, String jurisdiction, String account) {
        return postJson("/api/v1/emissions/entities", login, """
                {"id":"%s","name":"%s","jurisdiction":"%s","account":"%s"}""".formatted(id, name, jurisdiction, account));
    }

    static String unit(String facility, String id, String validFrom, String capacity) {
        return """
                {"facility":"%s","id":"%s","kind":"GENERATING_UNIT","validFrom":"%s","reason":"首次登记 / registered",
                 "spec":{"category":"CONVENTIONAL_COAL_ABOVE_300MW","capacity":%s,"pressure":"SUPERCRITICAL","cooling":"WATER","heatSupply":true,
                         "commissioned":"2010-06-30","province":"上海市","city":"宝山区"}}""".formatted(facility, id, validFrom, capacity);
    }

    static String version(String validFrom, String capacity, String reason) {
        return """
                {"validFrom":"%s","reason":"%s",
                 "spec":{"category":"CONVENTIONAL_COAL_ABOVE_300MW","capacity":%s,"pressure":"ULTRA_SUPERCRITICAL","cooling":"WATER","heatSupply":true,
                         "commissioned":"2010-06-30","province":"上海市","city":"宝山区"}}""".formatted(validFrom, reason, capacity);
    }

    /** An SH entity with facility F1 and generating unit G1 from 2010-07-01; returns its id. */
    String entityWithUnit(Account account) {
        String id = fresh("sh-reg");
        assertThat(defineEntity("admin-sh", id, "上海测试电厂", "SH", account.number()).statusCode()).isEqualTo(201);
        assertThat(postJson("/api/v1/emissions/entities/" + id + "/facilities", "admin-sh", "{\"id\":\"F1\",\"name\":\"一厂\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> g1 = postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", unit("F1", "G1", "2010-07-01", "600"));
        assertThat(g1.statusCode()).as(g1.body()).isEqualTo(201);
        return id;
    }

    static List<String> fields(HttpResponse<String> r) {
        List<String> out = new ArrayList<>();
        json(r).path("problems").forEach(p -> out.add(p.path("field").asString()));
        return out;
    }

    long rows(String table, String entity) { return count("SELECT count(*) FROM " + table + " WHERE entity_id = ?", entity); }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    void a_regulator_defines_an_entity_its_facility_and_installations_and_reads_every_version_back() {
        Account account = openAccount("SH", "上海测试电厂");
        String id = fresh("sh-reg");

        HttpResponse<String> created = defineEntity("admin-sh", id, "上海测试电厂", "SH", account.number());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("account").asString()).isEqualTo(account.number());
        assertThat(json(created).path("recordedBy").asString()).isEqualTo("admin-sh");
        // the same again is a retry: 200, nothing more recorded
        assertThat(defineEntity("admin-sh", id, "上海测试电厂", "SH", account.number()).statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM emission_entity WHERE id = ?", id)).isEqualTo(1);

        assertThat(postJson("/api/v1/emissions/entities/" + id + "/facilities", "admin-sh", "{\"id\":\"F1\",\"name\":\"一厂\"}").statusCode()).isEqualTo(201);
        assertThat(postJson("/api/v1/emissions/entities/" + id + "/facilities", "admin-sh", "{\"id\":\"F2\",\"name\":\"水泥厂\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> g1 = postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", unit("F1", "G1", "2010-07-01", "600"));
        assertThat(g1.statusCode()).as(g1.body()).isEqualTo(201);
        JsonNode first = json(g1).path("versions").get(0);
        assertThat(first.path("validFrom").asString()).isEqualTo("2010-07-01");
        assertThat(first.path("validTo").isNull()).isTrue();
        assertThat(first.path("spec").path("capacity").asString()).isEqualTo("600");
        assertThat(first.path("spec").path("capacityUnit").asString()).isEqualTo("MW");
        assertThat(first.path("spec").path("heatSupply").asBoolean()).isTrue();
        assertThat(postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", unit("F1", "G1", "2010-07-01", "600")).statusCode())
                .isEqualTo(200);

        HttpResponse<String> line = postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", """
                {"facility":"F2","id":"L1","kind":"CLINKER_LINE","validFrom":"2015-01-01","reason":"新建熟料线",
                 "spec":{"capacity":"4500","commissioned":"2014-12-01","province":"上海市","city":"金山区"}}""");
        assertThat(line.statusCode()).as(line.body()).isEqualTo(201);
        assertThat(json(line).path("versions").get(0).path("spec").path("capacityUnit").asString()).isEqualTo("t/d");
        HttpResponse<String> smelter = postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", """
                {"facility":"F2","id":"A1","kind":"ALUMINIUM_SMELTER","validFrom":"2016-01-01","reason":"registered",
                 "spec":{"capacity":120000,"commissioned":"2015-06-01","closed":"2023-12-31","province":"上海市","city":"金山区"}}""");
        assertThat(smelter.statusCode()).as(smelter.body()).isEqualTo(201);
        assertThat(json(smelter).path("versions").get(0).path("spec").path("closed").asString()).isEqualTo("2023-12-31");

        // a re-rating in 2024: a new version; the first one now ends the day before
        HttpResponse<String> v2 = postJson("/api/v1/emissions/entities/" + id + "/installations/G1/versions", "admin-sh",
                version("2024-01-01", "660", "增容改造 / retrofit to 660 MW"));
        assertThat(v2.statusCode()).as(v2.body()).isEqualTo(201);
        JsonNode versions = json(v2).path("versions");
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.get(0).path("validTo").asString()).isEqualTo("2023-12-31");
        assertThat(versions.get(0).path("spec")).isEqualTo(first.path("spec"));
        assertThat(versions.get(1).path("spec").path("capacity").asString()).isEqualTo("660");
        assertThat(versions.get(1).path("reason").asString()).isEqualTo("增容改造 / retrofit to 660 MW");
        assertThat(versions.get(1).path("recordedBy").asString()).isEqualTo("admin-sh");

        // the whole entity, as the regulator, the auditor and the entity's representative read it
        JsonNode entity = json(get("/api/v1/emissions/entities/" + id, "admin2-sh"));
        assertThat(entity.path("jurisdiction").asString()).isEqualTo("SH");
        assertThat(entity.path("facilities").size()).isEqualTo(2);
        assertThat(entity.path("facilities").get(0).path("installations").get(0).path("versions").size()).isEqualTo(2);
        assertThat(get("/api/v1/emissions/entities/" + id, "auditor").body()).isEqualTo(get("/api/v1/emissions/entities/" + id, "admin-sh").body());
        String rep = representative(account);
        assertThat(json(get("/api/v1/emissions/entities/" + id, rep))).isEqualTo(entity);
        List<String> repSees = new ArrayList<>();
        json(get("/api/v1/emissions/entities", rep)).forEach(e -> repSees.add(e.path("id").asString()));
        assertThat(repSees).containsExactly(id);

        // the lists: the regulator its jurisdiction's, the auditor all
        List<String> shSees = new ArrayList<>(), gdSees = new ArrayList<>(), auditorSees = new ArrayList<>();
        json(get("/api/v1/emissions/entities", "admin-sh")).forEach(e -> shSees.add(e.path("id").asString()));
        json(get("/api/v1/emissions/entities", "admin-gd")).forEach(e -> gdSees.add(e.path("id").asString()));
        json(get("/api/v1/emissions/entities", "auditor")).forEach(e -> auditorSees.add(e.path("id").asString()));
        assertThat(shSees).contains(id).doesNotContain("cn-power-1");
        assertThat(gdSees).doesNotContain(id);
        assertThat(auditorSees).contains(id, "cn-power-1");
        // the demo's entities read with their versions too, recorded by the set-up (no one named)
        JsonNode demo = json(get("/api/v1/emissions/entities/cn-power-1", "cn-power-1-appr"));
        assertThat(demo.path("facilities").get(0).path("installations").size()).isEqualTo(2);
        assertThat(demo.path("recordedBy").isNull()).isTrue();
    }

    @Test
    void only_the_entitys_regulator_records_and_every_refusal_is_recorded() {
        Account account = openAccount("SH", "上海测试电厂");
        String id = entityWithUnit(account);
        long entities = count("SELECT count(*) FROM emission_entity"), versions = rows("emission_installation_version", id);

        // another jurisdiction's regulator: not for SH, neither the entity nor its parts
        long gd = refusals("admin-gd", "NOT_AUTHORISED");
        assertProblem(defineEntity("admin-gd", fresh("sh-reg"), "x", "SH", openAccount("SH", "x").number()), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/emissions/entities/" + id + "/facilities", "admin-gd", "{\"id\":\"F9\",\"name\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-gd", unit("F1", "G9", "2020-01-01", "300")), 403,
                "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/emissions/entities/" + id + "/installations/G1/versions", "admin-gd", version("2030-01-01", "700", "x")), 403,
                "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/entities/" + id, "admin-gd"), 403, "NOT_AUTHORISED");
        assertThat(refusals("admin-gd", "NOT_AUTHORISED")).isEqualTo(gd + 5);
        assertThat(text("SELECT action FROM refusal WHERE actor = 'admin-gd' ORDER BY id DESC LIMIT 1")).isEqualTo("READ covered entity");

        // the entity's own representative reads but does not record; the auditor neither
        String rep = representative(account);
        assertThat(get("/api/v1/emissions/entities/" + id, rep).statusCode()).isEqualTo(200);
        assertProblem(postJson("/api/v1/emissions/entities/" + id + "/installations/G1/versions", rep, version("2030-01-01", "700", "x")), 403,
                "NOT_AUTHORISED");
        assertProblem(defineEntity(rep, fresh("sh-reg"), "x", "SH", account.number()), 403, "NOT_AUTHORISED");
        long audits = refusals("auditor", "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/emissions/entities/" + id + "/facilities", "auditor", "{\"id\":\"F9\",\"name\":\"x\"}"), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/emissions/verifiers", "auditor", "{\"id\":\"x\",\"name\":\"x\",\"accreditedFrom\":\"2020-01-01\"}"), 403,
                "NOT_AUTHORISED");
        assertThat(refusals("auditor", "NOT_AUTHORISED")).isEqualTo(audits + 2);

        // another entity's representative, a verifier: neither read nor record
        assertProblem(get("/api/v1/emissions/entities/" + id, "cn-power-1-init"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/entities/" + id, "verifier-1"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/entities", "verifier-1"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/verifiers", "cn-power-1-init"), 403, "NOT_AUTHORISED");
        assertProblem(get("/api/v1/emissions/consulting-links", "verifier-1"), 403, "NOT_AUTHORISED");
        assertProblem(postJson("/api/v1/emissions/consulting-links", "verifier-1", """
                {"verifier":"cec-verify","entity":"%s","fromYear":2020,"toYear":2021,"nature":"x"}""".formatted(id)), 403, "NOT_AUTHORISED");

        // nobody signed in
        assertProblem(get("/api/v1/emissions/entities", null), 401, "UNAUTHENTICATED");
        assertProblem(defineEntity(null, fresh("sh-reg"), "x", "SH", account.number()), 401, "UNAUTHENTICATED");

        assertThat(count("SELECT count(*) FROM emission_entity")).isEqualTo(entities);
        assertThat(rows("emission_installation_version", id)).isEqualTo(versions);
        assertThat(rows("emission_facility", id)).isEqualTo(1);
    }

    @Test
    void bad_fields_are_named_broken_references_refused_and_nothing_is_half_written() {
        Account account = openAccount("SH", "上海测试电厂");
        long entities = count("SELECT count(*) FROM emission_entity");

        HttpResponse<String> empty = postJson("/api/v1/emissions/entities", "admin-sh", "{\"id\":\"bad id!\",\"jurisdiction\":\"shanghai1\"}");
        assertProblem(empty, 400, "VALIDATION_FAILED");
        assertThat(fields(empty)).containsExactly("id", "name", "jurisdiction", "account");
        assertThat(json(empty).path("field").asString()).isEqualTo("id");
        assertProblem(postJson("/api/v1/emissions/entities", "admin-sh", "[1,2]"), 400, "VALIDATION_FAILED");
        assertProblem(postJson("/api/v1/emissions/entities", "admin-sh", "{\"id\":"), 400, "MALFORMED_JSON");

        // the account: it must exist, be a covered-entity holding account, of the entity's jurisdiction, not linked yet
        String sh = fresh("sh-reg");
        assertProblem(defineEntity("admin-sh", sh, "x", "SH", "SH-120-999999"), 422, "UNKNOWN_ACCOUNT");
        String allocation = text("SELECT number FROM account WHERE jurisdiction = 'SH' AND type = 'ALLOCATION'");
        HttpResponse<String> government = defineEntity("admin-sh", sh, "x", "SH", allocation);
        assertProblem(government, 422, "NOT_A_COVERED_ENTITY_ACCOUNT");
        assertThat(json(government).path("field").asString()).isEqualTo("account");
        assertProblem(defineEntity("admin-sh", sh, "x", "SH", accountOf("gd-power-3")), 422, "ACCOUNT_OF_ANOTHER_JURISDICTION");
        // an SH regulator may not define a GD entity at all
        assertProblem(defineEntity("admin-sh", sh, "x", "GD", accountOf("gd-power-3")), 403, "NOT_AUTHORISED");
        String id = entityWithUnit(account);
        long linked = refusals("admin-sh", "ACCOUNT_ALREADY_LINKED");
        assertProblem(defineEntity("admin-sh", sh, "x", "SH", account.number()), 409, "ACCOUNT_ALREADY_LINKED");
        assertThat(refusals("admin-sh", "ACCOUNT_ALREADY_LINKED")).isEqualTo(linked + 1);
        assertProblem(defineEntity("admin-sh", id, "另一个名字", "SH", account.number()), 409, "ENTITY_EXISTS");
        assertThat(count("SELECT count(*) FROM emission_entity")).isEqualTo(entities + 1);

        // installations: every field is checked, all at once, and nothing is written
        HttpResponse<String> bad = postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", """
                {"facility":"F1","id":"G2","kind":"GENERATING_UNIT","validFrom":"2024-13-01","reason":" ",
                 "spec":{"category":"COAL","capacity":0,"cooling":"WATER","commissioned":"2012-01-01","closed":"2011-12-31","province":"","city":"宝山区"}}""");
        assertProblem(bad, 400, "VALIDATION_FAILED");
        assertThat(fields(bad)).containsExactlyInAnyOrder("validFrom", "reason", "spec.capacity", "spec.closed", "spec.province", "spec.category",
                "spec.pressure");
        assertProblem(postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", unit("F1", "G2", "2020-01-01", "-5")), 400,
                "VALIDATION_FAILED");
        HttpResponse<String> text = postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", unit("F1", "G2", "2020-01-01", "\"6o0\""));
        assertThat(fields(text)).containsExactly("spec.capacity");
        HttpResponse<String> notAUnit = postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", """
                {"facility":"F1","id":"L1","kind":"CLINKER_LINE","validFrom":"2020-01-01","reason":"r",
                 "spec":{"capacity":5000,"pressure":"SUBCRITICAL","commissioned":"2019-01-01","province":"上海市","city":"宝山区"}}""");
        assertThat(fields(notAUnit)).containsExactly("spec.pressure");
        assertThat(fields(postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", """
                {"facility":"F1","id":"X1","kind":"BOILER","validFrom":"2020-01-01","reason":"r"}"""))).containsExactly("kind", "spec");
        assertProblem(postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", unit("F7", "G2", "2020-01-01", "300")), 422,
                "UNKNOWN_FACILITY");
        // the id is taken in the entity by another installation
        assertProblem(postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", unit("F1", "G1", "2010-07-01", "350")), 409,
                "INSTALLATION_EXISTS");
        assertProblem(postJson("/api/v1/emissions/entities/" + id + "/facilities", "admin-sh", "{\"id\":\"F1\",\"name\":\"另一厂\"}"), 409, "FACILITY_EXISTS");
        assertProblem(postJson("/api/v1/emissions/entities/nobody-here/facilities", "admin-sh", "{\"id\":\"F1\",\"name\":\"x\"}"), 404, "UNKNOWN_ENTITY");
        assertProblem(postJson("/api/v1/emissions/entities/" + id + "/installations/G7/versions", "admin-sh", version("2030-01-01", "700", "x")), 404,
                "UNKNOWN_INSTALLATION");
        assertThat(rows("emission_installation", id)).isEqualTo(1);
        assertThat(rows("emission_installation_version", id)).isEqualTo(1);
        assertThat(rows("emission_facility", id)).isEqualTo(1);
    }

    @Test
    void a_version_starts_after_the_last_one_and_earlier_versions_are_never_edited() {
        String id = entityWithUnit(openAccount("SH", "上海测试电厂"));
        String path = "/api/v1/emissions/entities/" + id + "/installations/G1/versions";
        JsonNode before = json(get("/api/v1/emissions/entities/" + id, "admin-sh")).path("facilities").get(0).path("installations").get(0).path("versions").get(0);

        HttpResponse<String> second = postJson(path, "admin-sh", version("2022-07-01", "630", "汽轮机通流改造 / turbine upgrade"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        // not after the last: the same day, a day before it, a day before the first
        long refused = refusals("admin-sh", "VERSION_NOT_AFTER_LAST");
        for (String day : List.of("2022-07-01", "2022-06-30", "2009-01-01")) {
            HttpResponse<String> r = postJson(path, "admin-sh", version(day, "640", "back-dated"));
            assertProblem(r, 409, "VERSION_NOT_AFTER_LAST");
            assertThat(json(r).path("field").asString()).isEqualTo("validFrom");
        }
        assertThat(refusals("admin-sh", "VERSION_NOT_AFTER_LAST")).isEqualTo(refused + 3);
        // the same version again is a retry: 200, still two versions
        HttpResponse<String> retry = postJson(path, "admin-sh", version("2022-07-01", "630", "汽轮机通流改造 / turbine upgrade"));
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry).path("versions").size()).isEqualTo(2);
        // a version needs its reason and a spec of the installation's kind
        HttpResponse<String> noReason = postJson(path, "admin-sh", """
                {"validFrom":"2025-01-01","spec":{"capacity":100,"commissioned":"2010-06-30","province":"上海市","city":"宝山区"}}""");
        assertThat(fields(noReason)).containsExactly("reason", "spec.category", "spec.pressure", "spec.cooling");
        // a closure is a version too
        HttpResponse<String> closed = postJson(path, "admin-sh", """
                {"validFrom":"2025-01-01","reason":"关停 / closed",
                 "spec":{"category":"CONVENTIONAL_COAL_ABOVE_300MW","capacity":630,"pressure":"ULTRA_SUPERCRITICAL","cooling":"WATER",
                         "commissioned":"2010-06-30","closed":"2024-12-31","province":"上海市","city":"宝山区"}}""");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(201);

        JsonNode versions = json(closed).path("versions");
        assertThat(versions.size()).isEqualTo(3);
        assertThat(versions.get(0).path("validFrom")).isEqualTo(before.path("validFrom"));
        assertThat(versions.get(0).path("spec")).isEqualTo(before.path("spec"));
        assertThat(versions.get(0).path("reason")).isEqualTo(before.path("reason"));
        assertThat(versions.get(0).path("validTo").asString()).isEqualTo("2022-06-30");
        assertThat(versions.get(1).path("validTo").asString()).isEqualTo("2024-12-31");
        assertThat(versions.get(2).path("validTo").isNull()).isTrue();
        assertThat(versions.get(2).path("spec").path("closed").asString()).isEqualTo("2024-12-31");

        // and the database itself refuses to edit, drop or back-date a version
        assertThatThrownBy(() -> sql("UPDATE emission_installation_version SET capacity = 1 WHERE entity_id = '" + id + "'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM emission_installation_version WHERE entity_id = '" + id + "'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("INSERT INTO emission_installation_version (entity_id, installation_id, valid_from, reason, capacity, commissioned, "
                + "province, city) VALUES ('" + id + "', 'G1', DATE '2023-01-01', 'slipped in', 600, DATE '2010-06-30', 'x', 'y')"))
                .hasMessageContaining("after the last one");
        assertThat(rows("emission_installation_version", id)).isEqualTo(3);
    }

    @Test
    void a_regulator_records_verifiers_and_consulting_links_and_a_link_keeps_the_verifier_from_the_entity() {
        String id = entityWithUnit(openAccount("SH", "上海测试电厂"));
        String verifier = fresh("sh-verify");
        String body = """
                {"id":"%s","name":"上海测试核查中心","accreditedFrom":"2020-01-01","accreditedUntil":"2027-12-31"}""".formatted(verifier);
        HttpResponse<String> added = postJson("/api/v1/emissions/verifiers", "admin-sh", body);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).path("jurisdictions").toString()).isEqualTo("[\"SH\"]");
        assertThat(postJson("/api/v1/emissions/verifiers", "admin-sh", body).statusCode()).isEqualTo(200);
        assertProblem(postJson("/api/v1/emissions/verifiers", "admin-sh", """
                {"id":"%s","name":"另一家","accreditedFrom":"2020-01-01"}""".formatted(verifier)), 409, "VERIFIER_EXISTS");
        // a regulator accredits for its own jurisdictions only
        assertProblem(postJson("/api/v1/emissions/verifiers", "admin-sh", """
                {"id":"%s","name":"x","accreditedFrom":"2020-01-01","jurisdictions":["SH","GD"]}""".formatted(fresh("v"))), 403, "NOT_AUTHORISED");
        HttpResponse<String> badDates = postJson("/api/v1/emissions/verifiers", "admin-sh", """
                {"id":"%s","name":"x","accreditedFrom":"2020-01-01","accreditedUntil":"2019-12-31"}""".formatted(fresh("v")));
        assertThat(fields(badDates)).containsExactly("accreditedUntil");
        List<String> listed = new ArrayList<>();
        json(get("/api/v1/emissions/verifiers", "auditor")).forEach(v -> listed.add(v.path("id").asString()));
        assertThat(listed).contains(verifier, "cec-verify", "green-verify");

        HttpResponse<String> link = postJson("/api/v1/emissions/consulting-links", "admin-sh", """
                {"verifier":"%s","entity":"%s","fromYear":2022,"toYear":2023,"nature":"碳资产管理咨询"}""".formatted(verifier, id));
        assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
        assertThat(json(link).path("recordedBy").asString()).isEqualTo("admin-sh");
        assertThat(postJson("/api/v1/emissions/consulting-links", "admin-sh", """
                {"verifier":"%s","entity":"%s","fromYear":2022,"toYear":2023,"nature":"碳资产管理咨询"}""".formatted(verifier, id)).statusCode()).isEqualTo(200);
        assertProblem(postJson("/api/v1/emissions/consulting-links", "admin-sh", """
                {"verifier":"nobody-verify","entity":"%s","fromYear":2022,"toYear":2023,"nature":"x"}""".formatted(id)), 422, "UNKNOWN_VERIFIER");
        assertThat(fields(postJson("/api/v1/emissions/consulting-links", "admin-sh", """
                {"verifier":"%s","entity":"%s","fromYear":2024,"toYear":2023}""".formatted(verifier, id)))).containsExactly("toYear", "nature");
        assertProblem(postJson("/api/v1/emissions/consulting-links", "admin-gd", """
                {"verifier":"%s","entity":"%s","fromYear":2022,"toYear":2023,"nature":"x"}""".formatted(verifier, id)), 403, "NOT_AUTHORISED");
        // a regulator reads its own entities' links; the demo's CN link is not Shanghai's
        List<Long> shLinks = new ArrayList<>(), gdLinks = new ArrayList<>(), auditorLinks = new ArrayList<>();
        List<String> shEntities = new ArrayList<>();
        json(get("/api/v1/emissions/consulting-links", "admin-sh")).forEach(l -> { shLinks.add(l.path("id").asLong()); shEntities.add(l.path("entity").asString()); });
        json(get("/api/v1/emissions/consulting-links", "admin-gd")).forEach(l -> gdLinks.add(l.path("id").asLong()));
        json(get("/api/v1/emissions/consulting-links", "auditor")).forEach(l -> auditorLinks.add(l.path("id").asLong()));
        assertThat(shLinks).contains(json(link).path("id").asLong());
        assertThat(shEntities).doesNotContain("cn-power-3");
        assertThat(gdLinks).doesNotContain(json(link).path("id").asLong());
        assertThat(auditorLinks).containsAll(shLinks).hasSizeGreaterThan(shLinks.size());
        assertThat(count("SELECT count(*) FROM consulting_link WHERE entity_id = ?", id)).isEqualTo(1);

        // the independence rule reads the link: the verifier may not verify the entity's 2023 data
        HttpResponse<String> assign = postJson("/api/v1/emissions/verifications", "admin-sh", """
                {"entity":"%s","year":2023,"verifier":"%s"}""".formatted(id, verifier));
        assertProblem(assign, 409, "CONFLICT_OF_INTEREST");
        assertThat(json(assign).path("conflict").asString()).isEqualTo("CONSULTING_LINK");
    }

    @Test
    void the_register_page_shows_its_forms_to_regulators_only() {
        Account account = openAccount("SH", "上海测试电厂");
        String id = entityWithUnit(account);
        HttpResponse<String> regulator = page("/emissions/register", "admin-sh");
        assertThat(regulator.statusCode()).isEqualTo(200);
        assertThat(regulator.body()).contains("data-entity=\"" + id + "\"").contains("id=\"entity-form\"").contains("id=\"ver-form\"")
                .contains("id=\"verifier-form\"").contains(account.number());
        HttpResponse<String> auditor = page("/emissions/register", "auditor");
        assertThat(auditor.statusCode()).isEqualTo(200);
        assertThat(auditor.body()).contains("data-entity=\"" + id + "\"").contains("id=\"verifier-list\"").doesNotContain("id=\"entity-form\"")
                .doesNotContain("new-version");
        String rep = representative(account);
        HttpResponse<String> own = page("/emissions/register", rep);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("data-entity=\"" + id + "\"").doesNotContain("data-entity=\"cn-power-1\"").doesNotContain("id=\"entity-form\"")
                .doesNotContain("id=\"verifier-list\"");
        assertThat(page("/emissions/register", "verifier-1").statusCode()).isEqualTo(403);
        assertThat(page("/emissions/register", "admin-gd").body()).doesNotContain("data-entity=\"" + id + "\"");

        // a form sent by another jurisdiction's regulator comes back refused, recorded, nothing written
        Session gd = session("admin-gd");
        long refused = refusals("admin-gd", "NOT_AUTHORISED");
        HttpResponse<String> sent = send(request("/emissions/register/facilities", null).header("Cookie", gd.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("entity=" + id + "&id=F9&name=x&_csrf=" + java.net.URLEncoder.encode(gd.csrf(),
                        java.nio.charset.StandardCharsets.UTF_8))).build());
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(refusals("admin-gd", "NOT_AUTHORISED")).isEqualTo(refused + 1);
        assertThat(rows("emission_facility", id)).isEqualTo(1);
    }

    void sql(String statement) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A figure no one measured (an exponent far beyond any decimal place) is a field error, never a 500; nothing is written. */
    @Test
    void a_capacity_with_an_absurd_exponent_is_refused_as_a_field_not_a_server_error() {
        String id = entityWithUnit(openAccount("SH", "上海指数测试电厂"));
        long versions = rows("emission_installation_version", id);
        for (String capacity : new String[]{"\"1e-999999999\"", "1e-999999999", "\"0.0000001\""}) {
            HttpResponse<String> r = postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", unit("F1", "G9", "2011-01-01", capacity));
            assertThat(r.statusCode()).as(capacity + ": " + r.body()).isEqualTo(400);
            assertThat(fields(r)).as(r.body()).contains("spec.capacity");
        }
        assertThat(rows("emission_installation_version", id)).isEqualTo(versions);
        HttpResponse<String> ok = postJson("/api/v1/emissions/entities/" + id + "/installations", "admin-sh", unit("F1", "G9", "2011-01-01", "\"350.000001\""));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    }
}
