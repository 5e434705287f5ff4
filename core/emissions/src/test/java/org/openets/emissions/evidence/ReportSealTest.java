package org.openets.emissions.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openets.emissions.AnnualReport;
import org.openets.emissions.EntityId;
import org.openets.emissions.FuelType;
import org.openets.emissions.FuelUse;
import org.openets.emissions.InstallationId;
import org.openets.emissions.Product;
import org.openets.emissions.ProductOutput;
import org.openets.emissions.UnitActivity;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A submitted report is sealed by SHA-256 over its canonical encoding and its attachments' hashes; any later change is detected. */
class ReportSealTest {
    static final InstallationId G1 = InstallationId.of("G1"), L1 = InstallationId.of("L1");
    static final FuelType COAL = FuelType.of("COAL");
    static final Attachment LAB = Attachment.of("lab-2022-03.pdf", "application/pdf", "NCV 20.908 GJ/t".getBytes(StandardCharsets.UTF_8));
    static final Attachment INVOICE = Attachment.of("grid invoice|march\n.pdf", "application/pdf", "10000 MWh".getBytes(StandardCharsets.UTF_8));

    static BigDecimal d(String s) { return new BigDecimal(s); }

    static AnnualReport report(List<FuelUse> fuels) {
        return new AnnualReport(EntityId.of("E1"), Jurisdiction.of("CN"), 2022, fuels,
                List.of(new UnitActivity(G1, 3, d("500000"), d("470000"), d("0"), d("10000"))),
                List.of(new ProductOutput(L1, 1, Product.CLINKER, d("1.50"))));
    }

    static final List<FuelUse> FUELS = List.of(
            new FuelUse(G1, 3, COAL, d("1000"), d("20.908"), null, null, d("0.98")),
            new FuelUse(G1, 1, COAL, d("1200.5"), d("21"), d("0.02858"), null, null));
    static final AnnualReport REPORT = report(FUELS);
    static final List<Attachment> ATTACHMENTS = List.of(LAB, INVOICE);

    /** The expected text and hashes were computed outside Java (Python hashlib) from the documented encoding. */
    @Test
    void theCanonicalEncodingAndSealAreTheDocumentedOnes() {
        assertThat(LAB.sha256()).isEqualTo("d4e9439208a698641c05e38eb5df402e92528556e0731af30b22dd7d55b4aa09");
        assertThat(INVOICE.sha256()).isEqualTo("692d9cd4ad011267a0067a0aa7a041791433bbd90f09313553eb9068ce710e54");
        assertThat(ReportSeal.canonical(REPORT, ATTACHMENTS)).isEqualTo("""
                openets-emissions-report|v1
                entity|E1
                jurisdiction|CN
                year|2022
                fuel|G1|1|COAL|1200.5|21|0.02858||
                fuel|G1|3|COAL|1000|20.908|||0.98
                activity|G1|3|500000|470000|0|10000
                output|L1|1|CLINKER|1.5
                attachment|692d9cd4ad011267a0067a0aa7a041791433bbd90f09313553eb9068ce710e54|9|application/pdf|grid invoice%7Cmarch%0A.pdf
                attachment|d4e9439208a698641c05e38eb5df402e92528556e0731af30b22dd7d55b4aa09|15|application/pdf|lab-2022-03.pdf
                """);
        assertThat(ReportSeal.seal(REPORT, ATTACHMENTS)).isEqualTo(new Seal("report-v1", "9719c53702f1104581c0cdd6ab611d1d83b780229da8d397485688cdb914371f"));
    }

    @Test
    void theSameContentSealsAlikeWhateverItsRowOrderOrTrailingZeros() {
        AnnualReport reordered = report(List.of(
                new FuelUse(G1, 1, COAL, d("1200.50"), d("21.000"), d("0.028580"), null, null),
                new FuelUse(G1, 3, COAL, d("1000.0"), d("20.908"), null, null, d("0.980"))));
        assertThat(ReportSeal.seal(reordered, List.of(INVOICE, LAB))).isEqualTo(ReportSeal.seal(REPORT, ATTACHMENTS));
    }

    static Stream<Arguments> changes() {
        return Stream.<Arguments>of(
                change("a quantity", r -> report(List.of(FUELS.get(0).withQuantity(d("1000.001")), FUELS.get(1))), ATTACHMENTS),
                change("a measurement added", r -> report(List.of(new FuelUse(G1, 3, COAL, d("1000"), d("20.908"), d("0.026"), null, d("0.98")), FUELS.get(1))), ATTACHMENTS),
                change("a measurement moved to another column", r -> report(List.of(new FuelUse(G1, 3, COAL, d("1000"), d("20.908"), null, null, null),
                        new FuelUse(G1, 1, COAL, d("1200.5"), d("21"), d("0.02858"), null, d("0.98")))), ATTACHMENTS),
                change("a row dropped", r -> report(List.of(FUELS.get(0))), ATTACHMENTS),
                change("a month changed", r -> report(List.of(new FuelUse(G1, 4, COAL, d("1000"), d("20.908"), null, null, d("0.98")), FUELS.get(1))), ATTACHMENTS),
                change("purchased electricity", r -> new AnnualReport(r.entity(), r.jurisdiction(), r.year(), r.fuels(),
                        List.of(r.activity().getFirst().withPurchased(d("9999"))), r.outputs()), ATTACHMENTS),
                change("the output", r -> new AnnualReport(r.entity(), r.jurisdiction(), r.year(), r.fuels(), r.activity(),
                        List.of(new ProductOutput(L1, 1, Product.CLINKER, d("1.51")))), ATTACHMENTS),
                change("the year", r -> new AnnualReport(r.entity(), r.jurisdiction(), 2021, r.fuels(), r.activity(), r.outputs()), ATTACHMENTS),
                change("the entity", r -> new AnnualReport(EntityId.of("E2"), r.jurisdiction(), r.year(), r.fuels(), r.activity(), r.outputs()), ATTACHMENTS),
                change("an attachment dropped", r -> r, List.of(LAB)),
                change("an attachment's bytes", r -> r, List.of(LAB, Attachment.of(INVOICE.fileName(), INVOICE.mediaType(), "10001 MWh".getBytes(StandardCharsets.UTF_8)))),
                change("an attachment renamed", r -> r, List.of(LAB, new Attachment(INVOICE.sha256(), "invoice.pdf", INVOICE.mediaType(), INVOICE.size()))));
    }

    static Arguments change(String what, UnaryOperator<AnnualReport> edit, List<Attachment> attachments) {
        return Arguments.of(what, edit, attachments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anyLaterChangeBreaksTheSeal(String what, UnaryOperator<AnnualReport> edit, List<Attachment> attachments) {
        SubmittedReport submitted = SubmittedReport.submit(REPORT, ATTACHMENTS, ActorId.of("e1.reporter"), Instant.parse("2023-03-20T03:00:00Z"));
        assertThat(submitted.intact()).isTrue();
        SubmittedReport tampered = new SubmittedReport(edit.apply(REPORT), attachments, submitted.submittedBy(), submitted.submittedAt(), submitted.seal());
        assertThat(tampered.intact()).isFalse();
    }

    @Test
    void anAttachmentIsKnownByTheHashOfItsBytes() {
        byte[] bytes = "NCV 20.908 GJ/t".getBytes(StandardCharsets.UTF_8);
        assertThat(LAB.matches(bytes)).isTrue();
        assertThat(LAB.matches("NCV 20.909 GJ/t".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Attachment.of("other-name.pdf", "application/pdf", bytes).sha256()).isEqualTo(LAB.sha256());
    }

    @Test
    void aFileNameCannotForgeAFieldOrALine() {
        assertThat(ReportSeal.canonical(REPORT, List.of(INVOICE)).lines().filter(l -> l.startsWith("attachment|")).toList())
                .containsExactly("attachment|" + INVOICE.sha256() + "|9|application/pdf|grid invoice%7Cmarch%0A.pdf");
    }
}
