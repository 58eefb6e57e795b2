package dev.hydra.services.prometheus;

import java.io.IOException;

/** Prometheus did not answer, or answered something other than a successful query result; the message says which. */
public final class PrometheusException extends IOException {

    public PrometheusException(String message) {
        super(message);
    }

    public PrometheusException(String message, Throwable cause) {
        super(message, cause);
    }
}
