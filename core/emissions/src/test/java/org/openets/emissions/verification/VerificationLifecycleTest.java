package org.openets.emissions.verification;

import org.junit.jupiter.api.Test;
import org.openets.emissions.EntityId;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.Quantity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One verification from assignment to amended final figures, and each step refused where it does not fit. */
class VerificationLifecycleTest {
    static final Jurisdiction CN = Jurisdiction.of("CN");
    static final EntityId E1 = EntityId.of("E1");
    static final Verifier V = new Verifier(VerifierId.of("V"), "Verifier V", LocalDate.of(2015, 1, 1), null, Set.of(CN));
    static final ActorId AUDITOR = ActorId.of("v.auditor"), ENTITY = ActorId.of("e1.reporter"), REGULATOR = ActorId.of("gd.regulator");
    static final Instant T = Instant.parse("2023-04-10T02:00:00Z");
    static final VerifiedFigures FIGURES = new VerifiedFigures(Quantity.of(1_234_567),
            Map.of(OutputMetric.GENERATION_MWH, new BigDecimal("5000000"), OutputMetric.SUPPLY_MWH, new BigDecimal("4750000")));

    static Verification accepted(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted) o).verification();
    }

    static VerificationRejection rejected(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) o).code();
    }

    static Verification assigned() {
        return accepted(Verification.assign(new ConflictOfInterest(new ConflictPolicy(3, 0)), V, E1, CN, 2022, List.of(), List.of(), T,
                ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void assignFindCorrectStateApproveAndAmend() {
        Verification v = assigned();
        assertThat(v.status()).isEqualTo(Verification.Status.ASSIGNED);
        assertThat(v.assignment()).isEqualTo(new Assignment(V.id(), E1, 2022));

        v = accepted(v.raiseFinding("March coal NCV has no lab report", AUDITOR, T.plusSeconds(60)));
        v = accepted(v.raiseFinding("purchased electricity does not match the invoices", AUDITOR, T.plusSeconds(120)));
        assertThat(v.findings()).extracting(Finding::number).containsExactly(1, 2);

        // the entity answers; the verifier closes only an answered finding, and only once
        assertThat(rejected(v.close(1, "", AUDITOR, T.plusSeconds(170)))).isEqualTo(VerificationRejection.FINDING_NOT_ANSWERED);
        v = accepted(v.correct(1, "lab report attached", null, ENTITY, T.plusSeconds(180)));
        assertThat(v.findings().get(0).state()).isEqualTo(Finding.State.ANSWERED);
        assertThat(rejected(v.correct(3, "?", null, ENTITY, T.plusSeconds(190)))).isEqualTo(VerificationRejection.UNKNOWN_FINDING);
        assertThat(rejected(v.close(3, "?", AUDITOR, T.plusSeconds(190)))).isEqualTo(VerificationRejection.UNKNOWN_FINDING);
        // an answered finding is not closed: no qualified statement yet
        assertThat(rejected(v.issueStatement(Opinion.QUALIFIED, FIGURES, "", AUDITOR, T.plusSeconds(200)))).isEqualTo(VerificationRejection.OPEN_FINDINGS);
        v = accepted(v.close(1, "lab report seen", AUDITOR, T.plusSeconds(205)));
        assertThat(v.findings().get(0).state()).isEqualTo(Finding.State.CLOSED);
        assertThat(rejected(v.correct(1, "again", "report-v1:bbb", ENTITY, T.plusSeconds(206)))).isEqualTo(VerificationRejection.FINDING_CLOSED);
        assertThat(rejected(v.close(1, "again", AUDITOR, T.plusSeconds(206)))).isEqualTo(VerificationRejection.FINDING_CLOSED);
        assertThat(rejected(v.issueStatement(Opinion.QUALIFIED, FIGURES, "", AUDITOR, T.plusSeconds(207)))).isEqualTo(VerificationRejection.OPEN_FINDINGS);

        // a first answer that does not satisfy the verifier: the entity answers again with a corrected, resubmitted report
        v = accepted(v.correct(2, "invoices re-read", null, ENTITY, T.plusSeconds(220)));
        v = accepted(v.correct(2, "1,200 MWh corrected; report resubmitted", "report-v1:ccc", ENTITY, T.plusSeconds(240)));
        assertThat(v.findings().get(1).corrections()).extracting(Finding.Correction::description)
                .containsExactly("invoices re-read", "1,200 MWh corrected; report resubmitted");
        assertThat(v.findings().get(1).corrections().getLast().correctedReportSeal()).isEqualTo("report-v1:ccc");
        v = accepted(v.close(2, null, AUDITOR, T.plusSeconds(245)));
        assertThat(v.findings()).allMatch(Finding::isClosed);
        assertThat(v.findings().get(1).closure().note()).isEmpty();
        assertThat(rejected(v.approve(REGULATOR, T.plusSeconds(250)))).isEqualTo(VerificationRejection.INVALID_STATE);
        assertThat(rejected(v.issueStatement(Opinion.QUALIFIED_WITH_REMARKS, FIGURES, " ", AUDITOR, T.plusSeconds(260))))
                .isEqualTo(VerificationRejection.REMARKS_REQUIRED);

        v = accepted(v.issueStatement(Opinion.QUALIFIED_WITH_REMARKS, FIGURES, "defaults applied for 9 months of coal carbon content", AUDITOR, T.plusSeconds(300)));
        assertThat(v.status()).isEqualTo(Verification.Status.STATEMENT_ISSUED);
        assertThat(rejected(v.raiseFinding("late finding", AUDITOR, T.plusSeconds(310)))).isEqualTo(VerificationRejection.INVALID_STATE);
        assertThat(rejected(v.correct(2, "late answer", null, ENTITY, T.plusSeconds(310)))).isEqualTo(VerificationRejection.INVALID_STATE);
        assertThat(rejected(v.close(2, "late", AUDITOR, T.plusSeconds(310)))).isEqualTo(VerificationRejection.INVALID_STATE);
        assertThat(rejected(v.amend(FIGURES, "too early", REGULATOR, T.plusSeconds(320)))).isEqualTo(VerificationRejection.INVALID_STATE);
        assertThat(v.current()).isEmpty();

        v = accepted(v.approve(REGULATOR, T.plusSeconds(400)));
        assertThat(v.status()).isEqualTo(Verification.Status.APPROVED);
        assertThat(v.current()).hasValueSatisfying(f -> {
            assertThat(f.version()).isEqualTo(1);
            assertThat(f.figures()).isEqualTo(FIGURES);
            assertThat(f.by()).isEqualTo(REGULATOR);
        });
        assertThat(rejected(v.approve(REGULATOR, T.plusSeconds(410)))).isEqualTo(VerificationRejection.INVALID_STATE);
        assertThat(rejected(v.amend(FIGURES, " ", REGULATOR, T.plusSeconds(420)))).isEqualTo(VerificationRejection.REASON_REQUIRED);

        Verification approved = v;
        VerifiedFigures corrected = new VerifiedFigures(Quantity.of(1_240_001), FIGURES.outputs());
        v = accepted(v.amend(corrected, "data-falsification case 2024-17: coal consumption under-reported", REGULATOR, T.plusSeconds(86_400 * 300L)));
        assertThat(v.versions()).extracting(FiguresVersion::version).containsExactly(1, 2);
        assertThat(v.versions().getFirst()).isEqualTo(approved.versions().getFirst());
        assertThat(v.current().orElseThrow().figures().emissions()).isEqualTo(Quantity.of(1_240_001));
        assertThat(v.current().orElseThrow().reason()).startsWith("data-falsification case");
        assertThat(approved.current().orElseThrow().figures()).isEqualTo(FIGURES); // the earlier value is untouched
    }

    @Test
    void aNotQualifiedStatementMayLeaveFindingsOpenButCannotBecomeFinal() {
        Verification v = accepted(assigned().raiseFinding("no fuel records for Q3", AUDITOR, T));
        v = accepted(v.raiseFinding("meter calibration certificate expired", AUDITOR, T));
        v = accepted(v.correct(2, "certificate renewed", null, ENTITY, T));
        assertThat(rejected(v.issueStatement(Opinion.NOT_QUALIFIED, FIGURES, "", AUDITOR, T))).isEqualTo(VerificationRejection.REMARKS_REQUIRED);
        v = accepted(v.issueStatement(Opinion.NOT_QUALIFIED, FIGURES, "Q3 fuel records missing", AUDITOR, T));
        assertThat(rejected(v.approve(REGULATOR, T))).isEqualTo(VerificationRejection.NOT_QUALIFIED);
        assertThat(v.current()).isEmpty();
    }

    @Test
    void aQualifiedStatementWithoutFindingsIsApprovedAsIs() {
        Verification v = accepted(accepted(assigned().issueStatement(Opinion.QUALIFIED, FIGURES, null, AUDITOR, T)).approve(REGULATOR, T));
        assertThat(v.current().orElseThrow().reason()).isEqualTo("approved QUALIFIED statement");
    }
}
