package dev.hydra.services.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.host.HostMetrics;
import dev.hydra.services.testing.MonitoringStack;
import dev.hydra.services.transport.http.HttpClients;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Node and GPU figures from a real Prometheus scraping a real node_exporter and a recorded nvidia_gpu_exporter
 * scrape (H100 under load).
 */
class PrometheusTelemetryTest {

    private final MonitoringStack stack = MonitoringStack.shared();
    private final PrometheusTelemetry telemetry = new PrometheusTelemetry(new PrometheusClient(
            HttpClients.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), stack.prometheusUrl()),
            Clock.systemUTC(), Duration.ofMillis(500));

    @Test
    void nodeExporterSeriesBecomeTheNodesHostFigures() throws Exception {
        PrometheusNodeReading reading = telemetry.read(new NodeMatcher(stack.hostNode(), "storage.lan", null));

        HostMetrics host = reading.host();
        assertThat(host).isNotNull();
        assertThat(host.logicalCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(host.cpuPercent()).isBetween(0.0, 100.0);
        assertThat(host.memoryTotalBytes()).isPositive();
        assertThat(host.memoryUsedBytes()).isPositive().isLessThan(host.memoryTotalBytes());
        assertThat(host.load1()).isNotNull();
        assertThat(host.uptimeSeconds()).isPositive();
        assertThat(host.os()).startsWith("Linux ");
        assertThat(host.disks()).isNotEmpty().allSatisfy(d -> assertThat(d.totalBytes()).isPositive());
        assertThat(host.network()).isNotEmpty();
        assertThat(reading.targetsDown()).isEmpty();
        assertThat(reading.gpus()).as("no GPU exporter on this node").isEmpty();
    }

    @Test
    void gpuExporterSeriesBecomeGpusKeyedByUuid() throws Exception {
        PrometheusNodeReading reading = telemetry.read(new NodeMatcher(stack.gpuNode(), "gpu.lan", null));

        assertThat(reading.host()).isNull();
        assertThat(reading.gpuExporter()).isEqualTo("nvidia_gpu_exporter");
        Gpu gpu = reading.gpus().getFirst();
        assertThat(gpu.uuid()).isEqualTo("GPU-00000000-0000-0000-0000-000000000000");
        assertThat(gpu.name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(gpu.utilizationPercent()).isEqualTo(100);
        assertThat(gpu.powerLimitW()).isEqualTo(700.0);
        assertThat(gpu.defaultPowerLimitW()).isEqualTo(700.0);
        assertThat(gpu.pstate()).isEqualTo("P0");
        assertThat(gpu.memoryTotalMiB()).isEqualTo(81559L);
        assertThat(gpu.fanPercent()).as("fanless: not exported, so null, not 0").isNull();
    }

    @Test
    void aNodeUnknownToPrometheusHasNoFiguresRatherThanZeros() throws Exception {
        PrometheusNodeReading reading = telemetry.read(new NodeMatcher("elsewhere", "10.9.9.9", null));
        assertThat(reading.host()).isNull();
        assertThat(reading.gpus()).isEmpty();
    }

    @Test
    void nodesAreRecognisedByInstanceToo() throws Exception {
        PrometheusNodeReading byHost = telemetry.read(new NodeMatcher("other-name", "127.0.0.1", null));
        assertThat(byHost.host()).isNotNull();
    }

    @Test
    void anUnreachablePrometheusIsAClearError() {
        PrometheusTelemetry nowhere = new PrometheusTelemetry(new PrometheusClient(HttpClients.shared(),
                "http://127.0.0.1:1"), Clock.systemUTC(), Duration.ofSeconds(1));
        assertThatThrownBy(() -> nowhere.read(new NodeMatcher("a", "b", null)))
                .isInstanceOf(PrometheusException.class).hasMessageContaining("cannot be reached");
    }
}
