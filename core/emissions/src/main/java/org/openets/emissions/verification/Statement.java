package org.openets.emissions.verification;

import org.openets.kernel.ActorId;

import java.time.Instant;
import java.util.Objects;

/** The verification statement (核查报告结论): the opinion, the figures it vouches for, and any remarks. */
public record Statement(Opinion opinion, VerifiedFigures figures, String remarks, ActorId issuedBy, Instant issuedAt) {
    public Statement {
        Objects.requireNonNull(opinion, "opinion");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(issuedBy, "issuedBy");
        Objects.requireNonNull(issuedAt, "issuedAt");
        remarks = remarks == null ? "" : remarks;
    }
}
