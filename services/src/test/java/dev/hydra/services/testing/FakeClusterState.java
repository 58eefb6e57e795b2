package dev.hydra.services.testing;

import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.ClusterState;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.gpu.Gpu;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Scripted telemetry: a test says what each GPU reports, and the snapshot carries the clock's time. */
public final class FakeClusterState implements ClusterState {

    private final Clock clock;
    private final Duration interval;
    private final List<Consumer<ClusterSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile ClusterSnapshot latest = ClusterSnapshot.EMPTY;

    public FakeClusterState(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** One node with these GPUs, observed now. */
    public void report(String node, Gpu... gpus) {
        NodeSnapshot snapshot = new NodeSnapshot(node, node, true, clock.instant(), null, List.of(gpus),
                List.of(SourceStatus.ok("nvidia-smi", clock.instant())));
        publish(new ClusterSnapshot(clock.instant(), List.of(snapshot), Map.of()));
    }

    public void publish(ClusterSnapshot snapshot) {
        latest = snapshot;
        listeners.forEach(l -> l.accept(snapshot));
    }

    /** A GPU with this utilization and memory (MiB). */
    public static Gpu gpu(String uuid, Integer utilizationPercent, long usedMiB, long totalMiB) {
        return new Gpu(0, uuid, "NVIDIA GeForce RTX 4090", utilizationPercent, null, usedMiB, totalMiB,
                totalMiB - usedMiB, 45, 120.0, 450.0, 450.0, 2520, 30, "P2", "590.48.01", List.of());
    }

    @Override
    public ClusterSnapshot latest() {
        return latest;
    }

    @Override
    public AutoCloseable subscribe(Consumer<ClusterSnapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void refreshNow() {
    }

    @Override
    public Duration refreshInterval() {
        return interval;
    }
}
