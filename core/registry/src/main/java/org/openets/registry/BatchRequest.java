package org.openets.registry;

import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;

import java.util.List;

/**
 * Lines proposed, approved and completed as one (e.g. a whole allocation table): all complete or none do.
 * Line {@code i} (from 1) gets the command id {@code <batch id>:<i>}.
 */
public record BatchRequest(CommandId id, ActorId initiator, List<TransactionRequest> lines) {
    public BatchRequest {
        lines = List.copyOf(lines);
    }

    public String bodyHash() {
        StringBuilder sb = new StringBuilder(initiator.value());
        for (TransactionRequest l : lines) sb.append('\n').append(l.canonicalBody());
        return Canonical.sha256(sb.toString());
    }
}
