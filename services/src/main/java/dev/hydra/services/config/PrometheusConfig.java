package dev.hydra.services.config;

import java.time.Duration;

/**
 * The cluster's Prometheus: node metrics from node_exporter, GPU metrics from nvidia_gpu_exporter or dcgm-exporter.
 *
 * @param url     e.g. http://hydra-storage:9090
 * @param timeout how long one query may take (default 5 s)
 */
public record PrometheusConfig(String url, Duration timeout) {

    public PrometheusConfig {
        url = Endpoints.httpUrl("prometheus.url", url);
        timeout = Endpoints.positive("prometheus.timeout", timeout, Duration.ofSeconds(5));
    }
}
