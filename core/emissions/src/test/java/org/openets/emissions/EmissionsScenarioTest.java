package org.openets.emissions;

import org.junit.jupiter.api.Test;
import org.openets.emissions.evidence.Attachment;
import org.openets.emissions.evidence.SubmittedReport;
import org.openets.emissions.verification.ConflictOfInterest;
import org.openets.emissions.verification.ConflictPolicy;
import org.openets.emissions.verification.Opinion;
import org.openets.emissions.verification.Outcome;
import org.openets.emissions.verification.OutputMetric;
import org.openets.emissions.verification.Verification;
import org.openets.emissions.verification.VerifiedFigures;
import org.openets.emissions.verification.Verifier;
import org.openets.emissions.verification.VerifierId;
import org.openets.kernel.ActorId;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openets.emissions.EmissionsFixture.*;

/** One entity's 2022: sheets in, figures with their trace, a sealed submission on time, verification, final figures. */
class EmissionsScenarioTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aYearFromSheetsToFinalFigures() {
        // G1 burns coal all year, carbon measured in two months only; G2 burns gas on defaults; G1 buys grid power in June
        List<RawRow> fuels = new ArrayList<>();
        for (int m = 1; m <= 12; m++)
            fuels.add(fuel(fuels.size() + 2, "G1", Integer.toString(m), "COAL", "100000", "20.9", m == 1 || m == 7 ? "0.0262" : null, null, null));
        fuels.add(fuel(fuels.size() + 2, "G2", "1", "NATURAL_GAS", "1000", null, null, null, null));
        RawReport sheets = new RawReport(fuels, List.of(activity(2, "G1", "6", "300000", "285000", "0", "10000")), List.of());

        AnnualReport report = read(2022, sheets).value();
        EmissionsAccount account = new Accounting(RULES).account(report).value();

        // 10 unmeasured coal months take 0.03085 (fewer than 3 measured); gas takes all three defaults; OF defaults everywhere
        assertThat(account.trace().defaultsApplied()).filteredOn(s -> s.factor().equals("CC") && s.fuel().code().equals("COAL")).hasSize(10);
        assertThat(account.trace().defaultsApplied()).filteredOn(s -> s.unit().value().equals("G2")).extracting(Substitution::factor)
                .containsExactly("NCV", "CC", "OF");
        assertThat(account.trace().unconfirmed()).extracting(Parameter::key).containsExactly("of.default[COAL]", "rounding.point", "rounding.mode");
        // E = 2 x 100000 x 20.9 x 0.0262 x 0.99 x 44/12 + 10 x 100000 x 20.9 x 0.03085 x 0.99 x 44/12 + 1000 x 389.31 x 0.01532 x 0.99 x 44/12 + 10000 x 0.5703
        assertThat(account.fuelTonnes()).isEqualByComparingTo("2759690.181996"); // worked out outside Java (Python decimal)
        assertThat(account.electricityTonnes()).isEqualByComparingTo("5703");
        assertThat(account.total().tonnes()).isEqualTo(2_765_393);

        Attachment lab = Attachment.of("coal-lab-2022.pdf", "application/pdf", "lab".getBytes(StandardCharsets.UTF_8));
        SubmittedReport submitted = SubmittedReport.submit(report, List.of(lab), ActorId.of("e1.reporter"), Instant.parse("2023-03-28T03:00:00Z"));
        Deadline due = Deadline.of(RULES, DeadlineKind.REPORT, 2022).value();
        assertThat(due.status(submitted.submittedAt().atZone(SHANGHAI).toLocalDate(), LocalDate.of(2023, 4, 1))).isEqualTo(DeadlineStatus.MET);

        Verifier v = new Verifier(VerifierId.of("V1"), "Verifier One", LocalDate.of(2020, 1, 1), null, Set.of(CN));
        Verification verification = ((Outcome.Accepted) Verification.assign(new ConflictOfInterest(new ConflictPolicy(3, 2)), v, E1, CN, 2022,
                List.of(), List.of(), Instant.parse("2023-04-03T02:00:00Z"), SHANGHAI)).verification();
        VerifiedFigures figures = new VerifiedFigures(account.total(), Map.of(OutputMetric.GENERATION_MWH, new BigDecimal("300000"),
                OutputMetric.SUPPLY_MWH, new BigDecimal("285000")));
        verification = ((Outcome.Accepted) verification.issueStatement(Opinion.QUALIFIED_WITH_REMARKS, figures,
                "coal carbon content measured in 2 months; defaults applied to 10", ActorId.of("v1.auditor"), Instant.parse("2023-05-20T02:00:00Z"))).verification();
        verification = ((Outcome.Accepted) verification.approve(ActorId.of("gd.regulator"), Instant.parse("2023-06-15T02:00:00Z"))).verification();
        assertThat(verification.current().orElseThrow().figures().emissions().tonnes()).isEqualTo(2_765_393);
        assertThat(submitted.intact()).isTrue();
    }
}
