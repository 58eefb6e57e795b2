package dev.hydra.services.host;

/** Reads the vital signs of one machine. Blocking; throws when the machine cannot be read at all. */
public interface HostMetricsSource {

    HostMetrics read() throws Exception;
}
