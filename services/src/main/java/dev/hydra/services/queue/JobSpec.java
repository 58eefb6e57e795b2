package dev.hydra.services.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A job to queue. Null fields take the job type's defaults from hydra.yaml.
 *
 * @param parentId     the job this one derives from (a re-generation, a follow-up), or null
 * @param scheduleName the cron schedule that queued it, or null
 */
public record JobSpec(String type, String title, ObjectNode payload, Priority priority, JobTarget target,
        ResourceNeeds needs, String parentId, String scheduleName) {

    public JobSpec {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("a job needs a type");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a job needs a title");
        }
        if (payload == null) {
            throw new IllegalArgumentException("a job needs a payload (a JSON object, possibly empty)");
        }
    }

    public static JobSpec of(String type, String title, ObjectNode payload) {
        return new JobSpec(type, title, payload, null, null, null, null, null);
    }

    public JobSpec withPriority(Priority newPriority) {
        return new JobSpec(type, title, payload, newPriority, target, needs, parentId, scheduleName);
    }

    public JobSpec withTarget(JobTarget newTarget) {
        return new JobSpec(type, title, payload, priority, newTarget, needs, parentId, scheduleName);
    }

    public JobSpec withNeeds(ResourceNeeds newNeeds) {
        return new JobSpec(type, title, payload, priority, target, newNeeds, parentId, scheduleName);
    }

    public JobSpec withParent(String newParentId) {
        return new JobSpec(type, title, payload, priority, target, needs, newParentId, scheduleName);
    }
}
