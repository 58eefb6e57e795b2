package dev.hydra.services.health;

import java.time.Instant;

/**
 * The outcome of one HTTP health check.
 *
 * @param httpStatus the status answered (null when there was no answer)
 * @param latencyMs  time to the answer's headers (null when there was no answer)
 * @param problem    why it is not healthy, in words; null when healthy
 */
public record ServiceHealth(String name, String url, String node, boolean healthy, Integer httpStatus, Long latencyMs,
        String problem, Instant checkedAt) {
}
