package dev.hydra.services.config;

import java.time.Duration;

/**
 * The contents of hydra.yaml. Every key is optional; a missing file or key means the embedded default.
 * Secrets never live here: passwords and tokens come from the environment or the OS keyring.
 *
 * @param refreshInterval how often nodes are read (default 2 s, at least 250 ms)
 * @param localNode       this machine as a node
 * @param database        a shared PostgreSQL database instead of the embedded H2 file (null = embedded)
 * @param review          the asset library and the review screen (folders, characters, reason keys, checks)
 */
public record HydraConfig(Duration refreshInterval, LocalNodeConfig localNode, DatabaseConfig database,
        ReviewConfig review) {

    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(2);
    private static final Duration MIN_REFRESH = Duration.ofMillis(250);

    public HydraConfig {
        refreshInterval = refreshInterval == null ? DEFAULT_REFRESH : refreshInterval;
        if (refreshInterval.compareTo(MIN_REFRESH) < 0) {
            throw new IllegalArgumentException("refreshInterval must be at least 250ms, got "
                    + refreshInterval.toMillis() + "ms");
        }
        localNode = localNode == null ? LocalNodeConfig.DEFAULT : localNode;
        review = review == null ? ReviewConfig.DEFAULT : review;
    }

    public static HydraConfig embeddedDefault() {
        return new HydraConfig(null, null, null, null);
    }
}
