package dev.hydra.ui.gpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.LocalNodeCollector;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.gpu.LocalNvidiaSmi;
import dev.hydra.services.testing.NvidiaSmiStandIn;
import dev.hydra.services.transport.process.ExecutableLocator;
import dev.hydra.services.transport.process.LocalCommandRunner;
import dev.hydra.ui.cluster.ClusterViewModel;
import dev.hydra.ui.cluster.NodeCardViewModel;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.testing.Snapshots;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the node card and the GPU view say when nvidia-smi misbehaves: the real collector runs the stand-in, and
 * its snapshot goes through the real view models.
 */
class GpuFaultsTest {

    @TempDir
    Path dir;

    private final ClusterViewModel cluster = new ClusterViewModel(Duration.ofSeconds(2), Clock.systemUTC());
    private final GpusViewModel gpus = new GpusViewModel(Preferences.inMemory());

    @Test
    void missing() {
        show(new LocalNvidiaSmi(null, new ExecutableLocator(dir.toString(), false), new LocalCommandRunner(),
                Duration.ofSeconds(5), Clock.systemUTC()));

        assertThat(gpus.tiles()).isEmpty();
        assertThat(gpus.emptyMessageProperty().get()).isEqualTo("No GPUs to show. ws: nvidia-smi is not on PATH, so "
                + "no NVIDIA GPUs are shown for this machine.");
        assertThat(card().gpuSummaryProperty().get()).startsWith("No GPUs: nvidia-smi is not on PATH");
        assertThat(card().problems()).isEmpty();
    }

    @Test
    void hanging() {
        show(local(NvidiaSmiStandIn.install(dir, "h100-load").hangingFor(600), Duration.ofMillis(500)));

        assertThat(gpus.emptyMessageProperty().get()).isEqualTo("No GPUs to show. ws: nvidia-smi did not answer "
                + "within 500 ms and was stopped; the driver may be hung (try nvidia-smi in a terminal).");
        assertThat(card().problems()).containsExactly("nvidia-smi: nvidia-smi did not answer within 500 ms and was "
                + "stopped; the driver may be hung (try nvidia-smi in a terminal)");
    }

    @Test
    void garbage() {
        show(local(NvidiaSmiStandIn.install(dir, "h100-load").printingForGpuQuery("<html>502 Bad Gateway</html>\n"),
                Duration.ofSeconds(5)));

        assertThat(card().problems()).singleElement().asString()
                .startsWith("nvidia-smi: nvidia-smi output not understood: nvidia-smi printed no CSV header");
    }

    @Test
    void driverNotLoaded() {
        show(local(NvidiaSmiStandIn.install(dir, "h100-load").failing(9, "NVIDIA-SMI has failed because it couldn't "
                + "communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."
                + "\n"), Duration.ofSeconds(5)));

        assertThat(gpus.emptyMessageProperty().get()).contains("nvidia-smi failed (exit code 9): NVIDIA-SMI has failed "
                + "because it couldn't communicate with the NVIDIA driver.");
    }

    @Test
    void aRejectedFieldStillShowsTheGpu() {
        show(local(NvidiaSmiStandIn.install(dir, "rtx4080-load").rejecting("fan.speed"), Duration.ofSeconds(5)));

        GpuTileViewModel tile = gpus.tiles().getFirst();
        assertThat(tile.titleProperty().get()).isEqualTo("GPU 0 · NVIDIA GeForce RTX 4080 SUPER");
        assertThat(tile.fanTextProperty().get()).isEqualTo("n/a");
        assertThat(tile.processes()).extracting(GpuProcessRow::name).contains("ffmpeg", "/usr/bin/kwin_wayland");
        assertThat(card().problems()).isEmpty();
    }

    private LocalNvidiaSmi local(NvidiaSmiStandIn standIn, Duration timeout) {
        return new LocalNvidiaSmi(null, new ExecutableLocator(standIn.searchPath(), false), new LocalCommandRunner(),
                timeout, Clock.systemUTC());
    }

    private void show(LocalNvidiaSmi source) {
        LocalNodeCollector collector = new LocalNodeCollector("ws", Snapshots::host, source, Clock.systemUTC());
        NodeSnapshot node = collector.collect(Duration.ofSeconds(30));
        ClusterSnapshot snapshot = new ClusterSnapshot(node.observedAt(), List.of(node), Map.of());
        cluster.apply(snapshot);
        gpus.apply(snapshot);
    }

    private NodeCardViewModel card() {
        return cluster.nodes().getFirst();
    }
}
