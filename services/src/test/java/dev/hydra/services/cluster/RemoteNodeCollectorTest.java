package dev.hydra.services.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydra.services.cluster.SourceStatus.State;
import dev.hydra.services.prometheus.NodeMatcher;
import dev.hydra.services.prometheus.PrometheusClient;
import dev.hydra.services.prometheus.PrometheusTelemetry;
import dev.hydra.services.testing.NvidiaSmiStandIn;
import dev.hydra.services.testing.SshServer;
import dev.hydra.services.transport.http.HttpClients;
import dev.hydra.services.transport.process.CommandRunner;
import dev.hydra.services.transport.ssh.HostKeyStore;
import dev.hydra.services.transport.ssh.SshCommandRunner;
import dev.hydra.services.transport.ssh.SshAgent;
import dev.hydra.services.transport.ssh.SshConnection;
import dev.hydra.services.transport.ssh.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote node's sources failing one by one: the others carry on, and the snapshot says what is wrong. */
class RemoteNodeCollectorTest {

    private static final Duration INTERVAL = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @Test
    void withPrometheusDownTheHostFiguresComeOverSshAndTheNodeSaysSo() throws Exception {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(dir.resolve("bin"), "h100-load");
        try (SshServer sshd = SshServer.start(dir.resolve("sshd"), standIn.searchPath())) {
            Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
            SshConnection ssh = new SshConnection(new SshTarget("127.0.0.1", sshd.port(), sshd.user(),
                    List.of(sshd.clientKey()), Duration.ofSeconds(5)), new HostKeyStore(dir.resolve("known_hosts"),
                    dir.resolve("app_known_hosts")), SshAgent.fromEnvironment(Map.of()));
            PrometheusTelemetry deadPrometheus = new PrometheusTelemetry(new PrometheusClient(HttpClients.shared(),
                    "http://127.0.0.1:1"), Clock.systemUTC(), INTERVAL);
            RemoteNodeCollector collector = new RemoteNodeCollector(new RemoteNodeSources("gpu-node", "127.0.0.1",
                    deadPrometheus, new NodeMatcher("gpu-node", "127.0.0.1", null), new SshCommandRunner(ssh), () -> null,
                    null, "nvidia-smi", Duration.ofSeconds(5)), INTERVAL, Clock.systemUTC());

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                NodeSnapshot node = collector.collect(Duration.ofSeconds(5));
                assertThat(node.host()).isNotNull();
                assertThat(node.host().cpuPercent()).as("a rate needs two readings").isNotNull();
            });
            NodeSnapshot node = collector.collect(Duration.ofSeconds(5));
            assertThat(node.reachable()).isTrue();
            assertThat(node.hostVia()).isEqualTo("SSH (/proc), because Prometheus is not answering");
            assertThat(node.source(PrometheusTelemetry.SOURCE).orElseThrow()).satisfies(s -> {
                assertThat(s.state()).isEqualTo(State.FAILED);
                assertThat(s.message()).contains("cannot be reached", "showing figures read over SSH instead");
            });
            assertThat(node.host().memoryTotalBytes()).isPositive();
            assertThat(node.host().disks()).isNotEmpty();
            assertThat(node.gpus()).singleElement().satisfies(gpu -> assertThat(gpu.name())
                    .isEqualTo("NVIDIA H100 80GB HBM3"));
            assertThat(node.gpusVia()).isEqualTo("nvidia-smi over SSH");
            ssh.close();
        }
    }

    @Test
    void aHungSshSourceNeverHoldsUpTheRoundAndMakesTheNodeUnreachableAfterTwoIntervals() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CommandRunner hung = (command, timeout) -> {
            never.await();
            throw new IllegalStateException("unreachable");
        };
        RemoteNodeCollector collector = new RemoteNodeCollector(new RemoteNodeSources("stuck", "10.9.9.9", null,
                new NodeMatcher("stuck", "10.9.9.9", null), hung, () -> null, null, "nvidia-smi",
                Duration.ofSeconds(30)), INTERVAL, Clock.systemUTC());

        long start = System.nanoTime();
        NodeSnapshot first = collector.collect(INTERVAL);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("returns at the budget, not at the command's "
                + "timeout").isLessThan(Duration.ofSeconds(5));
        assertThat(first.source("ssh").orElseThrow().state()).isEqualTo(State.DEGRADED);

        await().atMost(Duration.ofSeconds(10)).until(() -> !collector.collect(INTERVAL).reachable());
        assertThat(collector.collect(INTERVAL).source("ssh").orElseThrow().message()).startsWith("no answer over SSH for");
        never.countDown();
    }
}
