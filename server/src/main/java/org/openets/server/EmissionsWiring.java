package org.openets.server;

import org.openets.emissions.Ruleset;
import org.openets.emissions.verification.ConflictPolicy;
import org.openets.kernel.Jurisdiction;
import org.openets.store.emissions.PgEmissionsStore;
import org.openets.workflows.emissions.EmissionsService;
import org.openets.workflows.emissions.MrvRegister;
import org.openets.workflows.registry.spi.RegistryReadModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Emissions MRV over PostgreSQL: the store (migration V13) and the use cases, with the bundled rulesets (one per
 * jurisdiction; a jurisdiction without one cannot take reports yet) and the independence rule: a verifier verifies
 * an entity at most {@code openets.emissions.max-consecutive-years} data years in a row (default 3), and not while a
 * consulting link is less than {@code openets.emissions.consulting-cooling-off-years} years old (default 2).
 */
@Configuration
public class EmissionsWiring {

    @Bean
    public PgEmissionsStore emissionsStore(DataSource dataSource) { return new PgEmissionsStore(dataSource); }

    @Bean
    public EmissionsService emissionsService(PgEmissionsStore store, Clock clock,
                                             @Value("${openets.emissions.max-consecutive-years:3}") int maxYears,
                                             @Value("${openets.emissions.consulting-cooling-off-years:2}") int coolingOff) {
        Map<Jurisdiction, Ruleset> rulesets = new ConcurrentHashMap<>();
        return new EmissionsService(store, j -> rulesets.computeIfAbsent(j, Ruleset::bundled), new ConflictPolicy(maxYears, coolingOff), clock,
                ZoneId.of("Asia/Shanghai"));
    }

    /** The regulator's register of entities, installations and verifiers (migration V16), reading accounts from the registry. */
    @Bean
    public MrvRegister mrvRegister(PgEmissionsStore store, RegistryReadModel registry, Clock clock) { return new MrvRegister(store, registry, clock); }
}
