package org.openets.emissions.verification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openets.emissions.EntityId;
import org.openets.kernel.Jurisdiction;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A verifier cannot be assigned to an entity-year it is conflicted with; N (years in a row) and the cooling-off are configuration. */
class ConflictOfInterestTest {
    static final Jurisdiction CN = Jurisdiction.of("CN"), GD = Jurisdiction.of("GD");
    static final EntityId E1 = EntityId.of("E1"), E2 = EntityId.of("E2");
    static final Verifier V = new Verifier(VerifierId.of("V"), "Verifier V", LocalDate.of(2015, 1, 1), null, Set.of(CN));
    static final Verifier W = new Verifier(VerifierId.of("W"), "Verifier W", LocalDate.of(2015, 1, 1), LocalDate.of(2024, 12, 31), Set.of(CN));
    static final LocalDate ON = LocalDate.of(2025, 4, 10);

    static List<Assignment> years(Verifier v, EntityId e, int from, int to) {
        List<Assignment> out = new ArrayList<>();
        for (int y = from; y <= to; y++) out.add(new Assignment(v.id(), e, y));
        return out;
    }

    static Optional<Conflict> check(int n, Verifier v, int year, List<Assignment> earlier, List<ConsultingLink> links) {
        return new ConflictOfInterest(new ConflictPolicy(n, 0)).check(v, E1, CN, year, ON, earlier, links);
    }

    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void noVerifierVerifiesAnEntityMoreThanNYearsInARow(int n) {
        // N years in a row already: the next one would be N + 1
        assertThat(check(n, V, 2024, years(V, E1, 2024 - n, 2023), List.of())).hasValueSatisfying(c -> {
            assertThat(c.code()).isEqualTo(ConflictCode.CONSECUTIVE_YEARS);
            assertThat(c.detail()).isEqualTo("V would verify E1 for " + (n + 1) + " years in a row (" + (2024 - n) + "-2024), more than " + n);
        });
        // N - 1 years in a row: the next one makes N, which is allowed
        assertThat(check(n, V, 2024, years(V, E1, 2024 - n + 1, 2023), List.of())).isEmpty();
        // a year with another verifier breaks the run: V's many earlier years do not count
        List<Assignment> broken = new ArrayList<>(years(V, E1, 2000, 2023));
        broken.removeIf(x -> x.year() == 2024 - n);
        broken.add(new Assignment(W.id(), E1, 2024 - n));
        assertThat(check(n, V, 2024, broken, List.of())).isEmpty();
    }

    @Test
    void theRunIsCountedBothWaysSoAFilledGapJoinsTwoRuns() {
        List<Assignment> earlier = new ArrayList<>(years(V, E1, 2021, 2022));
        earlier.add(new Assignment(V.id(), E1, 2024));
        assertThat(check(3, V, 2023, earlier, List.of())).hasValueSatisfying(c -> assertThat(c.detail()).contains("4 years in a row (2021-2024)"));
        assertThat(check(4, V, 2023, earlier, List.of())).isEmpty();
    }

    @Test
    void otherEntitiesAndOtherVerifiersDoNotCount() {
        List<Assignment> earlier = new ArrayList<>(years(V, E2, 2015, 2023));
        earlier.addAll(years(W, E1, 2015, 2023));
        assertThat(check(1, V, 2024, earlier, List.of())).isEmpty();
    }

    @ParameterizedTest(name = "link {0}-{1}, cooling-off {2}, year {3}: conflicted {4}")
    @CsvSource(textBlock = """
            2018, 2020, 0,          2020, true
            2018, 2020, 0,          2021, false
            2018, 2020, 1,          2021, true
            2018, 2020, 1,          2022, false
            2018, 2020, 2147483647, 2040, true
            2026, 2027, 0,          2024, true
            """)
    void aVerifierThatConsultedForTheEntityIsConflictedUntilTheLinkCoolsOff(int from, int to, int coolingOff, int year, boolean conflicted) {
        ConsultingLink link = new ConsultingLink(V.id(), E1, from, to, "prepared the emissions report");
        Optional<Conflict> c = new ConflictOfInterest(new ConflictPolicy(3, coolingOff)).check(V, E1, CN, year, ON, List.of(), List.of(link));
        assertThat(c.isPresent()).isEqualTo(conflicted);
        c.ifPresent(x -> assertThat(x.toString()).isEqualTo("CONSULTING_LINK: V consulted for E1 (prepared the emissions report, " + from + "-" + to + ")"));
    }

    @Test
    void anotherVerifiersConsultingLinkDoesNotCount() {
        assertThat(check(3, V, 2024, List.of(), List.of(new ConsultingLink(W.id(), E1, 2024, 2024, "energy audit")))).isEmpty();
    }

    @Test
    void aVerifierMustBeAccreditedOnTheDayInTheEntitysJurisdiction() {
        assertThat(check(3, W, 2024, List.of(), List.of())).hasValueSatisfying(c -> {
            assertThat(c.code()).isEqualTo(ConflictCode.NOT_ACCREDITED);
            assertThat(c.detail()).isEqualTo("W is not accredited in CN on 2025-04-10");
        });
        assertThat(new ConflictOfInterest(new ConflictPolicy(3, 0)).check(V, E1, GD, 2024, ON, List.of(), List.of()))
                .map(Conflict::code).contains(ConflictCode.NOT_ACCREDITED);
    }

    @Test
    void anEntityYearHasOneVerifier() {
        assertThat(check(3, V, 2024, List.of(new Assignment(W.id(), E1, 2024)), List.of()))
                .hasValueSatisfying(c -> assertThat(c.toString()).isEqualTo("ALREADY_ASSIGNED: E1 2024 is already assigned to W"));
    }

    @Test
    void theFirstConflictInTheDocumentedOrderIsReported() {
        List<ConsultingLink> links = List.of(new ConsultingLink(W.id(), E1, 2020, 2024, "carbon asset management"));
        List<Assignment> earlier = years(W, E1, 2018, 2023);
        assertThat(check(3, W, 2024, earlier, links).map(Conflict::code)).contains(ConflictCode.NOT_ACCREDITED);
        Verifier w2 = new Verifier(W.id(), W.name(), W.accreditedFrom(), null, Set.of(CN));
        assertThat(check(3, w2, 2024, earlier, links).map(Conflict::code)).contains(ConflictCode.CONSULTING_LINK);
        assertThat(check(3, w2, 2024, earlier, List.of()).map(Conflict::code)).contains(ConflictCode.CONSECUTIVE_YEARS);
    }

    @Test
    void aConflictedVerifierCannotBeAssigned() {
        Outcome o = Verification.assign(new ConflictOfInterest(new ConflictPolicy(2, 0)), V, E1, CN, 2024, years(V, E1, 2022, 2023), List.of(),
                Instant.parse("2025-04-10T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
        assertThat(o).isEqualTo(new Outcome.Rejected(VerificationRejection.CONFLICT_OF_INTEREST,
                "CONSECUTIVE_YEARS: V would verify E1 for 3 years in a row (2022-2024), more than 2"));
    }

    @Test
    void accreditationIsJudgedOnTheDayInTheJurisdictionsZone() {
        // 2024-12-31T16:30Z is already 1 January 2025 in Shanghai: W's accreditation has ended
        Outcome o = Verification.assign(new ConflictOfInterest(new ConflictPolicy(3, 0)), W, E1, CN, 2024, List.of(), List.of(),
                Instant.parse("2024-12-31T16:30:00Z"), ZoneId.of("Asia/Shanghai"));
        assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.detail()).startsWith("NOT_ACCREDITED"));
        assertThat(Verification.assign(new ConflictOfInterest(new ConflictPolicy(3, 0)), W, E1, CN, 2024, List.of(), List.of(),
                Instant.parse("2024-12-31T15:30:00Z"), ZoneId.of("Asia/Shanghai"))).isInstanceOf(Outcome.Accepted.class);
    }
}
