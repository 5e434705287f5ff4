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

    /**
     * One line of a batch: ALLOCATE or RETURN_OF_EXCESS or TRANSFER between accounts, in whole tonnes; why
     * ({@code purpose}: PRE_ALLOCATION, TRUE_UP, RETURN_OF_EXCESS, PAID_TO_AUCTION, PAID_BACK_FROM_AUCTION) and for which
     * entity (empty for the paid share), so a page can say it in its own language.
     */
    record Line(String type, long from, long to, long quantity, String purpose, String entity) {
        /** The purpose in English, as the API shows it: {@code true-up cn-power-1}. */
        public String note() {
            return switch (purpose) {
                case "PRE_ALLOCATION" -> "pre-allocation " + entity;
                case "TRUE_UP" -> "true-up " + entity;
                case "RETURN_OF_EXCESS" -> "return of excess " + entity;
                case "PAID_TO_AUCTION" -> "paid share to the auction account";
                case "PAID_BACK_FROM_AUCTION" -> "paid share back from the auction account";
                default -> purpose + (entity.isEmpty() ? "" : " " + entity);
            };
        }
    }

    /** The batch as the registry took it: its transaction ids, or its rejection code and detail. */
    record Proposed(boolean rejected, String code, String detail, List<Long> transactionIds) { }

    Proposed proposeBatch(String batchId, String actor, String unitType, int vintage, List<Line> lines);

    /** The status of a batch the registry holds (all its lines share it: PROPOSED … COMPLETED, REJECTED, CANCELLED); empty when it holds none. */
    Optional<String> batchStatus(String batchId);
}
