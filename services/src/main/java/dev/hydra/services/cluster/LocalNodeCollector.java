package dev.hydra.services.cluster;

import dev.hydra.services.cluster.SourceStatus.State;
import dev.hydra.services.gpu.GpuReport;
import dev.hydra.services.gpu.GpuTelemetrySource;
import dev.hydra.services.gpu.NvidiaSmiProbe;
import dev.hydra.services.host.HostMetrics;
import dev.hydra.services.host.HostMetricsSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This machine as a node: host metrics and local GPUs, read side by side. A slow source never holds up the other:
 * each runs on its own virtual thread, at most one reading per source at a time.
 */
public final class LocalNodeCollector implements NodeCollector {

    public static final String HOST_SOURCE = "host";
    private static final Logger LOG = LoggerFactory.getLogger(LocalNodeCollector.class);

    private final String name;
    private final SourceReading<HostMetrics> host;
    private final SourceReading<GpuReport> gpus;
    private final Clock clock;
    private HostMetrics lastHost;
    private Instant lastHostAt;
    private SourceStatus hostStatus;
    private GpuReport lastGpus;

    public LocalNodeCollector(String name, HostMetricsSource hostSource, GpuTelemetrySource gpuSource, Clock clock) {
        this.name = name;
        this.host = new SourceReading<>("host-" + name, hostSource::read);
        this.gpus = new SourceReading<>("gpu-" + name, gpuSource::read);
        this.clock = clock;
    }

    @Override
    public String nodeName() {
        return name;
    }

    @Override
    public synchronized NodeSnapshot collect(Duration budget) {
        Instant start = clock.instant();
        long deadline = System.nanoTime() + budget.toNanos();
        host.startIfIdle();
        gpus.startIfIdle();
        updateHost(host.await(deadline), start);
        SourceReading.Outcome<GpuReport> gpuOutcome = gpus.await(deadline);
        if (gpuOutcome != null) {
            lastGpus = gpuOutcome.error() == null ? gpuOutcome.value()
                    : new GpuReport(lastGpus == null ? List.of() : lastGpus.gpus(), new SourceStatus(NvidiaSmiProbe.SOURCE,
                            State.FAILED, "reading GPUs failed: " + gpuOutcome.error(), null));
        }
        SourceStatus gpuStatus = lastGpus != null ? lastGpus.status()
                : new SourceStatus(NvidiaSmiProbe.SOURCE, State.DEGRADED, "first reading still running", null);
        return new NodeSnapshot(name, "localhost", true, lastHostAt, lastHost,
                lastGpus == null ? List.of() : lastGpus.gpus(), List.of(hostStatus, gpuStatus), List.of(),
                "this machine (OSHI)", lastGpus == null || lastGpus.gpus().isEmpty() ? null : "nvidia-smi", null);
    }

    private void updateHost(SourceReading.Outcome<HostMetrics> outcome, Instant start) {
        if (outcome == null) {
            hostStatus = new SourceStatus(HOST_SOURCE, State.DEGRADED, "reading this machine's metrics is taking "
                    + "longer than " + Duration.between(start, clock.instant()).toMillis() + " ms", lastHostAt);
        } else if (outcome.error() != null) {
            LOG.warn("Reading host metrics failed", outcome.error());
            hostStatus = new SourceStatus(HOST_SOURCE, State.FAILED,
                    "reading this machine's metrics failed: " + outcome.error(), lastHostAt);
        } else {
            lastHost = outcome.value();
            lastHostAt = clock.instant();
            hostStatus = SourceStatus.ok(HOST_SOURCE, lastHostAt);
        }
    }

}
