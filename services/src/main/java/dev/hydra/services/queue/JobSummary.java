package dev.hydra.services.queue;

import java.time.Instant;

/** A job as lists show it: no payload, no outputs. */
public record JobSummary(String id, String type, String title, Priority priority, String target, JobState state,
        String stateReason, int attempts, int maxAttempts, Double progress, String progressMessage,
        Instant createdAt, Instant startedAt, Instant finishedAt, Instant updatedAt, String assignedNode,
        String parentId, String lastError, String executedBy) {
}
