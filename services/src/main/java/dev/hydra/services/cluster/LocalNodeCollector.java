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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private final Reading<HostMetrics> host;
    private final Reading<GpuReport> gpus;
    private final Clock clock;
    private HostMetrics lastHost;
    private Instant lastHostAt;
    private SourceStatus hostStatus;
    private GpuReport lastGpus;

    public LocalNodeCollector(String name, HostMetricsSource hostSource, GpuTelemetrySource gpuSource, Clock clock) {
        this.name = name;
        this.host = new Reading<>("host-" + name, hostSource::read);
        this.gpus = new Reading<>("gpu-" + name, gpuSource::read);
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
        Outcome<GpuReport> gpuOutcome = gpus.await(deadline);
        if (gpuOutcome != null) {
            lastGpus = gpuOutcome.error() == null ? gpuOutcome.value()
                    : new GpuReport(lastGpus == null ? List.of() : lastGpus.gpus(), new SourceStatus(NvidiaSmiProbe.SOURCE,
                            State.FAILED, "reading GPUs failed: " + gpuOutcome.error(), null));
        }
        SourceStatus gpuStatus = lastGpus != null ? lastGpus.status()
                : new SourceStatus(NvidiaSmiProbe.SOURCE, State.DEGRADED, "first reading still running", null);
        return new NodeSnapshot(name, "localhost", true, lastHostAt, lastHost,
                lastGpus == null ? List.of() : lastGpus.gpus(), List.of(hostStatus, gpuStatus));
    }

    private void updateHost(Outcome<HostMetrics> outcome, Instant start) {
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

    /** A blocking read that runs on its own virtual thread; never two at once. */
    private static final class Reading<T> {
        private final String threadName;
        private final Task<T> task;
        private CompletableFuture<Outcome<T>> inFlight;

        Reading(String threadName, Task<T> task) {
            this.threadName = threadName;
            this.task = task;
        }

        void startIfIdle() {
            if (inFlight != null) {
                return;
            }
            CompletableFuture<Outcome<T>> future = new CompletableFuture<>();
            inFlight = future;
            Thread.ofVirtual().name(threadName).start(() -> {
                try {
                    future.complete(new Outcome<>(task.run(), null));
                } catch (Throwable e) {
                    future.complete(new Outcome<>(null, e));
                }
            });
        }

        /** The outcome if the reading finished by the deadline, else null (it keeps running). */
        Outcome<T> await(long deadlineNanos) {
            try {
                Outcome<T> outcome = inFlight.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                inFlight = null;
                return outcome;
            } catch (TimeoutException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @FunctionalInterface
    private interface Task<T> {
        T run() throws Exception;
    }

    private record Outcome<T>(T value, Throwable error) {
    }
}
