package dev.hydra.services.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydra.services.cluster.SourceStatus.State;
import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.gpu.LocalNvidiaSmi;
import dev.hydra.services.host.HostMetrics;
import dev.hydra.services.testing.NvidiaSmiStandIn;
import dev.hydra.services.transport.process.ExecutableLocator;
import dev.hydra.services.transport.process.LocalCommandRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryServiceTest {

    @TempDir
    Path dir;

    @Test
    void publishesEveryNodeWithHistoryOnEachRefresh() throws Exception {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(dir, "h100-load");
        LocalNodeCollector collector = localNode(standIn, Duration.ofSeconds(5));
        List<ClusterSnapshot> seen = new CopyOnWriteArrayList<>();

        try (TelemetryService telemetry = new TelemetryService(List.of(collector), Duration.ofMillis(300),
                Clock.systemUTC())) {
            telemetry.subscribe(seen::add);
            telemetry.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 3
                    && seen.getLast().series(SeriesKey.node("ws", SeriesKey.NodeMetric.CPU)).size() >= 3);
        }

        ClusterSnapshot last = seen.getLast();
        NodeSnapshot node = last.nodes().getFirst();
        assertThat(node.name()).isEqualTo("ws");
        assertThat(node.host().memoryTotalBytes()).isPositive();
        assertThat(node.gpus()).extracting(Gpu::name).containsExactly("NVIDIA H100 80GB HBM3");
        assertThat(node.sources()).extracting(SourceStatus::state).containsOnly(State.OK);
        String uuid = node.gpus().getFirst().uuid();
        assertThat(last.series(SeriesKey.gpu(uuid, SeriesKey.GpuMetric.UTIL)).value(0)).isEqualTo(100.0);
        assertThat(last.series(SeriesKey.node("ws", SeriesKey.NodeMetric.MEMORY)).size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aHungGpuSourceDoesNotHoldUpHostMetrics() throws Exception {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(dir, "h100-load").hangingFor(600);
        LocalNodeCollector collector = localNode(standIn, Duration.ofSeconds(3));

        NodeSnapshot first = collector.collect(Duration.ofMillis(400));

        assertThat(first.host()).isNotNull();
        assertThat(first.source(LocalNodeCollector.HOST_SOURCE).orElseThrow().state()).isEqualTo(State.OK);
        assertThat(first.source("nvidia-smi").orElseThrow().state()).isEqualTo(State.DEGRADED);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            NodeSnapshot later = collector.collect(Duration.ofMillis(400));
            assertThat(later.source("nvidia-smi").orElseThrow().message()).contains("did not answer within 3 s");
        });
    }

    @Test
    void aSlowNodeIsNeverReadTwiceAtOnce() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        NodeCollector slow = new NodeCollector() {
            @Override
            public String nodeName() {
                return "slow";
            }

            @Override
            public NodeSnapshot collect(Duration budget) {
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                concurrent.decrementAndGet();
                return new NodeSnapshot("slow", "slow", false, null, null, List.of(), List.of());
            }
        };
        List<ClusterSnapshot> seen = new CopyOnWriteArrayList<>();
        try (TelemetryService telemetry = new TelemetryService(List.of(slow), Duration.ofMillis(50), Clock.systemUTC())) {
            telemetry.subscribe(seen::add);
            telemetry.start();
            for (int i = 0; i < 5; i++) {
                telemetry.refreshNow();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> concurrent.get() == 1);
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        }
        assertThat(maxConcurrent.get()).isEqualTo(1);
    }

    private LocalNodeCollector localNode(NvidiaSmiStandIn standIn, Duration timeout) {
        LocalNvidiaSmi gpus = new LocalNvidiaSmi(null, new ExecutableLocator(standIn.searchPath(), false),
                new LocalCommandRunner(), timeout, Clock.systemUTC());
        return new LocalNodeCollector("ws", this::fakeHost, gpus, Clock.systemUTC());
    }

    private HostMetrics fakeHost() {
        return new HostMetrics("ws", "Linux", "cpu", 2, 12.5, List.of(10.0, 15.0), 0.5, 0.4, 0.3,
                16L << 30, 4L << 30, 0L, 0L, List.of(), List.of(), 1000L);
    }

}
