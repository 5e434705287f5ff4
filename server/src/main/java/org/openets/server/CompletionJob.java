package org.openets.server;

import org.openets.registry.Outcome;
import org.openets.workflows.registry.RegistryService;
import org.openets.workflows.registry.spi.RegistryAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Completes transactions whose transfer delay has passed and lapses approvals that expired, every 30 seconds: pending
 * transactions, and cap changes, control changes and calendar changes nobody decided within their window.
 */
@Component
public class CompletionJob {
    private static final Logger log = LoggerFactory.getLogger(CompletionJob.class);

    private final RegistryService registry;
    private final RegistryAdministration administration;
    private final org.openets.workflows.registry.spi.ControlsAdministration controls;
    private final org.openets.workflows.registry.spi.CalendarStore calendars;
    private final Clock clock;

    public CompletionJob(RegistryService registry, RegistryAdministration administration, org.openets.workflows.registry.spi.ControlsAdministration controls,
                         org.openets.workflows.registry.spi.CalendarStore calendars, Clock clock) {
        this.registry = registry;
        this.administration = administration;
        this.controls = controls;
        this.calendars = calendars;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 30, initialDelay = 30, timeUnit = TimeUnit.SECONDS)
    public void completeDue() {
        try {
            List<Outcome> done = registry.completeDue();
            if (!done.isEmpty()) log.info("completed or lapsed {} due transactions", done.size());
        } catch (RuntimeException e) {
            log.error("completing due transactions failed; will retry", e);
        }
        try {
            int lapsed = administration.lapseIssuanceLimitProposals(clock.instant());
            if (lapsed > 0) log.info("lapsed {} cap changes whose approval window closed", lapsed);
        } catch (RuntimeException e) {
            log.error("lapsing expired cap changes failed; will retry", e);
        }
        try {
            int lapsed = controls.lapse(clock.instant());
            if (lapsed > 0) log.info("lapsed {} control changes whose approval window closed", lapsed);
        } catch (RuntimeException e) {
            log.error("lapsing expired control changes failed; will retry", e);
        }
        try {
            int lapsed = calendars.lapse(clock.instant());
            if (lapsed > 0) log.info("lapsed {} calendar changes whose approval window closed", lapsed);
        } catch (RuntimeException e) {
            log.error("lapsing expired calendar changes failed; will retry", e);
        }
    }
}
