package org.openets.server;

import org.openets.store.PgRegistryAdministration;
import org.openets.store.emissions.PgEmissionsStore;
import org.openets.store.security.PgPlatformUsers;
import org.openets.workflows.emissions.EmissionsService;
import org.openets.workflows.registry.RegistryService;
import org.openets.workflows.registry.spi.RegistryReadModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** With {@code openets.demo=true}, loads {@link DemoMarket} into an empty registry; prints where to go and how to sign in. */
@Component
public class DemoData implements ApplicationRunner {
    private final boolean enabled;
    private final DemoMarket market;
    private final Environment env;

    public DemoData(@Value("${openets.demo:false}") boolean enabled, RegistryService registry, PgRegistryAdministration admin,
                    RegistryReadModel read, PgPlatformUsers users, PasswordEncoder encoder, Clock clock, Environment env,
                    PgEmissionsStore emissionsStore, EmissionsService emissionsService,
                    org.openets.workflows.allocation.AllocationService allocationService, org.openets.store.GroupCommitLedger ledger) {
        this.enabled = enabled;
        this.env = env;
        // one hash for every demo login: bcrypt is slow on purpose, and the password is the same anyway
        this.market = enabled ? new DemoMarket(registry, admin, read, users, encoder.encode(DemoMarket.PASSWORD), clock,
                emissionsStore, emissionsService, allocationService, ledger) : null;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (enabled) market.loadIfEmpty();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void banner() {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        StringBuilder b = new StringBuilder("\n");
        b.append("OpenETS is running at http://localhost:").append(port).append("/\n");
        b.append("  public report   http://localhost:").append(port).append("/public/report\n");
        b.append("  API description http://localhost:").append(port).append("/swagger-ui/index.html\n");
        if (enabled) {
            b.append("Demo logins (password for all: ").append(DemoMarket.PASSWORD).append("):\n");
            for (String line : market.logins()) b.append(line).append('\n');
        }
        System.out.println(b);
    }
}
