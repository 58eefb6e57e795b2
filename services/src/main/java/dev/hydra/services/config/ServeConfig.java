package dev.hydra.services.config;

/**
 * {@code hydra serve} ({@code serve:} in hydra.yaml).
 *
 * @param bind the address /healthz and /metrics listen on (default 127.0.0.1; 0.0.0.0 for Prometheus elsewhere)
 * @param port their port (default 9477)
 */
public record ServeConfig(String bind, Integer port) {

    public static final ServeConfig DEFAULT = new ServeConfig(null, null);

    public ServeConfig {
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
        port = port == null ? 9477 : port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("serve.port must be between 0 and 65535, got " + port);
        }
    }
}
