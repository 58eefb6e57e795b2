package dev.hydra.services.cluster;

import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.gpu.NvidiaSmiProbe;
import dev.hydra.services.host.HostMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything known about one node at one moment.
 *
 * @param name       the node's name as configured (the hostname for this machine by default)
 * @param address    how it is reached: "localhost" for this machine
 * @param reachable  whether the last attempt to read it got an answer
 * @param observedAt when {@link #host()} was read; null if never
 * @param host       host vital signs, null if never read
 * @param gpus       last known GPUs (may be older than observedAt when the GPU source failed; see sources)
 * @param sources    how each source of this node fared in the last round
 */
public record NodeSnapshot(
        String name,
        String address,
        boolean reachable,
        Instant observedAt,
        HostMetrics host,
        List<Gpu> gpus,
        List<SourceStatus> sources) {

    public NodeSnapshot {
        gpus = List.copyOf(gpus);
        sources = List.copyOf(sources);
    }

    public Optional<SourceStatus> source(String sourceName) {
        return sources.stream().filter(s -> s.source().equals(sourceName)).findFirst();
    }

    /** How reading this node's GPUs went. */
    public Optional<SourceStatus> gpuSource() {
        return source(NvidiaSmiProbe.SOURCE);
    }

    /** Stale: the data is older than two refresh intervals, so the node is not being read right now. */
    public boolean isStale(Instant now, Duration refreshInterval) {
        return observedAt == null || Duration.between(observedAt, now).compareTo(refreshInterval.multipliedBy(2)) > 0;
    }
}
