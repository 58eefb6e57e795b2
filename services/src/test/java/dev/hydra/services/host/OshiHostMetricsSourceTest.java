package dev.hydra.services.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reads the real machine the tests run on. */
class OshiHostMetricsSourceTest {

    @Test
    void readsThisMachine() throws Exception {
        OshiHostMetricsSource source = new OshiHostMetricsSource(Duration.ofMillis(200));

        HostMetrics first = source.read();
        HostMetrics second = source.read();

        for (HostMetrics metrics : new HostMetrics[] {first, second}) {
            assertThat(metrics.hostname()).isNotBlank();
            assertThat(metrics.logicalCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(metrics.cpuPercent()).isBetween(0.0, 100.0);
            assertThat(metrics.perCorePercent()).hasSize(metrics.logicalCores())
                    .allSatisfy(core -> assertThat(core).isBetween(0.0, 100.0));
            assertThat(metrics.memoryTotalBytes()).isPositive();
            assertThat(metrics.memoryUsedBytes()).isBetween(1L, metrics.memoryTotalBytes());
            assertThat(metrics.load1()).isNotNull().isNotNegative();
            assertThat(metrics.uptimeSeconds()).isPositive();
            assertThat(metrics.disks()).anySatisfy(disk -> assertThat(disk.mount()).isEqualTo("/"));
            assertThat(metrics.disks()).allSatisfy(disk -> {
                assertThat(disk.fsType()).isNotIn("tmpfs", "proc", "sysfs");
                assertThat(disk.usedBytes()).isBetween(0L, disk.totalBytes());
            });
            assertThat(metrics.network()).allSatisfy(nic -> {
                assertThat(nic.rxBytesPerSecond()).isNotNegative();
                assertThat(nic.txBytesPerSecond()).isNotNegative();
            });
        }
    }

    @Test
    void virtualInterfacesDoNotCountAsPhysical() {
        assertThat(NetworkRate.isPhysical("eth0")).isTrue();
        assertThat(NetworkRate.isPhysical("enp5s0")).isTrue();
        assertThat(NetworkRate.isPhysical("lo")).isFalse();
        assertThat(NetworkRate.isPhysical("veth1a2b")).isFalse();
        assertThat(NetworkRate.isPhysical("docker0")).isFalse();
        assertThat(NetworkRate.isPhysical("br-3f2a")).isFalse();
    }
}
