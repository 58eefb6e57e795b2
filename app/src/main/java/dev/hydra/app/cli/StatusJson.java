package dev.hydra.app.cli;

import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.gpu.GpuProcess;
import dev.hydra.services.host.DiskUsage;
import dev.hydra.services.host.HostMetrics;
import dev.hydra.services.host.NetworkRate;
import dev.hydra.services.alerts.Alert;
import dev.hydra.services.containers.Container;
import dev.hydra.services.health.ServiceHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shape of {@code hydra status --json}, documented in docs/cli.md. Kept apart from the domain records so the
 * output stays stable as the code moves. Unknown values are JSON null, never 0 and never a string.
 */
record StatusJson(List<Node> nodes, List<AlertJson> alerts, Source alertSource, List<ServiceJson> services) {

    static StatusJson of(ClusterSnapshot snapshot) {
        return new StatusJson(snapshot.nodes().stream().map(node -> Node.of(node, snapshot)).toList(),
                snapshot.alerts().stream().map(AlertJson::of).toList(),
                snapshot.alertSource() == null ? null : Source.of(snapshot.alertSource()),
                snapshot.services().stream().map(ServiceJson::of).toList());
    }

    record Node(String name, String host, boolean reachable, Instant observedAt, String hostVia, String gpusVia,
            String pendingHostKey, Cpu cpu, Memory memory, Memory swap,
            Double load1, Double load5, Double load15, Long uptimeSeconds, List<Disk> disks, List<Network> network,
            List<GpuJson> gpus, List<ContainerJson> containers, List<AlertJson> alerts, List<Source> sources) {

        static Node of(NodeSnapshot node, ClusterSnapshot cluster) {
            HostMetrics h = node.host();
            return new Node(node.name(), node.address(), node.reachable(), node.observedAt(), node.hostVia(),
                    node.gpusVia(), node.pendingHostKey(),
                    h == null ? null : new Cpu(h.cpuPercent(), h.logicalCores(), h.cpuModel(), h.perCorePercent()),
                    h == null ? null : new Memory(h.memoryTotalBytes(), h.memoryUsedBytes()),
                    h == null ? null : new Memory(h.swapTotalBytes(), h.swapUsedBytes()),
                    h == null ? null : h.load1(), h == null ? null : h.load5(), h == null ? null : h.load15(),
                    h == null ? null : h.uptimeSeconds(),
                    h == null ? List.of() : h.disks().stream().map(Disk::of).toList(),
                    h == null ? List.of() : h.network().stream().map(Network::of).toList(),
                    node.gpus().stream().map(GpuJson::of).toList(),
                    node.containers().stream().map(ContainerJson::of).toList(),
                    cluster.alertsFor(node).stream().map(AlertJson::of).toList(),
                    node.sources().stream().map(Source::of).toList());
        }
    }

    record Cpu(Double percent, Integer cores, String model, List<Double> perCore) {
    }

    record Memory(Long totalBytes, Long usedBytes) {
    }

    record Disk(String mount, String fsType, long totalBytes, long usedBytes, long availableBytes) {
        static Disk of(DiskUsage d) {
            return new Disk(d.mount(), d.fsType(), d.totalBytes(), d.usedBytes(), d.availableBytes());
        }
    }

    record Network(String name, double rxBytesPerSecond, double txBytesPerSecond, boolean physical) {
        static Network of(NetworkRate n) {
            return new Network(n.name(), n.rxBytesPerSecond(), n.txBytesPerSecond(), n.physical());
        }
    }

    record GpuJson(int index, String uuid, String name, Integer utilizationPercent, Integer memoryUtilizationPercent,
            Long memoryUsedMiB, Long memoryTotalMiB, Long memoryFreeMiB, Integer temperatureC, Double powerDrawW,
            Double powerLimitW, Double enforcedPowerLimitW, Integer smClockMHz, Integer fanPercent, String pstate,
            String driverVersion, Double defaultPowerLimitW, List<Process> processes) {

        static GpuJson of(Gpu g) {
            return new GpuJson(g.index(), g.uuid(), g.name(), g.utilizationPercent(), g.memoryUtilizationPercent(),
                    g.memoryUsedMiB(), g.memoryTotalMiB(), g.memoryFreeMiB(), g.temperatureC(), g.powerDrawW(),
                    g.powerLimitW(), g.enforcedPowerLimitW(), g.smClockMHz(), g.fanPercent(), g.pstate(),
                    g.driverVersion(), g.defaultPowerLimitW(), g.processes().stream().map(Process::of).toList());
        }
    }

    record Process(long pid, String name, Long usedMemoryMiB, String container) {
        static Process of(GpuProcess p) {
            return new Process(p.pid(), p.name(), p.usedMemoryMiB(), p.container());
        }
    }

    record ContainerJson(String id, String name, String image, String state, String health, int restartCount,
            Instant startedAt, Integer exitCode, String composeProject, String composeService, List<String> ports,
            Double cpuPercent, Long memoryUsedBytes, Long memoryLimitBytes) {
        static ContainerJson of(Container c) {
            return new ContainerJson(c.id(), c.name(), c.image(), c.state(), c.health().name().toLowerCase(),
                    c.restartCount(), c.startedAt(), c.exitCode(), c.composeProject(), c.composeService(), c.ports(),
                    c.cpuPercent(), c.memoryUsedBytes(), c.memoryLimitBytes());
        }
    }

    record AlertJson(String fingerprint, String name, String severity, String summary, String state,
            List<String> silencedBy, Instant startsAt, Map<String, String> labels) {
        static AlertJson of(Alert a) {
            return new AlertJson(a.fingerprint(), a.name(), a.severity(), a.summary(), a.state().name().toLowerCase(),
                    a.silencedBy(), a.startsAt(), new TreeMap<>(a.labels()));
        }
    }

    record ServiceJson(String name, String url, String node, boolean healthy, Integer httpStatus, Long latencyMs,
            String problem, Instant checkedAt) {
        static ServiceJson of(ServiceHealth s) {
            return new ServiceJson(s.name(), s.url(), s.node(), s.healthy(), s.httpStatus(), s.latencyMs(), s.problem(),
                    s.checkedAt());
        }
    }

    record Source(String name, String state, String message, Instant lastSuccess) {
        static Source of(SourceStatus s) {
            return new Source(s.source(), s.state().name().toLowerCase(), s.message(), s.lastSuccess());
        }
    }
}
