package dev.hydra.services.config;

import java.time.Duration;

/**
 * The Letta server the Chat view and {@code hydra chat} talk to. The token is never here: it comes from
 * LETTA_API_KEY or the OS keyring.
 *
 * @param url               the server, e.g. http://hydra-storage:8283 (or https://api.letta.com)
 * @param agent             the agent to open by default (its name or id); null = the most recent one
 * @param projectId         Letta Cloud's project (sent as X-Project-Id); null for self-hosted servers
 * @param timeout           the longest a plain request may take (default 120 s)
 * @param streamIdleTimeout the longest a streamed reply may stay silent (default 120 s; servers ping every 20–50 s)
 */
public record LettaConfig(String url, String agent, String projectId, Duration timeout, Duration streamIdleTimeout) {

    public LettaConfig {
        if (url == null || !url.strip().matches("(?i)https?://[^\\s/]+.*")) {
            throw new IllegalArgumentException("letta.url must be the server's address such as "
                    + "http://hydra-storage:8283, got " + url);
        }
        timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        streamIdleTimeout = streamIdleTimeout == null ? Duration.ofSeconds(120) : streamIdleTimeout;
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || streamIdleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("letta.timeout and letta.streamIdleTimeout must be at least 1s");
        }
        if (agent != null && agent.isBlank()) {
            throw new IllegalArgumentException("letta.agent must not be empty");
        }
    }
}
