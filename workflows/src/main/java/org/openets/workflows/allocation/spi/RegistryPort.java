package org.openets.workflows.allocation.spi;

import java.util.List;
import java.util.Optional;

/** What allocation needs of the registry to issue a run: accounts, the allowance type, and one batch proposal. */
public interface RegistryPort {
    /**
     * The covered-entity holding account of an entity of the jurisdiction: the entity id is an MRV entity linked to
     * an account, or a registry account number. Empty when neither resolves to an open holding account there.
     */
    Optional<Long> holdingAccount(String entityId, String jurisdiction);

    /** The jurisdiction's government account of a type (ALLOCATION, AUCTION); empty when it has none. */
    Optional<Long> governmentAccount(String jurisdiction, String type);

    /** The allowance unit type code of the jurisdiction (CEA, GDEA, …). */
    Optional<String> allowanceType(String jurisdiction);

    /** One line of a batch: ALLOCATE or RETURN_OF_EXCESS or TRANSFER between accounts, in whole tonnes. */
    record Line(String type, long from, long to, long quantity, String note) { }

    /** The batch as the registry took it: its transaction ids, or its rejection code and detail. */
    record Proposed(boolean rejected, String code, String detail, List<Long> transactionIds) { }

    Proposed proposeBatch(String batchId, String actor, String unitType, int vintage, List<Line> lines);

    /** The status of a batch the registry holds (all its lines share it: PROPOSED … COMPLETED, REJECTED, CANCELLED); empty when it holds none. */
    Optional<String> batchStatus(String batchId);
}
