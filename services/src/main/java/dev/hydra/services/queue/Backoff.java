package dev.hydra.services.queue;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delay before the next attempt: exponential (base × 2^(attempt−1)), capped, with "full jitter" (a uniform draw
 * between half the delay and the delay) so that jobs failing together do not retry together. The retry itself is a
 * db-scheduler reschedule; this only says when.
 */
public record Backoff(Duration base, Duration max) {

    public Duration delayAfter(int failedAttempt, RandomGenerator random) {
        long baseMillis = base.toMillis();
        int doublings = Math.min(Math.max(failedAttempt - 1, 0), 30);
        long exponential = baseMillis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : baseMillis << doublings;
        long capped = Math.min(exponential, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (capped - half == 0 ? 0 : random.nextLong(capped - half + 1)));
    }
}
