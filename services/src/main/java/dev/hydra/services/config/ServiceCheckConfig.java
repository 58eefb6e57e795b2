package dev.hydra.services.config;

import java.time.Duration;

/**
 * A service whose HTTP health is checked every refresh.
 *
 * @param name         e.g. "Letta"
 * @param url          what to GET, e.g. http://hydra-storage:8283/v1/health
 * @param expectStatus the status that means healthy (default: any 2xx)
 * @param timeout      default 5 s
 * @param node         the node it runs on, if it should be shown with that node
 */
public record ServiceCheckConfig(String name, String url, Integer expectStatus, Duration timeout, String node) {

    public ServiceCheckConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every entry of services needs a name");
        }
        url = Endpoints.httpUrl("services." + name + ".url", url);
        if (expectStatus != null && (expectStatus < 100 || expectStatus > 599)) {
            throw new IllegalArgumentException("services." + name + ".expectStatus must be an HTTP status, got "
                    + expectStatus);
        }
        timeout = Endpoints.positive("services." + name + ".timeout", timeout, Duration.ofSeconds(5));
    }
}
