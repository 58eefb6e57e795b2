package dev.hydra.ui.testing;

import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.gpu.GpuProcess;
import dev.hydra.services.host.DiskUsage;
import dev.hydra.services.host.HostMetrics;
import dev.hydra.services.host.NetworkRate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-made snapshots for view-model tests. */
public final class Snapshots {

    private Snapshots() {
    }

    public static HostMetrics host() {
        return new HostMetrics("ws", "Debian GNU/Linux 12", "AMD EPYC", 4, 37.5, List.of(10.0, 20.0, 50.0, 70.0),
                1.25, 0.8, 0.5, 32L << 30, 12L << 30, 4L << 30, 0L,
                List.of(new DiskUsage("/", "ext4", 500L << 30, 200L << 30, 275L << 30)),
                List.of(new NetworkRate("eth0", 2048, 1024, true), new NetworkRate("docker0", 1e9, 1e9, false)),
                90_061L);
    }

    public static Gpu gpu(int index, String uuid, Integer util, Integer temperature) {
        return new Gpu(index, uuid, "NVIDIA GeForce RTX 4090", util, 10, 12_000L, 24_564L, 12_000L, temperature,
                300.5, 450.0, 450.0, 2520, null, "P2", "590.48.01",
                List.of(new GpuProcess(uuid, 4242, "python comfyui/main.py", 9_000L),
                        new GpuProcess(uuid, 777, "ollama", null)));
    }

    public static NodeSnapshot node(String name, Instant at, HostMetrics host, List<Gpu> gpus, SourceStatus gpuStatus) {
        return new NodeSnapshot(name, "localhost", true, at, host, gpus,
                List.of(SourceStatus.ok("host", at), gpuStatus));
    }

    public static ClusterSnapshot cluster(Instant at, NodeSnapshot... nodes) {
        return new ClusterSnapshot(at, List.of(nodes), Map.of());
    }
}
