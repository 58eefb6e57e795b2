package dev.hydra.app.cli;

import dev.hydra.services.alerts.Alert;
import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.containers.Container;
import dev.hydra.services.health.ServiceHealth;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.gpu.GpuProcess;
import dev.hydra.services.host.DiskUsage;
import dev.hydra.services.host.HostMetrics;
import dev.hydra.ui.common.Formats;
import java.io.PrintWriter;
import java.time.Duration;

/** {@code hydra status} for people: one block per node. */
final class StatusText {

    private StatusText() {
    }

    static void print(ClusterSnapshot snapshot, PrintWriter out) {
        for (NodeSnapshot node : snapshot.nodes()) {
            out.printf("%s (%s)%s%n", node.name(), node.address(), node.reachable() ? "" : " UNREACHABLE");
            HostMetrics h = node.host();
            if (h != null) {
                out.printf("  CPU      %s of %d cores   load %s %s %s   up %s%n", Formats.percent(h.cpuPercent()),
                        h.logicalCores(), Formats.decimal(h.load1(), 2), Formats.decimal(h.load5(), 2),
                        Formats.decimal(h.load15(), 2),
                        h.uptimeSeconds() == null ? "n/a" : Formats.duration(Duration.ofSeconds(h.uptimeSeconds())));
                out.printf("  Memory   %s of %s (%s)   swap %s%n", Formats.bytes(h.memoryUsedBytes()),
                        Formats.bytes(h.memoryTotalBytes()), Formats.percent(h.memoryPercent()),
                        h.swapTotalBytes() == null || h.swapTotalBytes() == 0 ? "none"
                                : Formats.bytes(h.swapUsedBytes()) + " of " + Formats.bytes(h.swapTotalBytes()));
                for (DiskUsage disk : h.disks()) {
                    out.printf("  Disk     %-20s %s used, %s free of %s (%s)%n", disk.mount(),
                            Formats.bytes(disk.usedBytes()), Formats.bytes(disk.availableBytes()),
                            Formats.bytes(disk.totalBytes()), Formats.percent(disk.usedPercent()));
                }
                out.printf("  Network  down %s   up %s%n", Formats.rate(h.networkRxBytesPerSecond()),
                        Formats.rate(h.networkTxBytesPerSecond()));
            }
            for (Gpu gpu : node.gpus()) {
                out.printf("  GPU %d    %s   %s   %s   VRAM %s of %s   power %s of %s   fan %s   %s%n", gpu.index(),
                        gpu.name(), Formats.percent(gpu.utilizationPercent()),
                        gpu.temperatureC() == null ? "n/a" : gpu.temperatureC() + " °C",
                        Formats.mebibytes(gpu.memoryUsedMiB()), Formats.mebibytes(gpu.memoryTotalMiB()),
                        Formats.watts(gpu.powerDrawW()), Formats.watts(gpu.powerLimitW()),
                        Formats.percent(gpu.fanPercent()), gpu.pstate() == null ? "" : gpu.pstate());
                for (GpuProcess process : gpu.processes()) {
                    out.printf("           pid %-8d %-10s %s%n", process.pid(), Formats.mebibytes(process.usedMemoryMiB()),
                            process.name());
                }
            }
            if (node.hostVia() != null) {
                out.printf("  Source   host figures via %s%s%n", node.hostVia(),
                        node.gpusVia() == null ? "" : "; GPUs via " + node.gpusVia());
            }
            for (Container container : node.containers()) {
                out.printf("  Ctr      %-24s %-8s %-9s restarts %d   %s%n", container.name(), container.state(),
                        container.health() == Container.Health.NONE ? "" : container.health().name().toLowerCase(),
                        container.restartCount(), container.image());
            }
            for (Alert alert : snapshot.alertsFor(node)) {
                out.printf("  Alert    %s (%s)%s: %s%n", alert.name(), alert.severity() == null ? "no severity"
                        : alert.severity(), alert.silenced() ? " silenced" : "", alert.summary());
            }
            if (node.pendingHostKey() != null) {
                out.printf("  SSH      unknown host key %s: check it, then run hydra trust-host %s%n",
                        node.pendingHostKey(), node.name());
            }
            for (SourceStatus source : node.sources()) {
                if (source.message() != null) {
                    out.printf("  Note     %s: %s%n", source.source(), source.message());
                }
            }
        }
        for (ServiceHealth service : snapshot.services()) {
            out.printf("Service  %-16s %s%s%n", service.name(), service.healthy() ? "ok" : "DOWN: " + service.problem(),
                    service.latencyMs() == null ? "" : " (" + service.latencyMs() + " ms)");
        }
        if (snapshot.alertSource() != null && snapshot.alertSource().message() != null) {
            out.printf("Note     alertmanager: %s%n", snapshot.alertSource().message());
        }
        out.flush();
    }
}
