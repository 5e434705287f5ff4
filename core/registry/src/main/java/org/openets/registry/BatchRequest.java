package org.openets.registry;

import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;

import java.util.List;

/**
 * Lines proposed, approved and completed as one (e.g. a whole allocation table): all complete or none do.
 * Line {@code i} (from 1) gets the command id {@code <batch id>:<i>}.
 */
public record BatchRequest(CommandId id, ActorId initiator, List<TransactionRequest> lines) {
    /** The longest batch id whose lines' ids (up to {@code :9999}) stay within a command id's 80 characters. */
    public static final int MAX_ID_LENGTH = 75;

    public BatchRequest {
        lines = List.copyOf(lines);
        if (id.value().length() + 1 + Integer.toString(Math.max(1, lines.size())).length() > CommandId.MAX_LENGTH)
            throw new IllegalArgumentException("batch id " + id + " leaves no room for the ids of its " + lines.size() + " lines (at most 80 characters)");
    }

    public String bodyHash() {
        StringBuilder sb = new StringBuilder(initiator.value());
        for (TransactionRequest l : lines) sb.append('\n').append(l.canonicalBody());
        return Canonical.sha256(sb.toString());
    }
}
