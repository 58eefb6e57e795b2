package dev.hydra.services.chat;

import java.time.Duration;

/**
 * Where a Letta server is and how patient to be with it.
 *
 * @param url               the server's base URL, e.g. http://hydra-storage:8283 or https://api.letta.com (a
 *                          trailing {@code /} or {@code /v1} is allowed)
 * @param projectId         Letta Cloud's optional {@code X-Project-Id}; null for self-hosted servers
 * @param requestTimeout    the longest a plain request may take (a non-streamed turn included)
 * @param streamIdleTimeout the longest a stream may stay silent; servers ping every 20 s (0.16.5+) or 50 s
 */
public record LettaEndpoint(String url, String projectId, Duration requestTimeout, Duration streamIdleTimeout) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(120);

    public LettaEndpoint {
        if (url == null || !url.matches("(?i)https?://.+")) {
            throw new IllegalArgumentException("the Letta URL must start with http:// or https://, got " + url);
        }
        url = url.strip().replaceAll("/+$", "").replaceAll("(?i)/v1$", "");
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        streamIdleTimeout = streamIdleTimeout == null ? DEFAULT_STREAM_IDLE_TIMEOUT : streamIdleTimeout;
    }

    public static LettaEndpoint of(String url) {
        return new LettaEndpoint(url, null, null, null);
    }
}
