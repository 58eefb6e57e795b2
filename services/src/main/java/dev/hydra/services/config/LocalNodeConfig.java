package dev.hydra.services.config;

import java.time.Duration;

/**
 * This machine as a node.
 *
 * @param enabled        false to leave this machine out (e.g. when it is also listed as a remote node)
 * @param name           the node's name in views and output (default: the hostname)
 * @param nvidiaSmi      path of nvidia-smi (default: found on PATH)
 * @param commandTimeout how long one nvidia-smi call may take before it is stopped (default 4 s)
 */
public record LocalNodeConfig(Boolean enabled, String name, String nvidiaSmi, Duration commandTimeout) {

    public static final LocalNodeConfig DEFAULT = new LocalNodeConfig(null, null, null, null);

    public LocalNodeConfig {
        enabled = enabled == null || enabled;
        commandTimeout = commandTimeout == null ? Duration.ofSeconds(4) : commandTimeout;
        if (commandTimeout.isZero() || commandTimeout.isNegative()) {
            throw new IllegalArgumentException("localNode.commandTimeout must be positive");
        }
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("localNode.name must not be empty");
        }
    }
}
