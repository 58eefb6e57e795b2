package dev.hydra.services.cluster;

import dev.hydra.services.containers.Container;
import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.host.HostMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything known about one node at one moment.
 *
 * @param name           the node's name as configured (the hostname for this machine by default)
 * @param address        how it is reached: "localhost" for this machine, else its host
 * @param reachable      whether the last attempt to read it got an answer
 * @param observedAt     when {@link #host()} was read; null if never
 * @param host           host vital signs, null if never read
 * @param gpus           last known GPUs (may be older than observedAt when the GPU source failed; see sources)
 * @param sources        how each source of this node fared in the last round
 * @param containers     last known containers (empty when the node has no Docker configured)
 * @param hostVia        where the host figures came from, e.g. "Prometheus (node_exporter)", "SSH (/proc)"
 * @param gpusVia        where the GPU figures came from, e.g. "nvidia-smi over SSH"; null when there are none
 * @param pendingHostKey the SHA256 fingerprint of an SSH host key waiting for the user to accept it, or null
 */
public record NodeSnapshot(
        String name,
        String address,
        boolean reachable,
        Instant observedAt,
        HostMetrics host,
        List<Gpu> gpus,
        List<SourceStatus> sources,
        List<Container> containers,
        String hostVia,
        String gpusVia,
        String pendingHostKey) {

    /** The names of the sources that read GPUs. */
    public static final Set<String> GPU_SOURCES = Set.of("nvidia-smi", "gpu-exporter");

    public NodeSnapshot {
        gpus = List.copyOf(gpus);
        sources = List.copyOf(sources);
        containers = List.copyOf(containers);
    }

    public NodeSnapshot(String name, String address, boolean reachable, Instant observedAt, HostMetrics host,
            List<Gpu> gpus, List<SourceStatus> sources) {
        this(name, address, reachable, observedAt, host, gpus, sources, List.of(), null, null, null);
    }

    public Optional<SourceStatus> source(String sourceName) {
        return sources.stream().filter(s -> s.source().equals(sourceName)).findFirst();
    }

    /** How reading this node's GPUs went: a GPU source in trouble if any, else the first GPU source. */
    public Optional<SourceStatus> gpuSource() {
        List<SourceStatus> gpuSources = sources.stream().filter(s -> GPU_SOURCES.contains(s.source())).toList();
        return gpuSources.stream().filter(s -> !s.isHealthy()).findFirst()
                .or(() -> gpuSources.stream().findFirst());
    }

    /** Stale: the data is older than two refresh intervals, so the node is not being read right now. */
    public boolean isStale(Instant now, Duration refreshInterval) {
        return observedAt == null || Duration.between(observedAt, now).compareTo(refreshInterval.multipliedBy(2)) > 0;
    }
}
