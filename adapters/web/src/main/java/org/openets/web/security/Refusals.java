package org.openets.web.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Records every refusal for the auditors. A failure to record is logged, never turned into a different answer:
 * the person was refused either way.
 */
@Component
public class Refusals {
    private static final Logger log = LoggerFactory.getLogger(Refusals.class);

    private final RefusalLog refusalLog;
    private final Clock clock;

    public Refusals(RefusalLog refusalLog, Clock clock) {
        this.refusalLog = refusalLog;
        this.clock = clock;
    }

    public void record(String actor, String action, String target, String code, String detail) {
        try {
            refusalLog.record(clock.instant(), actor == null ? "anonymous" : actor, action, target, code, detail);
        } catch (RuntimeException e) {
            log.error("could not record refusal {} of {} on {} {}", code, actor, action, target, e);
        }
        log.info("refused {} {} {}: {} ({})", actor, action, target, code, detail);
    }
}
