package dev.hydra.services.cluster;

import dev.hydra.services.cluster.SeriesKey.GpuMetric;
import dev.hydra.services.cluster.SeriesKey.NodeMetric;
import dev.hydra.services.prometheus.NodeMatcher;
import dev.hydra.services.prometheus.PrometheusClient;
import dev.hydra.services.prometheus.PrometheusException;
import dev.hydra.services.prometheus.PrometheusTelemetry;
import dev.hydra.services.prometheus.RangeSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The last 15 minutes of node CPU and memory and of GPU utilization and VRAM, from Prometheus's query_range. */
public final class PrometheusHistory implements HistoryBackfill {

    private final PrometheusClient client;
    private final List<NodeMatcher> nodes;
    private final Duration step;
    private final Clock clock;

    public PrometheusHistory(PrometheusClient client, List<NodeMatcher> nodes, Duration step, Clock clock) {
        this.client = client;
        this.nodes = List.copyOf(nodes);
        this.step = step;
        this.clock = clock;
    }

    @Override
    public Map<String, TimeSeries> history(Duration window) throws PrometheusException {
        Instant end = clock.instant();
        Instant start = end.minus(window);
        Map<String, TimeSeries> history = new HashMap<>();
        perNode(history, "100 * (1 - avg by (instance, node) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m])))",
                start, end, NodeMetric.CPU);
        perNode(history, "100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)", start, end,
                NodeMetric.MEMORY);
        perGpu(history, "100 * nvidia_smi_utilization_gpu_ratio", "uuid", start, end, GpuMetric.UTIL);
        perGpu(history, "nvidia_smi_memory_used_bytes / 1048576", "uuid", start, end, GpuMetric.MEMORY);
        perGpu(history, "DCGM_FI_DEV_GPU_UTIL", "UUID", start, end, GpuMetric.UTIL);
        perGpu(history, "DCGM_FI_DEV_FB_USED", "UUID", start, end, GpuMetric.MEMORY);
        return history;
    }

    private void perNode(Map<String, TimeSeries> into, String promql, Instant start, Instant end, NodeMetric metric)
            throws PrometheusException {
        add(into, client.queryRange(promql, start, end, step), series -> nodes.stream()
                .filter(n -> n.matches(series.labels())).findFirst()
                .map(n -> SeriesKey.node(n.name(), metric)).orElse(null));
    }

    private void perGpu(Map<String, TimeSeries> into, String promql, String uuidLabel, Instant start, Instant end,
            GpuMetric metric) throws PrometheusException {
        add(into, client.queryRange(promql, start, end, step), series -> {
            String uuid = series.labels().get(uuidLabel);
            boolean ours = nodes.stream().anyMatch(n -> n.matches(series.labels()));
            return uuid == null || !ours ? null : SeriesKey.gpu(PrometheusTelemetry.displayUuid(uuid), metric);
        });
    }

    private static void add(Map<String, TimeSeries> into, List<RangeSeries> series, Function<RangeSeries, String> key) {
        for (RangeSeries one : series) {
            String name = key.apply(one);
            if (name != null && one.values().length > 0) {
                into.putIfAbsent(name, new TimeSeries(one.epochMillis(), one.values()));
            }
        }
    }
}
