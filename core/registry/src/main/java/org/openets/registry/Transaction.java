package org.openets.registry;

import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.SerialRange;

import java.time.Instant;
import java.util.List;

/**
 * A registry transaction and where it stands in its lifecycle:
 * PROPOSED → AWAITING_APPROVAL (4-eyes) → DELAYED (transfer delay) → COMPLETED, or REJECTED / CANCELLED on
 * the way. {@code to} is the resolved destination (terminal accounts filled in). {@code ranges} are the serial
 * ranges that moved, once completed. {@code batchId} is the command id of the batch it belongs to, or null.
 */
public record Transaction(long id, CommandId commandId, String bodyHash, String batchId, TransactionType type,
                          TransactionStatus status, ActorId initiator, long from, long to, long seriesId, long quantity,
                          String beneficiary, String purpose, long pledgee, long reverses, Instant proposedAt,
                          ActorId approvedBy, Instant approvedAt, Instant expiresAt, Instant executesAt,
                          Instant completedAt, Rejection rejection, List<SerialRange> ranges) {
    public Transaction {
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
    }

    public Transaction withStatus(TransactionStatus s) {
        return new Transaction(id, commandId, bodyHash, batchId, type, s, initiator, from, to, seriesId, quantity, beneficiary,
                purpose, pledgee, reverses, proposedAt, approvedBy, approvedAt, expiresAt, executesAt, completedAt, rejection, ranges);
    }

    public Transaction awaitingApproval(Instant expires) {
        return new Transaction(id, commandId, bodyHash, batchId, type, TransactionStatus.AWAITING_APPROVAL, initiator, from, to, seriesId,
                quantity, beneficiary, purpose, pledgee, reverses, proposedAt, null, null, expires, null, null, null, ranges);
    }

    public Transaction approved(ActorId by, Instant at) {
        return new Transaction(id, commandId, bodyHash, batchId, type, status, initiator, from, to, seriesId, quantity, beneficiary,
                purpose, pledgee, reverses, proposedAt, by, at, expiresAt, executesAt, completedAt, rejection, ranges);
    }

    public Transaction delayedUntil(Instant at) {
        return new Transaction(id, commandId, bodyHash, batchId, type, TransactionStatus.DELAYED, initiator, from, to, seriesId, quantity,
                beneficiary, purpose, pledgee, reverses, proposedAt, approvedBy, approvedAt, expiresAt, at, completedAt, rejection, ranges);
    }

    public Transaction completed(Instant at, List<SerialRange> moved) {
        return new Transaction(id, commandId, bodyHash, batchId, type, TransactionStatus.COMPLETED, initiator, from, to, seriesId,
                quantity, beneficiary, purpose, pledgee, reverses, proposedAt, approvedBy, approvedAt, expiresAt, executesAt, at, null, moved);
    }

    public Transaction rejected(Rejection code, Instant at) {
        return new Transaction(id, commandId, bodyHash, batchId, type, TransactionStatus.REJECTED, initiator, from, to, seriesId,
                quantity, beneficiary, purpose, pledgee, reverses, proposedAt, approvedBy, approvedAt, expiresAt, executesAt, at, code, ranges);
    }

    /** Declined by the second person: recorded like an approval (who and when), with the rejection DECLINED. */
    public Transaction declined(ActorId by, Instant at) {
        return new Transaction(id, commandId, bodyHash, batchId, type, TransactionStatus.REJECTED, initiator, from, to, seriesId,
                quantity, beneficiary, purpose, pledgee, reverses, proposedAt, by, at, expiresAt, executesAt, at, Rejection.DECLINED, ranges);
    }

    public Transaction cancelled(Instant at) {
        return new Transaction(id, commandId, bodyHash, batchId, type, TransactionStatus.CANCELLED, initiator, from, to, seriesId,
                quantity, beneficiary, purpose, pledgee, reverses, proposedAt, approvedBy, approvedAt, expiresAt, executesAt, at, rejection, ranges);
    }
}
