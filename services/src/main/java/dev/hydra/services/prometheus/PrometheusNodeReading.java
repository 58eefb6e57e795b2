package dev.hydra.services.prometheus;

import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.host.HostMetrics;
import java.util.List;

/**
 * What Prometheus knows about one node.
 *
 * @param host        from node_exporter; null when Prometheus has no node_exporter series for the node
 * @param targetsDown scrape targets of this node that Prometheus reports down (up == 0)
 * @param gpus        from nvidia_gpu_exporter or dcgm-exporter, without processes (exporters do not have them)
 * @param gpuExporter "nvidia_gpu_exporter" or "dcgm-exporter"; null when no GPU series were found
 */
public record PrometheusNodeReading(HostMetrics host, List<String> targetsDown, List<Gpu> gpus, String gpuExporter) {

    public PrometheusNodeReading {
        targetsDown = List.copyOf(targetsDown);
        gpus = List.copyOf(gpus);
    }
}
