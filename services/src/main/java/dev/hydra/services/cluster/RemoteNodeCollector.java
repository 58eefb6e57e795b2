package dev.hydra.services.cluster;

import dev.hydra.services.cluster.SourceStatus.State;
import dev.hydra.services.containers.CgroupContainers;
import dev.hydra.services.containers.Container;
import dev.hydra.services.containers.ContainerReport;
import dev.hydra.services.containers.ContainerRuntime;
import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.gpu.GpuProcess;
import dev.hydra.services.gpu.GpuReport;
import dev.hydra.services.gpu.NvidiaSmiProbe;
import dev.hydra.services.host.HostMetrics;
import dev.hydra.services.host.ProcHostMetricsSource;
import dev.hydra.services.prometheus.PrometheusNodeReading;
import dev.hydra.services.prometheus.PrometheusTelemetry;
import dev.hydra.services.transport.process.CommandResult;
import dev.hydra.services.transport.process.CommandRunner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node of the cluster read from its sources side by side, each on its own virtual thread with its own timeout:
 * Prometheus (node_exporter and GPU exporters), SSH (nvidia-smi with processes and their containers; /proc and df
 * when Prometheus has nothing for the node or is down), and Docker. A slow or dead source never holds up another
 * source or another node; what it last said is kept and marked with the reason.
 */
public final class RemoteNodeCollector implements NodeCollector {

    public static final String SSH_SOURCE = "ssh";
    public static final String GPU_EXPORTER_SOURCE = "gpu-exporter";

    private final RemoteNodeSources node;
    private final Duration interval;
    private final Clock clock;
    private final TrackedRunner ssh;
    private final SourceReading<PrometheusNodeReading> prometheus;
    private final SourceReading<HostMetrics> proc;
    private final SourceReading<GpuReport> gpus;
    private final SourceReading<ContainerReport> docker;
    private final NvidiaSmiProbe probe;

    private PrometheusNodeReading lastPrometheus;
    private SourceStatus prometheusStatus;
    private HostMetrics lastProc;
    private SourceStatus procStatus;
    private Instant procAt;
    private GpuReport lastGpus;
    private ContainerReport lastContainers;
    private volatile List<Container> knownContainers = List.of();
    private HostMetrics host;
    private String hostVia;
    private Instant observedAt;

    public RemoteNodeCollector(RemoteNodeSources node, Duration interval, Clock clock) {
        this.node = node;
        this.interval = interval;
        this.clock = clock;
        this.ssh = node.ssh() == null ? null : new TrackedRunner(node.ssh(), clock);
        this.prometheus = node.prometheus() == null ? null
                : new SourceReading<>("prometheus-" + node.name(), () -> node.prometheus().read(node.matcher()));
        this.proc = ssh == null ? null : new SourceReading<>("proc-" + node.name(),
                new ProcHostMetricsSource(ssh, node.timeout())::read);
        this.probe = ssh == null ? null : new NvidiaSmiProbe(node.nvidiaSmi(), ssh, node.timeout(), clock);
        this.gpus = ssh == null ? null : new SourceReading<>("gpu-" + node.name(), this::readGpus);
        this.docker = node.docker() == null ? null : new SourceReading<>("docker-" + node.name(), node.docker()::read);
    }

    @Override
    public String nodeName() {
        return node.name();
    }

    @Override
    public synchronized NodeSnapshot collect(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        boolean wantProc = proc != null && (prometheus == null || lastPrometheus == null || lastPrometheus.host() == null
                || (prometheusStatus != null && prometheusStatus.state() == State.FAILED));
        start(prometheus);
        if (wantProc) {
            proc.startIfIdle();
        }
        start(gpus);
        start(docker);
        List<SourceStatus> sources = new ArrayList<>();
        if (prometheus != null) {
            takePrometheus(prometheus.await(deadline));
            sources.add(prometheusStatus);
        }
        if (proc != null) {
            takeProc(wantProc ? proc.await(deadline) : null, wantProc);
        }
        chooseHost();
        if (procStatus != null && (wantProc || procStatus.state() != State.OK)) {
            sources.add(procStatus);
        }
        List<Gpu> gpuList = gpus(gpus == null ? null : gpus.await(deadline), sources);
        if (docker != null) {
            SourceReading.Outcome<ContainerReport> outcome = docker.await(deadline);
            if (outcome != null) {
                lastContainers = outcome.error() == null ? outcome.value() : new ContainerReport(
                        lastContainers == null ? List.of() : lastContainers.containers(),
                        new SourceStatus(ContainerRuntime.SOURCE, State.FAILED, String.valueOf(outcome.error()), null));
                knownContainers = lastContainers.containers();
            }
            sources.add(lastContainers != null ? lastContainers.status() : new SourceStatus(ContainerRuntime.SOURCE,
                    State.DEGRADED, "first reading still running", null));
        }
        if (ssh != null) {
            sources.addFirst(sshStatus());
        }
        return new NodeSnapshot(node.name(), node.address(), reachable(), observedAt, host, gpuList, sources,
                lastContainers == null ? List.of() : lastContainers.containers(), hostVia, gpusVia(gpuList),
                node.pendingHostKey() == null ? null : node.pendingHostKey().get());
    }

    private static void start(SourceReading<?> reading) {
        if (reading != null) {
            reading.startIfIdle();
        }
    }

    private void takePrometheus(SourceReading.Outcome<PrometheusNodeReading> outcome) {
        Instant now = clock.instant();
        Instant lastSuccess = prometheusStatus == null ? null : prometheusStatus.lastSuccess();
        if (outcome == null) {
            prometheusStatus = new SourceStatus(PrometheusTelemetry.SOURCE, State.DEGRADED,
                    "Prometheus is taking longer than " + interval.toMillis() + " ms to answer", lastSuccess);
        } else if (outcome.error() != null) {
            prometheusStatus = new SourceStatus(PrometheusTelemetry.SOURCE, State.FAILED, message(outcome.error())
                    + (proc != null ? "; showing figures read over SSH instead" : ""), lastSuccess);
        } else {
            lastPrometheus = outcome.value();
            if (lastPrometheus.host() == null && lastPrometheus.gpus().isEmpty()) {
                prometheusStatus = new SourceStatus(PrometheusTelemetry.SOURCE, State.ABSENT, "Prometheus has no "
                        + "node_exporter or GPU exporter series for this node (labelled node=\"" + node.name()
                        + "\" or instance " + node.address() + ":PORT)", now);
            } else if (!lastPrometheus.targetsDown().isEmpty()) {
                prometheusStatus = new SourceStatus(PrometheusTelemetry.SOURCE, State.DEGRADED, "Prometheus cannot "
                        + "scrape " + String.join(", ", lastPrometheus.targetsDown()), now);
            } else {
                prometheusStatus = SourceStatus.ok(PrometheusTelemetry.SOURCE, now);
            }
        }
    }

    private void takeProc(SourceReading.Outcome<HostMetrics> outcome, boolean wanted) {
        if (!wanted || outcome == null) {
            if (wanted && procStatus == null) {
                procStatus = new SourceStatus(SSH_SOURCE + " /proc", State.DEGRADED, "first reading still running",
                        null);
            }
            return;
        }
        if (outcome.error() != null) {
            procStatus = new SourceStatus(SSH_SOURCE + " /proc", State.FAILED, "reading /proc over SSH failed: "
                    + message(outcome.error()), procAt);
        } else {
            lastProc = outcome.value();
            procAt = clock.instant();
            procStatus = SourceStatus.ok(SSH_SOURCE + " /proc", procAt);
        }
    }

    /** Prometheus's figures when it has them and answered; otherwise those read over SSH. */
    private void chooseHost() {
        boolean prometheusFresh = prometheusStatus != null && prometheusStatus.state() != State.FAILED
                && lastPrometheus != null && lastPrometheus.host() != null;
        if (prometheusFresh) {
            host = lastPrometheus.host();
            hostVia = "Prometheus (node_exporter)";
            observedAt = prometheusStatus.lastSuccess();
        } else if (lastProc != null && procStatus != null && procStatus.state() == State.OK) {
            host = lastProc;
            hostVia = prometheusStatus != null && prometheusStatus.state() == State.FAILED
                    ? "SSH (/proc), because Prometheus is not answering" : "SSH (/proc)";
            observedAt = procAt;
        }
    }

    private GpuReport readGpus() throws IOException, InterruptedException {
        GpuReport report = probe.read();
        if (report.status().state() == State.FAILED && report.status().message() != null
                && report.status().message().contains("exit code 127")) {
            return new GpuReport(List.of(), new SourceStatus(NvidiaSmiProbe.SOURCE, State.ABSENT,
                    "no nvidia-smi on this node, so no GPUs (set nvidiaSmi in hydra.yaml if it is elsewhere)", null));
        }
        Set<Long> pids = new HashSet<>();
        report.gpus().forEach(gpu -> gpu.processes().forEach(p -> pids.add(p.pid())));
        if (pids.isEmpty() || report.status().state() == State.FAILED) {
            return report;
        }
        Map<Long, String> containerIds;
        try {
            containerIds = CgroupContainers.containerIds(pids, ssh, node.timeout());
        } catch (IOException e) {
            return report;
        }
        Map<String, String> names = new HashMap<>();
        knownContainers.forEach(c -> names.put(c.id(), c.name()));
        List<Gpu> named = report.gpus().stream().map(gpu -> gpu.withProcesses(gpu.processes().stream()
                .map(p -> containerOf(p, containerIds, names)).toList())).toList();
        return new GpuReport(named, report.status());
    }

    private static GpuProcess containerOf(GpuProcess process, Map<Long, String> ids, Map<String, String> names) {
        String id = ids.get(process.pid());
        return id == null ? process : process.inContainer(names.getOrDefault(id, id.substring(0, 12)));
    }

    private List<Gpu> gpus(SourceReading.Outcome<GpuReport> outcome, List<SourceStatus> sources) {
        if (outcome != null) {
            lastGpus = outcome.error() == null ? outcome.value() : new GpuReport(lastGpus == null ? List.of()
                    : lastGpus.gpus(), new SourceStatus(NvidiaSmiProbe.SOURCE, State.FAILED,
                    "reading GPUs failed: " + message(outcome.error()), null));
        }
        List<Gpu> fromSsh = lastGpus == null ? List.of() : lastGpus.gpus();
        List<Gpu> fromExporter = lastPrometheus == null ? List.of() : lastPrometheus.gpus();
        if (!fromExporter.isEmpty()) {
            boolean exporterFresh = prometheusStatus.state() != State.FAILED;
            sources.add(exporterFresh ? SourceStatus.ok(GPU_EXPORTER_SOURCE, prometheusStatus.lastSuccess())
                    : new SourceStatus(GPU_EXPORTER_SOURCE, State.FAILED, "Prometheus is not answering, so GPU "
                            + "figures from " + lastPrometheus.gpuExporter() + " are stale",
                            prometheusStatus.lastSuccess()));
        }
        if (gpus != null) {
            sources.add(lastGpus != null ? lastGpus.status() : new SourceStatus(NvidiaSmiProbe.SOURCE, State.DEGRADED,
                    "first reading still running", null));
        }
        if (fromExporter.isEmpty()) {
            return fromSsh;
        }
        Map<String, Gpu> byUuid = new HashMap<>();
        fromSsh.forEach(gpu -> byUuid.put(PrometheusTelemetry.normalizeUuid(gpu.uuid()), gpu));
        return fromExporter.stream().map(gpu -> {
            Gpu smi = byUuid.get(PrometheusTelemetry.normalizeUuid(gpu.uuid()));
            return smi == null ? gpu : gpu.completedBy(smi);
        }).toList();
    }

    private String gpusVia(List<Gpu> gpuList) {
        if (gpuList.isEmpty()) {
            return null;
        }
        boolean smi = lastGpus != null && !lastGpus.gpus().isEmpty();
        if (lastPrometheus != null && !lastPrometheus.gpus().isEmpty()) {
            return "Prometheus (" + lastPrometheus.gpuExporter() + ")" + (smi ? " + nvidia-smi over SSH" : "");
        }
        return "nvidia-smi over SSH";
    }

    private SourceStatus sshStatus() {
        Duration hung = ssh.longestRunning(proc, gpus);
        if (hung.compareTo(interval.multipliedBy(2)) > 0) {
            return new SourceStatus(SSH_SOURCE, State.FAILED, "no answer over SSH for " + hung.toSeconds() + " s",
                    ssh.lastSuccess);
        }
        if (ssh.lastFailure != null) {
            return new SourceStatus(SSH_SOURCE, State.FAILED, ssh.lastFailure, ssh.lastSuccess);
        }
        return ssh.lastSuccess == null ? new SourceStatus(SSH_SOURCE, State.DEGRADED, "connecting", null)
                : SourceStatus.ok(SSH_SOURCE, ssh.lastSuccess);
    }

    /** SSH decides when configured (it is the node's own channel); else Docker; else Prometheus's scrapes. */
    private boolean reachable() {
        if (ssh != null) {
            return sshStatus().state() != State.FAILED;
        }
        if (lastContainers != null) {
            return lastContainers.status().state() != State.FAILED;
        }
        return lastPrometheus != null && lastPrometheus.host() != null && lastPrometheus.targetsDown().isEmpty()
                && prometheusStatus.state() != State.FAILED;
    }

    private static String message(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    /** Remembers whether the last command reached the node: a command that ran and failed still did. */
    private static final class TrackedRunner implements CommandRunner {
        private final CommandRunner delegate;
        private final Clock clock;
        private volatile Instant lastSuccess;
        private volatile String lastFailure;

        TrackedRunner(CommandRunner delegate, Clock clock) {
            this.delegate = delegate;
            this.clock = clock;
        }

        @Override
        public CommandResult run(List<String> command, Duration timeout) throws IOException, InterruptedException {
            try {
                CommandResult result = delegate.run(command, timeout);
                lastSuccess = clock.instant();
                lastFailure = null;
                return result;
            } catch (IOException e) {
                lastFailure = e.getMessage();
                throw e;
            }
        }

        Duration longestRunning(SourceReading<?>... readings) {
            Duration longest = Duration.ZERO;
            for (SourceReading<?> reading : readings) {
                if (reading != null && reading.running().compareTo(longest) > 0) {
                    longest = reading.running();
                }
            }
            return longest;
        }
    }
}
