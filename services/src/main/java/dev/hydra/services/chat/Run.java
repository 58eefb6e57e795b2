package dev.hydra.services.chat;

import java.time.Instant;

/** @param status created, running, completed, failed or cancelled */
public record Run(String id, String agentId, String status, String stopReason, Instant createdAt, Instant completedAt) {
}
