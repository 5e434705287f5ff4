package org.openets.store.emissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openets.emissions.Cooling;
import org.openets.emissions.CoveredEntity;
import org.openets.emissions.EntityId;
import org.openets.emissions.Facility;
import org.openets.emissions.FacilityId;
import org.openets.emissions.Installation;
import org.openets.emissions.InstallationId;
import org.openets.emissions.InstallationSpec;
import org.openets.emissions.InstallationVersion;
import org.openets.emissions.PressureClass;
import org.openets.emissions.ProblemCode;
import org.openets.emissions.RawReport;
import org.openets.emissions.RawRow;
import org.openets.emissions.Ruleset;
import org.openets.emissions.UnitCategory;
import org.openets.emissions.evidence.ReportSeal;
import org.openets.emissions.verification.ConflictPolicy;
import org.openets.emissions.verification.ConsultingLink;
import org.openets.emissions.verification.Opinion;
import org.openets.emissions.verification.Verifier;
import org.openets.emissions.verification.VerifierId;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.store.Sql;
import org.openets.store.TestDatabases;
import org.openets.workflows.emissions.EmissionsResult;
import org.openets.workflows.emissions.EmissionsService;
import org.openets.workflows.emissions.EmissionsViews.IntegrityState;
import org.openets.workflows.emissions.EmissionsViews.NewAttachment;
import org.openets.workflows.emissions.EmissionsViews.ReportStatus;
import org.openets.workflows.emissions.EmissionsViews.ReportView;
import org.openets.workflows.emissions.EmissionsViews.SealCheck;
import org.openets.workflows.emissions.EmissionsViews.VerificationView;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MRV books over PostgreSQL, driven through {@link EmissionsService}: a report is saved only when every cell is
 * right, reads back as it was checked, is sealed on submission and never edited afterwards; a change made directly
 * in the database to a sealed report's rows, its seal or an attachment's bytes is found by the seal check; the
 * independence rule decides assignments; final figures are versions that are only ever appended. Run on every
 * PostgreSQL the platform supports.
 */
abstract class EmissionsStoreSuite {
    static final Jurisdiction CN = Jurisdiction.of("CN");
    static final EntityId E1 = EntityId.of("e1"), E2 = EntityId.of("e2");
    static final VerifierId V1 = VerifierId.of("v1"), V2 = VerifierId.of("v2");
    static final ActorId REP = ActorId.of("rep"), REGULATOR = ActorId.of("admin-cn"), AUDITOR_V1 = ActorId.of("verifier-1");
    static final LocalDate SINCE = LocalDate.of(2010, 1, 1);

    abstract TestDatabases.Target target();

    TestDatabases.TestDatabase db;
    PgEmissionsStore store;
    EmissionsService service;

    @BeforeEach void open() {
        db = TestDatabases.create(target());
        store = new PgEmissionsStore(db.dataSource());
        service = new EmissionsService(store, Ruleset::bundled, new ConflictPolicy(3, 2), Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
        store.defineEntity(entity(E1), null);
        store.defineEntity(entity(E2), null);
        store.addVerifier(new Verifier(V1, "核查一所", LocalDate.of(2020, 1, 1), null, Set.of(CN)));
        store.addVerifier(new Verifier(V2, "核查二所", LocalDate.of(2020, 1, 1), null, Set.of(CN)));
        store.addConsultingLink(new ConsultingLink(V2, E2, 2021, 2022, "prepared the 2021 report"));
    }

    @AfterEach void close() { db.close(); }

    static CoveredEntity entity(EntityId id) {
        Installation g1 = Installation.of(InstallationId.of("G1"), SINCE, new InstallationSpec.GeneratingUnit(UnitCategory.CONVENTIONAL_COAL_ABOVE_300MW,
                new BigDecimal("600"), PressureClass.SUPERCRITICAL, Cooling.WATER, false, SINCE, null, "天津", "滨海新区"), "registered");
        Installation g2 = Installation.of(InstallationId.of("G2"), SINCE, new InstallationSpec.GeneratingUnit(UnitCategory.GAS, new BigDecimal("400"),
                        PressureClass.NOT_APPLICABLE, Cooling.AIR, true, SINCE, null, "天津", "滨海新区"), "registered")
                .withVersion(LocalDate.of(2022, 7, 1), new InstallationSpec.GeneratingUnit(UnitCategory.GAS, new BigDecimal("420"),
                        PressureClass.NOT_APPLICABLE, Cooling.AIR, true, SINCE, null, "天津", "滨海新区"), "re-rated");
        return new CoveredEntity(id, "Entity " + id, CN, List.of(new Facility(FacilityId.of("F1"), "works", List.of(g1, g2))));
    }

    /**
     * A complete year (both units, every month: what sealing needs): coal on G1, NCV measured every month, carbon content
     * measured in the first {@code measuredCc} months; gas on G2 with every factor measured. G1's rows come first.
     */
    static RawReport coal(int measuredCc) {
        List<RawRow> fuels = new ArrayList<>(), activity = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            Map<String, String> cells = new LinkedHashMap<>(Map.of("unit", "G1", "month", Integer.toString(m), "fuel", "COAL", "quantity", "100000.50",
                    "ncv", "21.5"));
            if (m <= measuredCc) cells.put("carbon_content", "0.0265");
            fuels.add(new RawRow(m, cells));
            activity.add(new RawRow(m, Map.of("unit", "G1", "month", Integer.toString(m), "generation_mwh", "300000", "supply_mwh", "280000",
                    "heat_supplied_gj", "0", "purchased_electricity_mwh", "100")));
        }
        for (int m = 1; m <= 12; m++) {
            fuels.add(new RawRow(12 + m, Map.of("unit", "G2", "month", Integer.toString(m), "fuel", "NATURAL_GAS", "quantity", "2000", "ncv", "389.31",
                    "carbon_content", "0.01532", "oxidation_rate", "0.99")));
            activity.add(new RawRow(12 + m, Map.of("unit", "G2", "month", Integer.toString(m), "generation_mwh", "150000", "supply_mwh", "145000",
                    "heat_supplied_gj", "20000", "purchased_electricity_mwh", "0")));
        }
        return new RawReport(fuels, activity, List.of());
    }

    static NewAttachment pdf(String name, String text) {
        return new NewAttachment(name, "application/pdf", text.getBytes(StandardCharsets.UTF_8));
    }

    ReportView submitted(EntityId e, RawReport raw, NewAttachment... attachments) {
        EmissionsResult<ReportView> r = service.save(e, 2022, raw, List.of(attachments), true, REP);
        assertThat(r).as("%s", r).isInstanceOf(EmissionsResult.Done.class);
        return r.value();
    }

    void sql(String statement) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new Sql.Failure(statement, e);
        }
    }

    long count(String sql, Object... args) {
        try (Connection c = db.dataSource().getConnection()) {
            return Sql.longValue(c, sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ entities

    @Test void an_entity_reads_back_with_every_installation_version() {
        CoveredEntity back = store.entity(E1).orElseThrow();
        assertThat(back).isEqualTo(entity(E1));
        assertThat(back.installation(InstallationId.of("G2")).orElseThrow().versions()).hasSize(2);
        assertThat(store.entity(EntityId.of("nobody"))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ reports

    @Test void a_draft_reads_back_as_checked_with_its_figures_and_the_next_save_replaces_it() {
        EmissionsResult<ReportView> first = service.save(E1, 2022, coal(12), List.of(pdf("lab.pdf", "lab report")), false, REP);
        ReportView draft = first.value();
        assertThat(draft.status()).isEqualTo(ReportStatus.DRAFT);
        assertThat(draft.seal()).isNull();
        assertThat(draft.report().fuels()).hasSize(24);
        assertThat(draft.report().fuels().getFirst().quantity()).isEqualByComparingTo("100000.5");
        assertThat(draft.attachments()).singleElement().satisfies(a -> assertThat(a.fileName()).isEqualTo("lab.pdf"));
        assertThat(draft.figures().totalTonnes()).isPositive();
        assertThat(draft.figures().trace()).isNotEmpty();
        assertThat(draft.figures().substitutions()).noneMatch(s -> s.startsWith("DEFAULT carbon"));

        ReportView second = service.save(E1, 2022, coal(2), List.of(), false, REP).value();
        assertThat(second.id()).isNotEqualTo(draft.id());
        assertThat(store.report(draft.id())).isEmpty();
        assertThat(count("SELECT count(*) FROM emission_report WHERE entity_id = 'e1'")).isEqualTo(1);
        // 2022, 2 measured months < 3: the other ten take the 0.03085 default, and the figures say so
        assertThat(second.figures().substitutions()).hasSizeGreaterThanOrEqualTo(10).anyMatch(s -> s.contains("0.03085"));
        assertThat(second.figures().totalTonnes()).isGreaterThan(draft.figures().totalTonnes());
    }

    @Test void a_report_with_any_problem_is_not_saved_and_every_problem_is_named() {
        List<RawRow> fuels = new ArrayList<>(coal(12).fuels());
        fuels.set(0, new RawRow(1, Map.of("unit", "G1", "month", "13", "fuel", "COAL", "quantity", "10", "ncv", "21")));
        fuels.set(1, new RawRow(2, Map.of("unit", "G1", "month", "2", "fuel", "PEAT", "quantity", "-5", "ncv", "21")));
        fuels.set(2, new RawRow(3, Map.of("unit", "G1", "month", "3", "fuel", "COAL", "quantity", "12a", "ncv", "21")));
        EmissionsResult<ReportView> r = service.save(E1, 2022, new RawReport(fuels, List.of(), List.of()), List.of(pdf("x.pdf", "x")), true, REP);
        assertThat(r).isInstanceOf(EmissionsResult.Invalid.class);
        List<org.openets.emissions.Problem> problems = ((EmissionsResult.Invalid<ReportView>) r).problems();
        assertThat(problems).extracting(org.openets.emissions.Problem::code)
                .contains(ProblemCode.OUT_OF_RANGE, ProblemCode.UNKNOWN_FUEL, ProblemCode.NEGATIVE, ProblemCode.NOT_A_NUMBER);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.where()).contains("row 1");
            assertThat(p.field()).isEqualTo("month");
        });
        assertThat(count("SELECT count(*) FROM emission_report")).isZero();
        assertThat(count("SELECT count(*) FROM evidence_blob")).isZero();
        // an unknown entity is refused, not invalid
        assertThat(service.save(EntityId.of("nobody"), 2022, coal(12), List.of(), false, REP))
                .isEqualTo(new EmissionsResult.Refused<>("UNKNOWN_ENTITY", "no covered entity nobody"));
    }

    @Test void an_empty_report_is_not_saved_and_one_that_lacks_a_unit_or_months_is_not_sealed() {
        ReportView draft = service.save(E1, 2022, coal(12), List.of(), false, REP).value();
        // no rows at all: refused, naming what the report has to cover; the year's draft stays as it was
        EmissionsResult<ReportView> empty = service.save(E1, 2022, new RawReport(List.of(), List.of(), List.of()), List.of(), false, REP);
        assertThat(empty).isInstanceOf(EmissionsResult.Incomplete.class);
        var none = (EmissionsResult.Incomplete<ReportView>) empty;
        assertThat(none.empty()).isTrue();
        assertThat(none.problems()).extracting(org.openets.emissions.Problem::code)
                .containsExactly(ProblemCode.EMPTY_REPORT, ProblemCode.MISSING_INSTALLATION, ProblemCode.MISSING_INSTALLATION);
        assertThat(store.report(draft.id()).orElseThrow().report()).isEqualTo(draft.report());
        // G2 left out, G1's activity of the second half-year too: not sealed, nothing saved, each gap named
        RawReport g1Only = new RawReport(coal(12).fuels().subList(0, 12), coal(12).activity().subList(0, 6), List.of());
        EmissionsResult<ReportView> partial = service.save(E1, 2022, g1Only, List.of(), true, REP);
        assertThat(partial).isInstanceOf(EmissionsResult.Incomplete.class);
        assertThat(((EmissionsResult.Incomplete<ReportView>) partial).gaps()).extracting(g -> g.installation() + " " + g.sheet() + " " + g.monthRanges())
                .containsExactly("G1 activity 7-12", "G2 activity 1-12");
        assertThat(count("SELECT count(*) FROM emission_report WHERE entity_id = 'e1'")).isEqualTo(1);
        assertThat(store.report(draft.id()).orElseThrow().status()).isEqualTo(ReportStatus.DRAFT);
        // the same as a draft is saved; sealing it is refused until it is complete
        ReportView incomplete = service.save(E1, 2022, g1Only, List.of(), false, REP).value();
        assertThat(service.submit(incomplete.id(), REP)).isInstanceOf(EmissionsResult.Incomplete.class);
        assertThat(store.report(incomplete.id()).orElseThrow().seal()).isNull();
        ReportView complete = service.save(E1, 2022, coal(12), List.of(), false, REP).value();
        assertThat(service.submit(complete.id(), REP).value().status()).isEqualTo(ReportStatus.SUBMITTED);
    }

    @Test void submission_seals_the_report_and_the_database_refuses_to_edit_it() {
        ReportView r = submitted(E1, coal(12), pdf("lab.pdf", "lab report"), pdf("meter.pdf", "meter readings"));
        assertThat(r.status()).isEqualTo(ReportStatus.SUBMITTED);
        assertThat(r.submittedBy()).isEqualTo(REP);
        assertThat(r.seal()).isEqualTo(ReportSeal.seal(r.report(), r.attachments()));
        assertThat(service.submit(r.id(), REP)).isInstanceOf(EmissionsResult.Refused.class);
        assertThatThrownBy(() -> sql("UPDATE emission_report SET total_tonnes = 1 WHERE id = " + r.id())).hasMessageContaining("sealed");
        assertThatThrownBy(() -> sql("DELETE FROM emission_report WHERE id = " + r.id())).hasMessageContaining("sealed");

        // the same bytes attached to another report are stored once
        submitted(E2, coal(12), pdf("lab-copy.pdf", "lab report"));
        assertThat(count("SELECT count(*) FROM evidence_blob")).isEqualTo(2);

        // a resubmission is a correction: refused without a reason, nothing saved
        long before = count("SELECT count(*) FROM emission_report");
        assertThat(service.save(E1, 2022, coal(2), List.of(), true, " ", REP)).isInstanceOf(EmissionsResult.Refused.class)
                .extracting(x -> ((EmissionsResult.Refused<?>) x).code()).isEqualTo("REASON_REQUIRED");
        assertThat(count("SELECT count(*) FROM emission_report")).isEqualTo(before);
        ReportView draft = service.save(E1, 2022, coal(2), List.of(), false, REP).value();
        assertThat(service.submit(draft.id(), REP)).extracting(x -> ((EmissionsResult.Refused<?>) x).code()).isEqualTo("REASON_REQUIRED");
        // with its reason it is a new report; the earlier one stays, superseded, with its seal
        ReportView again = service.submit(draft.id(), "carbon content of months 3-12 not measured after all", REP).value();
        assertThat(again.correctionReason()).isEqualTo("carbon content of months 3-12 not measured after all");
        assertThat(r.correctionReason()).isNull();
        assertThat(store.report(r.id()).orElseThrow().status()).isEqualTo(ReportStatus.SUPERSEDED);
        assertThat(store.report(r.id()).orElseThrow().seal()).isEqualTo(r.seal());
        assertThat(store.currentSubmission(E1, 2022).orElseThrow().id()).isEqualTo(again.id());
        SealCheck check = service.checkSeals();
        assertThat(check.clean()).as("%s", check).isTrue();
        assertThat(check.reportsChecked()).isEqualTo(3);
        assertThat(check.attachmentsChecked()).isEqualTo(3);
        assertThat(service.integrity(again).state()).isEqualTo(IntegrityState.INTACT);
        assertThat(service.integrity(service.save(E2, 2021, coal(12), List.of(), false, REP).value()).state()).isEqualTo(IntegrityState.UNSEALED);
        // the check is scoped by the entity's jurisdiction
        assertThat(service.checkSeals(Set.of(Jurisdiction.of("GD"))).reportsChecked()).isZero();
        assertThat(service.checkSeals(Set.of(CN)).reportsChecked()).isEqualTo(3);
    }

    @Test void a_sealed_report_whose_rows_no_longer_make_a_report_is_read_and_judged_tampered() {
        ReportView r = submitted(E1, coal(12), pdf("lab.pdf", "lab report"));
        assertThat(service.integrity(store.report(r.id()).orElseThrow()).state()).isEqualTo(IntegrityState.INTACT);
        // values the domain refuses: a negative quantity, a fuel code in lower case, supply above generation, an empty file name
        sql("UPDATE emission_report_fuel SET quantity = -5 WHERE report_id = " + r.id() + " AND unit = 'G1' AND month = 3");
        sql("UPDATE emission_report_fuel SET fuel = 'coal' WHERE report_id = " + r.id() + " AND unit = 'G1' AND month = 4");
        sql("UPDATE emission_report_activity SET supply_mwh = generation_mwh + 1 WHERE report_id = " + r.id() + " AND unit = 'G1' AND month = 5");
        sql("UPDATE emission_report_attachment SET file_name = ' ' WHERE report_id = " + r.id());
        // and, behind the trigger, a header value that is no jurisdiction
        sql("ALTER TABLE emission_report DISABLE TRIGGER emission_report_sealed");
        sql("UPDATE emission_report SET jurisdiction = '??' WHERE id = " + r.id());
        sql("ALTER TABLE emission_report ENABLE TRIGGER emission_report_sealed");

        ReportView back = store.report(r.id()).orElseThrow();
        assertThat(back.report().fuels()).hasSize(22);
        assertThat(back.report().activity()).hasSize(23);
        assertThat(back.attachments()).isEmpty();
        assertThat(back.jurisdiction()).isEqualTo(CN);
        assertThat(back.unreadable()).hasSize(5).anyMatch(u -> u.startsWith("emission_report_fuel G1/3/COAL") && u.contains("negative"))
                .anyMatch(u -> u.startsWith("emission_report_fuel G1/4/coal")).anyMatch(u -> u.startsWith("emission_report_activity G1/5"))
                .anyMatch(u -> u.startsWith("emission_report_attachment")).anyMatch(u -> u.contains("jurisdiction '??'"));
        var integrity = service.integrity(back);
        assertThat(integrity.state()).isEqualTo(IntegrityState.TAMPERED);
        assertThat(integrity.problems()).extracting(m -> m.code()).containsOnly("CONTENT_UNREADABLE", "SEAL_MISMATCH").contains("SEAL_MISMATCH");
        assertThat(service.checkSeals().mismatches()).extracting(m -> m.reportId()).containsOnly(r.id());
        assertThat(store.reports(List.of(E1), 2022, 10)).singleElement().satisfies(s -> assertThat(s.jurisdiction()).isEqualTo(CN));

        // the assigned verifier does not state over it
        service.assign(E1, 2022, V1, REGULATOR);
        assertThat(service.issueStatement(E1, 2022, V1, Opinion.QUALIFIED, null, null, AUDITOR_V1))
                .extracting(x -> ((EmissionsResult.Refused<?>) x).code()).isEqualTo("REPORT_TAMPERED");
    }

    @Test void a_sealed_reports_rows_changed_directly_in_the_database_are_detected() {
        ReportView r = submitted(E1, coal(12), pdf("lab.pdf", "lab report"));
        ReportView other = submitted(E2, coal(12));
        assertThat(service.checkSeals().clean()).isTrue();

        // the child rows carry no trigger: someone with SQL access changes a month's coal
        sql("UPDATE emission_report_fuel SET quantity = quantity - 1000 WHERE report_id = " + r.id() + " AND month = 7");
        SealCheck check = service.checkSeals();
        assertThat(check.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.reportId()).isEqualTo(r.id());
            assertThat(m.entity()).isEqualTo(E1);
            assertThat(m.code()).isEqualTo("SEAL_MISMATCH");
        });

        // a row dropped from the other report, and its seal rewritten by someone who also bypasses the trigger
        sql("DELETE FROM emission_report_activity WHERE report_id = " + other.id() + " AND month = 12");
        sql("ALTER TABLE emission_report DISABLE TRIGGER emission_report_sealed");
        sql("UPDATE emission_report SET seal_sha256 = repeat('0', 64) WHERE id = " + other.id());
        sql("ALTER TABLE emission_report ENABLE TRIGGER emission_report_sealed");
        assertThat(service.checkSeals().mismatches()).extracting(m -> m.reportId() + " " + m.code())
                .containsExactly(r.id() + " SEAL_MISMATCH", other.id() + " SEAL_MISMATCH");
    }

    @Test void an_attachments_bytes_changed_directly_in_the_database_are_detected() {
        ReportView r = submitted(E1, coal(12), pdf("lab.pdf", "lab report: C 26.5 %"), pdf("meter.pdf", "meter"));
        String sha = r.attachments().stream().filter(a -> a.fileName().equals("lab.pdf")).findFirst().orElseThrow().sha256();
        sql("UPDATE evidence_blob SET content = convert_to('lab report: C 21.0 %', 'UTF8') WHERE sha256 = '" + sha + "'");
        assertThat(service.checkSeals().mismatches()).singleElement().satisfies(m -> {
            assertThat(m.reportId()).isEqualTo(r.id());
            assertThat(m.code()).isEqualTo("ATTACHMENT_ALTERED");
            assertThat(m.detail()).contains("lab.pdf");
        });
        // swapping the attachment row to other bytes changes what the seal covers
        sql("UPDATE emission_report_attachment SET size = size + 1 WHERE report_id = " + r.id() + " AND file_name = 'meter.pdf'");
        assertThat(service.checkSeals().mismatches()).extracting(m -> m.code()).contains("ATTACHMENT_ALTERED", "SEAL_MISMATCH");
    }

    // ------------------------------------------------------------------------------------------ verification

    @Test void a_verifier_is_assigned_states_and_the_regulator_approves_and_figures_versions_are_only_appended() {
        ReportView r = submitted(E1, coal(2));
        VerificationView assigned = service.assign(E1, 2022, V1, REGULATOR).value();
        assertThat(assigned.status()).isEqualTo("ASSIGNED");
        assertThat(store.assignments()).hasSize(1);
        // the entity-year has its verifier
        assertThat(service.assign(E1, 2022, V2, REGULATOR)).isInstanceOf(EmissionsResult.Refused.class)
                .extracting(x -> ((EmissionsResult.Refused<?>) x).detail()).asString().contains("already assigned");

        // only the assigned verifier states
        assertThat(service.issueStatement(E1, 2022, V2, Opinion.QUALIFIED, null, null, ActorId.of("verifier-2")))
                .extracting(x -> ((EmissionsResult.Refused<?>) x).code()).isEqualTo("NOT_ASSIGNED");
        assertThat(service.approve(E1, 2022, REGULATOR)).extracting(x -> ((EmissionsResult.Refused<?>) x).code()).isEqualTo("INVALID_STATE");

        VerificationView stated = service.issueStatement(E1, 2022, V1, Opinion.QUALIFIED_WITH_REMARKS, null, "defaults applied for 10 months of coal",
                AUDITOR_V1).value();
        assertThat(stated.statedEmissions()).isEqualByComparingTo(BigDecimal.valueOf(r.figures().totalTonnes()));
        assertThat(stated.reportId()).isEqualTo(r.id());
        assertThat(stated.reportSeal()).isEqualTo(r.seal().sha256());

        VerificationView approved = service.approve(E1, 2022, REGULATOR).value();
        assertThat(approved.status()).isEqualTo("APPROVED");
        assertThat(approved.versions()).singleElement().satisfies(v -> {
            assertThat(v.version()).isEqualTo(1);
            assertThat(v.emissionsTonnes()).isEqualTo(r.figures().totalTonnes());
            assertThat(v.outputs()).containsKey(org.openets.emissions.verification.OutputMetric.GENERATION_MWH);
        });

        VerificationView amended = service.amend(E1, 2022, r.figures().totalTonnes() + 5000, "re-verification after a meter fault", REGULATOR).value();
        assertThat(amended.versions()).hasSize(2);
        assertThat(amended.versions().get(0)).isEqualTo(approved.versions().get(0));
        assertThat(amended.versions().get(1).emissionsTonnes()).isEqualTo(r.figures().totalTonnes() + 5000);
        assertThat(service.amend(E1, 2022, 1, " ", REGULATOR)).extracting(x -> ((EmissionsResult.Refused<?>) x).code()).isEqualTo("REASON_REQUIRED");
        // the database refuses to edit or drop a version
        assertThatThrownBy(() -> sql("UPDATE verified_figures_version SET emissions = 1 WHERE version = 1")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM verified_figures_version")).hasMessageContaining("append-only");
        assertThat(store.verification(E1, 2022).orElseThrow().versions()).isEqualTo(amended.versions());
    }

    @Test void a_conflicted_verifier_is_neither_assigned_nor_states() {
        submitted(E2, coal(12));
        EmissionsResult<VerificationView> refused = service.assign(E2, 2022, V2, REGULATOR);
        assertThat(refused).isInstanceOf(EmissionsResult.Refused.class);
        assertThat(((EmissionsResult.Refused<?>) refused).code()).isEqualTo("CONFLICT_OF_INTEREST");
        assertThat(((EmissionsResult.Refused<?>) refused).detail()).contains("CONSULTING_LINK");
        assertThat(store.assignments()).isEmpty();

        // a link recorded after the assignment stops the statement
        assertThat(service.assign(E2, 2022, V1, REGULATOR).isDone()).isTrue();
        store.addConsultingLink(new ConsultingLink(V1, E2, 2022, 2022, "energy audit"));
        EmissionsResult<VerificationView> statement = service.issueStatement(E2, 2022, V1, Opinion.QUALIFIED, null, null, AUDITOR_V1);
        assertThat(((EmissionsResult.Refused<?>) statement).code()).isEqualTo("CONFLICT_OF_INTEREST");
        assertThat(store.verification(E2, 2022).orElseThrow().opinion()).isNull();
    }

    // ------------------------------------------------------------------------------------------ findings

    @Test void findings_are_answered_with_a_corrected_report_closed_by_the_verifier_and_only_then_a_qualified_statement_is_issued() {
        ReportView first = submitted(E1, coal(12));
        service.assign(E1, 2022, V1, REGULATOR);
        ActorId entityRep = ActorId.of("e1-appr");

        // only the assigned verifier raises and closes findings
        assertThat(service.raiseFinding(E1, 2022, V2, "x", ActorId.of("verifier-2"))).extracting(x -> ((EmissionsResult.Refused<?>) x).code())
                .isEqualTo("NOT_ASSIGNED");
        assertThat(service.raiseFinding(E2, 2022, V1, "x", AUDITOR_V1)).extracting(x -> ((EmissionsResult.Refused<?>) x).code()).isEqualTo("NOT_ASSIGNED");
        VerificationView v = service.raiseFinding(E1, 2022, V1, "March coal: no lab report for the carbon content", AUDITOR_V1).value();
        v = service.raiseFinding(E1, 2022, V1, "purchased electricity does not match the invoices", AUDITOR_V1).value();
        assertThat(v.findings()).extracting(f -> f.number() + " " + f.state()).containsExactly("1 OPEN", "2 OPEN");
        assertThat(v.unclosedFindings()).isEqualTo(2);

        // not closed: no qualified statement, and closing needs an answer first
        assertThat(service.issueStatement(E1, 2022, V1, Opinion.QUALIFIED, null, null, AUDITOR_V1)).extracting(x -> ((EmissionsResult.Refused<?>) x).code())
                .isEqualTo("OPEN_FINDINGS");
        assertThat(service.closeFinding(E1, 2022, 1, V1, "", AUDITOR_V1)).extracting(x -> ((EmissionsResult.Refused<?>) x).code())
                .isEqualTo("FINDING_NOT_ANSWERED");

        // finding 1 is answered with a lab report; finding 2 with a corrected, resubmitted report (a new version with a reason)
        service.answerFinding(E1, 2022, 1, "lab report for March attached to the file", null, entityRep).value();
        ReportView corrected = service.save(E1, 2022, coal(12), List.of(pdf("invoices.pdf", "invoices 2022")), true,
                "finding 2: purchased electricity corrected from the invoices", REP).value();
        assertThat(service.answerFinding(E1, 2022, 2, "see the corrected report", first.id(), entityRep))
                .extracting(x -> ((EmissionsResult.Refused<?>) x).code()).isEqualTo("NOT_CURRENT_SUBMISSION");
        assertThat(service.answerFinding(E1, 2022, 2, "see the corrected report", 999_999L, entityRep))
                .extracting(x -> ((EmissionsResult.Refused<?>) x).code()).isEqualTo("UNKNOWN_REPORT");
        assertThat(service.answerFinding(E1, 2022, 3, "?", null, entityRep)).extracting(x -> ((EmissionsResult.Refused<?>) x).code())
                .isEqualTo("UNKNOWN_FINDING");
        v = service.answerFinding(E1, 2022, 2, "purchased electricity corrected; see the resubmitted report", corrected.id(), entityRep).value();
        assertThat(v.findings().get(1).corrections()).singleElement().satisfies(c -> {
            assertThat(c.reportId()).isEqualTo(corrected.id());
            assertThat(c.reportSeal()).isEqualTo(corrected.seal().sha256());
            assertThat(c.by()).isEqualTo(entityRep);
        });
        assertThat(v.findings()).extracting(f -> f.state().name()).containsExactly("ANSWERED", "ANSWERED");

        // the verifier closes both; closed is final
        service.closeFinding(E1, 2022, 1, V1, "lab report seen", AUDITOR_V1).value();
        assertThat(service.issueStatement(E1, 2022, V1, Opinion.QUALIFIED, null, null, AUDITOR_V1)).extracting(x -> ((EmissionsResult.Refused<?>) x).code())
                .isEqualTo("OPEN_FINDINGS");
        v = service.closeFinding(E1, 2022, 2, V1, null, AUDITOR_V1).value();
        assertThat(v.findings()).allSatisfy(f -> assertThat(f.state().name()).isEqualTo("CLOSED"));
        assertThat(v.findings().get(0).closingNote()).isEqualTo("lab report seen");
        assertThat(service.closeFinding(E1, 2022, 1, V1, "again", AUDITOR_V1)).extracting(x -> ((EmissionsResult.Refused<?>) x).code())
                .isEqualTo("FINDING_CLOSED");
        assertThat(service.answerFinding(E1, 2022, 1, "more", null, entityRep)).extracting(x -> ((EmissionsResult.Refused<?>) x).code())
                .isEqualTo("FINDING_CLOSED");

        // the database keeps findings and answers as written: a finding changes once, when closed
        assertThatThrownBy(() -> sql("UPDATE verification_finding SET text = 'softer' WHERE entity_id = 'e1' AND number = 1")).hasMessageContaining("not edited");
        assertThatThrownBy(() -> sql("DELETE FROM verification_finding WHERE entity_id = 'e1'")).hasMessageContaining("not edited");
        assertThatThrownBy(() -> sql("UPDATE verification_finding_correction SET description = 'x'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM verification_finding_correction")).hasMessageContaining("append-only");

        // every finding closed: the statement is over the corrected report
        VerificationView stated = service.issueStatement(E1, 2022, V1, Opinion.QUALIFIED, null, null, AUDITOR_V1).value();
        assertThat(stated.reportId()).isEqualTo(corrected.id());
        assertThat(service.raiseFinding(E1, 2022, V1, "late", AUDITOR_V1)).extracting(x -> ((EmissionsResult.Refused<?>) x).code()).isEqualTo("INVALID_STATE");
        assertThat(store.verification(E1, 2022).orElseThrow().findings()).isEqualTo(v.findings());
    }

    @Test void a_not_qualified_statement_may_leave_findings_open_and_the_store_refuses_a_qualified_one_past_an_unclosed_finding() {
        submitted(E1, coal(12));
        service.assign(E1, 2022, V1, REGULATOR);
        service.raiseFinding(E1, 2022, V1, "no fuel records for Q3", AUDITOR_V1).value();
        // the statement checked the findings, then a finding came in before it was recorded: the store refuses it
        org.openets.emissions.verification.Statement qualified = new org.openets.emissions.verification.Statement(Opinion.QUALIFIED,
                new org.openets.emissions.verification.VerifiedFigures(org.openets.kernel.Quantity.of(1), Map.of()), null, AUDITOR_V1, java.time.Instant.now());
        long report = store.currentSubmission(E1, 2022).orElseThrow().id();
        assertThat(store.recordStatement(E1, 2022, qualified, report, store.currentSubmission(E1, 2022).orElseThrow().seal().sha256())).isFalse();
        VerificationView stated = service.issueStatement(E1, 2022, V1, Opinion.NOT_QUALIFIED, null, "Q3 fuel records missing", AUDITOR_V1).value();
        assertThat(stated.opinion()).isEqualTo(Opinion.NOT_QUALIFIED);
        assertThat(stated.unclosedFindings()).isEqualTo(1);
        assertThat(service.approve(E1, 2022, REGULATOR)).extracting(x -> ((EmissionsResult.Refused<?>) x).code()).isEqualTo("NOT_QUALIFIED");
    }

    @Test void lists_filter_by_entity_year_and_verifier() {
        submitted(E1, coal(12));
        submitted(E2, coal(12));
        service.save(E1, 2022, coal(2), List.of(), false, REP);
        assertThat(store.reports(null, null, 100)).hasSize(3);
        assertThat(store.reports(List.of(E2), 2022, 100)).singleElement().satisfies(s -> assertThat(s.entity()).isEqualTo(E2));
        assertThat(store.reports(List.of(), null, 100)).isEmpty();
        assertThat(store.reports(null, 2021, 100)).isEmpty();
        service.assign(E1, 2022, V1, REGULATOR);
        assertThat(store.verifications(V1, null, 100)).hasSize(1);
        assertThat(store.verifications(V2, null, 100)).isEmpty();
        assertThat(store.verifications(null, List.of(E2), 100)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ the register

    static InstallationSpec.ClinkerLine line(String capacity) {
        return new InstallationSpec.ClinkerLine(new BigDecimal(capacity), SINCE, null, "安徽", "芜湖");
    }

    @Test void the_register_records_who_and_when_and_reads_back_every_version() {
        java.time.Instant at = java.time.Instant.parse("2025-03-01T02:00:00Z");
        EntityId e3 = EntityId.of("e3");
        assertThat(store.defineEntity(new org.openets.workflows.emissions.EmissionsViews.EntityView(e3, "水泥三厂", CN, null), REGULATOR, at)).isTrue();
        // the id again: nothing written
        assertThat(store.defineEntity(new org.openets.workflows.emissions.EmissionsViews.EntityView(e3, "another", CN, null), REGULATOR, at)).isFalse();
        assertThat(store.addFacility(e3, FacilityId.of("F1"), "熟料车间", REGULATOR, at)).isTrue();
        assertThat(store.addFacility(e3, FacilityId.of("F1"), "again", REGULATOR, at)).isFalse();
        Installation l1 = Installation.of(InstallationId.of("L1"), LocalDate.of(2015, 1, 1), line("4500"), "registered");
        assertThat(store.addInstallation(e3, FacilityId.of("F1"), l1, REGULATOR, at)).isTrue();
        assertThat(store.addInstallation(e3, FacilityId.of("F1"), Installation.of(InstallationId.of("L1"), LocalDate.of(2016, 1, 1), line("1"), "x"),
                REGULATOR, at)).isFalse();
        assertThat(store.appendVersion(e3, InstallationId.of("L1"), new InstallationVersion(LocalDate.of(2024, 1, 1), line("5000"), "re-rated"),
                ActorId.of("admin2-cn"), at.plusSeconds(60))).isTrue();

        CoveredEntity back = store.entity(e3).orElseThrow();
        assertThat(back.name()).isEqualTo("水泥三厂");
        assertThat(back.installation(InstallationId.of("L1")).orElseThrow().versions()).extracting(InstallationVersion::reason).containsExactly("registered", "re-rated");
        var records = store.records(e3).orElseThrow();
        assertThat(records.entity().by()).isEqualTo(REGULATOR);
        assertThat(records.entity().at()).isEqualTo(at);
        assertThat(records.facilities().get(FacilityId.of("F1")).by()).isEqualTo(REGULATOR);
        assertThat(records.version(InstallationId.of("L1"), LocalDate.of(2024, 1, 1)).by()).isEqualTo(ActorId.of("admin2-cn"));
        // what the set-up wrote by code names no one
        assertThat(store.records(E1).orElseThrow().entity().by()).isNull();
        assertThat(store.records(EntityId.of("nobody"))).isEmpty();

        assertThat(store.addVerifier(new Verifier(VerifierId.of("v3"), "核查三所", LocalDate.of(2021, 1, 1), LocalDate.of(2026, 12, 31), Set.of(CN)), REGULATOR, at))
                .isTrue();
        assertThat(store.addVerifier(new Verifier(VerifierId.of("v3"), "other", LocalDate.of(2021, 1, 1), null, Set.of(CN)), REGULATOR, at)).isFalse();
        assertThat(store.verifiers()).extracting(v -> v.verifier().id().value()).containsExactly("v1", "v2", "v3");
        assertThat(store.verifiers().getLast().recorded().by()).isEqualTo(REGULATOR);
        long link = store.addConsultingLink(new ConsultingLink(VerifierId.of("v3"), e3, 2020, 2021, "energy audit"), REGULATOR, at);
        assertThat(store.consultingLinkViews()).hasSize(2).last().satisfies(l -> {
            assertThat(l.id()).isEqualTo(link);
            assertThat(l.link().nature()).isEqualTo("energy audit");
            assertThat(l.recorded().at()).isEqualTo(at);
        });
        assertThat(store.consultingLinks()).hasSize(2);
    }

    @Test void a_version_is_appended_only_after_the_last_one_even_when_appends_race() throws Exception {
        InstallationId g1 = InstallationId.of("G1");
        InstallationSpec.GeneratingUnit spec = (InstallationSpec.GeneratingUnit) store.entity(E1).orElseThrow().installation(g1).orElseThrow().versions().getFirst().spec();
        // not after the last (SINCE): refused, nothing written
        assertThat(store.appendVersion(E1, g1, new InstallationVersion(SINCE, spec, "same day"), REGULATOR, java.time.Instant.EPOCH)).isFalse();
        assertThat(store.appendVersion(E1, InstallationId.of("G9"), new InstallationVersion(LocalDate.of(2030, 1, 1), spec, "no such unit"), REGULATOR,
                java.time.Instant.EPOCH)).isFalse();

        // sixteen appends at once, each with its own day, in an order nobody chose: the lock lets each see the ones before it, so the
        // versions that got in start in increasing order, and the trigger behind the lock never had to refuse one
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Boolean>> done = new ArrayList<>();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int d = 1; d <= 16; d++) {
            LocalDate day = LocalDate.of(2020, 1, 1).plusDays(d);
            done.add(pool.submit(() -> {
                start.await();
                return store.appendVersion(E1, g1, new InstallationVersion(day, spec, "day " + day), REGULATOR, java.time.Instant.EPOCH);
            }));
        }
        start.countDown();
        int appended = 0;
        for (var f : done) if (f.get()) appended++;
        pool.shutdown();
        List<InstallationVersion> versions = store.entity(E1).orElseThrow().installation(g1).orElseThrow().versions();
        assertThat(versions).hasSize(1 + appended);
        assertThat(appended).isPositive();
        for (int i = 1; i < versions.size(); i++) assertThat(versions.get(i).validFrom()).isAfter(versions.get(i - 1).validFrom());

        // the database keeps the history too: no edit, no deletion, nothing slipped in before the last
        assertThatThrownBy(() -> sql("UPDATE emission_installation_version SET reason = 'edited' WHERE entity_id = 'e1'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM emission_installation_version WHERE entity_id = 'e1'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("INSERT INTO emission_installation_version (entity_id, installation_id, valid_from, reason, category, capacity, pressure, "
                + "cooling, heat_supply, commissioned, province, city) VALUES ('e1', 'G1', DATE '2015-01-01', 'back-dated', 'GAS', 1, 'NOT_APPLICABLE', 'AIR', "
                + "false, DATE '2010-01-01', 'x', 'y')")).hasMessageContaining("after the last one");
    }
}
