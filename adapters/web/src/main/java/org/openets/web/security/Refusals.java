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
            log.error("could not record refusal {} of {} on {} {}", printable(code), printable(actor), printable(action), printable(target), e);
        }
        // what a client sent (a login, a path) never writes a line of its own into the log
        log.info("refused {} {} {}: {} ({})", printable(actor), printable(action), printable(target), printable(code), printable(detail));
    }

    /** The text with every control character (line breaks included) written as an escape, for one line of a log. */
    static String printable(String s) {
        if (s == null) return null;
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
            if (b != null) {
                if (control) b.append(String.format("\\u%04x", (int) c));
                else b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
