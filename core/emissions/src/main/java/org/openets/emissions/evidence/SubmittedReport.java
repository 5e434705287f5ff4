package org.openets.emissions.evidence;

import org.openets.emissions.AnnualReport;
import org.openets.kernel.ActorId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A report as submitted (提交): content, attachments, who and when, sealed at submission. It is never edited: a
 * corrected report is a new submission with its own seal, and the old one stays as it was.
 */
public record SubmittedReport(AnnualReport report, List<Attachment> attachments, ActorId submittedBy, Instant submittedAt, Seal seal) {
    public SubmittedReport {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(submittedBy, "submittedBy");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(seal, "seal");
        attachments = List.copyOf(attachments);
    }

    public static SubmittedReport submit(AnnualReport report, List<Attachment> attachments, ActorId by, Instant at) {
        return new SubmittedReport(report, attachments, by, at, ReportSeal.seal(report, attachments));
    }

    public boolean intact() { return ReportSeal.intact(report, attachments, seal); }
}
