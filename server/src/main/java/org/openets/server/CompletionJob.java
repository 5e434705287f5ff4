package org.openets.server;

import org.openets.registry.Outcome;
import org.openets.workflows.registry.RegistryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Completes transactions whose transfer delay has passed and lapses approvals that expired, every 30 seconds. */
@Component
public class CompletionJob {
    private static final Logger log = LoggerFactory.getLogger(CompletionJob.class);

    private final RegistryService registry;

    public CompletionJob(RegistryService registry) { this.registry = registry; }

    @Scheduled(fixedDelay = 30, initialDelay = 30, timeUnit = TimeUnit.SECONDS)
    public void completeDue() {
        try {
            List<Outcome> done = registry.completeDue();
            if (!done.isEmpty()) log.info("completed or lapsed {} due transactions", done.size());
        } catch (RuntimeException e) {
            log.error("completing due transactions failed; will retry", e);
        }
    }
}
