package org.openets.cli;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work a command spread over threads: its own exceptions come back as they were thrown. */
public final class Futures {
    private Futures() { }

    public static <T> T take(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }
}
