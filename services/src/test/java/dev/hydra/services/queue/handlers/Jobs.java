package dev.hydra.services.queue.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobOutputs;
import dev.hydra.services.queue.JobState;
import dev.hydra.services.queue.JobTarget;
import dev.hydra.services.queue.Priority;
import dev.hydra.services.queue.ResourceNeeds;
import java.time.Instant;

/** Jobs as a handler receives them. */
final class Jobs {

    static final Instant CREATED = Instant.parse("2026-11-21T22:00:00Z");

    private Jobs() {
    }

    static Job job(String id, String type, ObjectNode payload, JobTarget target, String remoteRef, String parentId) {
        return new Job(id, type, "t", payload, Priority.NORMAL, target, ResourceNeeds.NONE, JobState.RUNNING, null, 1,
                3, null, null, null, null, CREATED, CREATED, null, parentId, null, JobOutputs.NONE, remoteRef, null,
                null, "test", CREATED);
    }
}
