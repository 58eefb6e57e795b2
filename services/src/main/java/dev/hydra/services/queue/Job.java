package dev.hydra.services.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A work item with everything known about it.
 *
 * @param stateReason    why it is in its state, in words (what it waits for, why it failed), or null
 * @param progress       0–1 while running, null when unknown
 * @param remoteRef      the id of the work it started elsewhere (a ComfyUI prompt_id), recorded before starting it
 * @param assignedNode   the node admission chose, or null
 * @param assignedGpu    the GPU UUID admission chose, or null
 * @param executedBy     the scheduler instance that ran (or runs) it
 */
public record Job(String id, String type, String title, ObjectNode payload, Priority priority, JobTarget target,
        ResourceNeeds needs, JobState state, String stateReason, int attempts, int maxAttempts,
        Instant nextAttemptAt, String lastError, Double progress, String progressMessage, Instant createdAt,
        Instant startedAt, Instant finishedAt, String parentId, String scheduleName, JobOutputs outputs,
        String remoteRef, String assignedNode, String assignedGpu, String executedBy, Instant updatedAt) {

    public JobSummary summary() {
        return new JobSummary(id, type, title, priority, target.toString(), state, stateReason, attempts,
                maxAttempts, progress, progressMessage, createdAt, startedAt, finishedAt, updatedAt, assignedNode,
                parentId, lastError, executedBy);
    }
}
