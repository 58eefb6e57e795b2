package dev.hydra.services.config;

import java.time.Duration;

/**
 * The cluster's Alertmanager (API v2): firing alerts, silences.
 *
 * @param url     e.g. http://hydra-storage:9093
 * @param timeout how long one call may take (default 5 s)
 */
public record AlertmanagerConfig(String url, Duration timeout) {

    public AlertmanagerConfig {
        url = Endpoints.httpUrl("alertmanager.url", url);
        timeout = Endpoints.positive("alertmanager.timeout", timeout, Duration.ofSeconds(5));
    }
}
