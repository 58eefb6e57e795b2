package dev.hydra.services.store;

import java.time.Instant;

/**
 * One action taken on the cluster.
 *
 * @param actor   who: "user@host" for the desktop, "scheduler" for jobs
 * @param action  what, e.g. "container.restart", "gpu.power-limit"
 * @param target  on what, e.g. "hydra-ai/comfyui" or a GPU UUID
 * @param outcome "ok", "failed" or "refused"
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String target, String detail,
        String outcome) {
}
