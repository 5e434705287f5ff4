package org.openets.server;

import org.openets.registrylog.CheckReport;
import org.openets.store.txlog.TransactionLogRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent transaction log every {@code openets.transaction-log.interval} (default 60 s, the first run
 * one interval after start-up), counted from the end of one run to the start of the next. Off with
 * {@code openets.transaction-log.enabled=false} or an interval of zero; runs then happen only on demand. The log runs
 * on a thread of its own, so a long first run over a large journal never holds up the other scheduled work (the
 * completion of delayed transactions). A run that fails commits nothing and is repeated by the next one; a run that
 * finds something logs a warning (the report has the detail).
 */
@Component
public class TransactionLogJob implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TransactionLogJob.class);

    private final TransactionLogRunner runner;
    private final boolean enabled;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public TransactionLogJob(TransactionLogRunner runner, @Value("${openets.transaction-log.enabled:true}") boolean enabled,
                             @Value("${openets.transaction-log.interval:60s}") Duration interval) {
        this.runner = runner;
        this.enabled = enabled;
        this.interval = interval;
    }

    /** Whether the log runs on its own schedule (otherwise only on demand). */
    public boolean scheduled() { return enabled && interval.isPositive(); }

    @Override public synchronized void start() {
        if (executor != null) return;
        if (!scheduled()) {
            log.info("the independent transaction log runs only on demand (openets.transaction-log.enabled={}, interval={})", enabled, interval);
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("transaction-log").daemon(true).unstarted(r));
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
        log.info("the independent transaction log runs every {}", interval);
    }

    @Override public synchronized void stop() {
        if (executor == null) return;
        executor.shutdown();
        try {
            // a run in progress finishes (or is rolled back when the pool closes); none starts after this
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override public synchronized boolean isRunning() { return executor != null; }

    /** One scheduled run; failures are logged, never thrown, so the schedule goes on. */
    void runOnce() {
        try {
            TransactionLogRunner.Result r = runner.run();
            CheckReport report = r.report();
            if (!report.clean())
                log.warn("transaction log run {}: {} new findings, {} open discrepancies, accounts stopped {}", r.runId(), report.findings().size(),
                        report.discrepancies().size(), report.stoppedAccounts());
            else if (report.entriesChecked() > 0)
                log.debug("transaction log run {}: {} entries checked through seq {}, all agrees", r.runId(), report.entriesChecked(), report.throughSeq());
        } catch (RuntimeException e) {
            log.error("the transaction log run failed and saved nothing; the next run repeats it", e);
        }
    }
}
