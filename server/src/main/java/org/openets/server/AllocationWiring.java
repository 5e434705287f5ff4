package org.openets.server;

import org.openets.kernel.ActorId;
import org.openets.kernel.CommandId;
import org.openets.kernel.Jurisdiction;
import org.openets.kernel.UnitKind;
import org.openets.kernel.Vintage;
import org.openets.emissions.EntityId;
import org.openets.registry.Account;
import org.openets.registry.AccountStatus;
import org.openets.registry.AccountType;
import org.openets.registry.BatchRequest;
import org.openets.registry.Outcome;
import org.openets.registry.SeriesKey;
import org.openets.registry.TransactionRequest;
import org.openets.registry.TransactionType;
import org.openets.store.allocation.PgAllocationStore;
import org.openets.store.emissions.PgEmissionsStore;
import org.openets.workflows.allocation.AllocationService;
import org.openets.workflows.allocation.spi.RegistryPort;
import org.openets.workflows.registry.RegistryService;
import org.openets.workflows.registry.spi.RegistryReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Allocation over PostgreSQL (migration V15) and the registry: an entity of a population is an MRV entity linked to a
 * holding account, or a holding account's number; the batch goes through {@link RegistryService#proposeBatch}, so the
 * registry's checks and its 4-eyes approval apply to it as to any batch.
 */
@Configuration
public class AllocationWiring {

    @Bean
    public PgAllocationStore allocationStore(DataSource dataSource) { return new PgAllocationStore(dataSource); }

    @Bean
    public RegistryPort allocationRegistryPort(RegistryService registry, RegistryReadModel read, PgEmissionsStore emissions, DataSource dataSource) {
        return new RegistryPort() {
            @Override public Optional<String> batchStatus(String batchId) {
                return org.openets.store.Sql.inTransaction(dataSource, "batch status", c -> org.openets.store.Sql.one(c,
                        // an id a single transaction took is not free either (one command id, one thing: V27)
                        "SELECT status FROM registry_transaction WHERE batch_id = ? OR (command_id = ? AND batch_id IS NULL) ORDER BY id LIMIT 1",
                        rs -> rs.getString(1), batchId, batchId));
            }

            @Override public Optional<Long> holdingAccount(String entityId, String jurisdiction) {
                Optional<Account> a = Optional.empty();
                try {
                    a = emissions.entityView(EntityId.of(entityId)).filter(e -> e.jurisdiction().code().equals(jurisdiction) && e.accountId() != null)
                            .flatMap(e -> read.account(e.accountId()));
                } catch (IllegalArgumentException notAnEntityId) {
                    // fall through to the account number
                }
                if (a.isEmpty()) a = read.accountByNumber(entityId);
                return a.filter(x -> x.jurisdiction().code().equals(jurisdiction) && x.type() == AccountType.COVERED_ENTITY_HOLDING
                        && x.status() != AccountStatus.CLOSED).map(Account::id);
            }

            @Override public Optional<Long> governmentAccount(String jurisdiction, String type) {
                AccountType t = AccountType.valueOf(type);
                return read.accounts().stream().filter(a -> a.jurisdiction().code().equals(jurisdiction) && a.type() == t).map(Account::id).findFirst();
            }

            @Override public Optional<String> allowanceType(String jurisdiction) {
                return read.unitTypes().stream().map(v -> v.unitType())
                        .filter(u -> u.kind() == UnitKind.ALLOWANCE && u.issuer().code().equals(jurisdiction)).map(u -> u.code()).findFirst();
            }

            @Override public Proposed proposeBatch(String batchId, String actor, String unitType, int vintage, List<Line> lines) {
                org.openets.kernel.UnitType ut = read.unitTypes().stream().map(v -> v.unitType()).filter(u -> u.code().equals(unitType)).findFirst().orElseThrow();
                SeriesKey series = new SeriesKey(ut, Vintage.of(vintage), null);
                ActorId by = ActorId.of(actor);
                List<TransactionRequest> requests = new ArrayList<>();
                int n = 0;
                for (Line l : lines)
                    requests.add(TransactionRequest.of(CommandId.of(batchId + "-" + (++n)), TransactionType.valueOf(l.type()), by, l.from(), l.to(), series, l.quantity()));
                Outcome.Batch b = registry.proposeBatch(new BatchRequest(CommandId.of(batchId), by, requests));
                if (b.isRejected()) return new Proposed(true, b.code().name(), b.detail(), List.of());
                return new Proposed(false, null, null, b.lines().stream().map(t -> t.id()).toList());
            }
        };
    }

    @Bean
    public org.openets.workflows.allocation.MrvPopulation mrvPopulation(PgEmissionsStore emissions) {
        java.util.Map<org.openets.kernel.Jurisdiction, org.openets.emissions.Ruleset> rules = new java.util.concurrent.ConcurrentHashMap<>();
        return new org.openets.workflows.allocation.MrvPopulation(emissions, j -> rules.computeIfAbsent(j, org.openets.emissions.Ruleset::bundled));
    }

    @Bean
    public AllocationService allocationService(PgAllocationStore store, RegistryPort registryPort, Clock clock) {
        return new AllocationService(store, registryPort, clock);
    }
}
