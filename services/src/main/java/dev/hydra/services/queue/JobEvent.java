package dev.hydra.services.queue;

import java.time.Instant;

/**
 * One entry of a job's timeline.
 *
 * @param kind     queued, waiting, started, progress, succeeded, retrying, failed, cancelled, revived, handed_back,
 *                 retried, priority, run_now
 * @param instance the scheduler instance it happened on, or null
 */
public record JobEvent(Instant at, String kind, String message, String instance) {
}
