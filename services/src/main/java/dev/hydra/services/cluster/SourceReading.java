package dev.hydra.services.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking read of one source that runs on its own virtual thread; never two at once. A read still running when
 * its round's budget is spent keeps going, and its outcome is taken by a later round.
 */
final class SourceReading<T> {

    private final String threadName;
    private final Task<T> task;
    private CompletableFuture<Outcome<T>> inFlight;
    private long startedNanos;

    SourceReading(String threadName, Task<T> task) {
        this.threadName = threadName;
        this.task = task;
    }

    synchronized void startIfIdle() {
        if (inFlight != null) {
            return;
        }
        CompletableFuture<Outcome<T>> future = new CompletableFuture<>();
        inFlight = future;
        startedNanos = System.nanoTime();
        Thread.ofVirtual().name(threadName).start(() -> {
            try {
                future.complete(new Outcome<>(task.run(), null));
            } catch (Throwable e) {
                future.complete(new Outcome<>(null, e));
            }
        });
    }

    /** The outcome if the reading finished by the deadline (or was not started), else null: it keeps running. */
    Outcome<T> await(long deadlineNanos) {
        CompletableFuture<Outcome<T>> future;
        synchronized (this) {
            future = inFlight;
        }
        if (future == null) {
            return null;
        }
        try {
            Outcome<T> outcome = future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            synchronized (this) {
                if (inFlight == future) {
                    inFlight = null;
                }
            }
            return outcome;
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How long the reading in flight has been running (zero when none is). */
    synchronized Duration running() {
        return inFlight == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @FunctionalInterface
    interface Task<T> {
        T run() throws Exception;
    }

    record Outcome<T>(T value, Throwable error) {
    }
}
