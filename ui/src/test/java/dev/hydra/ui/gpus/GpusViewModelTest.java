package dev.hydra.ui.gpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.cluster.SourceStatus.State;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.testing.Snapshots;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpusViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-21T07:00:00Z");
    private final Preferences preferences = Preferences.inMemory();
    private final GpusViewModel vm = new GpusViewModel(preferences);

    @Test
    void oneTilePerGpuWithItsFiguresAndProcesses() {
        vm.apply(Snapshots.cluster(T0, Snapshots.node("ai", T0, Snapshots.host(),
                List.of(Snapshots.gpu(0, "GPU-a", 87, 71), Snapshots.gpu(1, "GPU-b", 3, 40)),
                SourceStatus.ok("nvidia-smi", T0))));

        assertThat(vm.tiles()).extracting(GpuTileViewModel::uuid).containsExactly("GPU-a", "GPU-b");
        GpuTileViewModel tile = vm.tiles().getFirst();
        assertThat(tile.titleProperty().get()).isEqualTo("GPU 0 · NVIDIA GeForce RTX 4090");
        assertThat(tile.utilizationTextProperty().get()).isEqualTo("87 %");
        assertThat(tile.temperatureTextProperty().get()).isEqualTo("71 °C");
        assertThat(tile.memoryTextProperty().get()).isEqualTo("11.7 GiB of 24 GiB");
        assertThat(tile.powerTextProperty().get()).isEqualTo("301 W of 450 W");
        assertThat(tile.fanTextProperty().get()).as("fanless: n/a, not 0").isEqualTo("n/a");
        assertThat(tile.processes()).containsExactly(
                new GpuProcessRow(4242, "python comfyui/main.py", "8.8 GiB", ""),
                new GpuProcessRow(777, "ollama", "n/a", ""));
        assertThat(tile.staleProperty().get()).isFalse();
    }

    @Test
    void tilesAreKeyedByUuidNotByPosition() {
        vm.apply(Snapshots.cluster(T0, Snapshots.node("ai", T0, null,
                List.of(Snapshots.gpu(0, "GPU-a", 1, 40), Snapshots.gpu(1, "GPU-b", 2, 40)),
                SourceStatus.ok("nvidia-smi", T0))));
        GpuTileViewModel b = vm.tiles().get(1);

        vm.apply(Snapshots.cluster(T0, Snapshots.node("ai", T0, null, List.of(Snapshots.gpu(0, "GPU-b", 9, 40)),
                SourceStatus.ok("nvidia-smi", T0))));

        assertThat(vm.tiles()).containsExactly(b);
        assertThat(b.utilizationTextProperty().get()).isEqualTo("9 %");
    }

    @Test
    void fahrenheitOnRequestAndRemembered() {
        vm.apply(Snapshots.cluster(T0, Snapshots.node("ai", T0, null, List.of(Snapshots.gpu(0, "GPU-a", 1, 70)),
                SourceStatus.ok("nvidia-smi", T0))));

        vm.toggleTemperatureUnit();

        assertThat(vm.tiles().getFirst().temperatureTextProperty().get()).isEqualTo("158 °F");
        assertThat(new GpusViewModel(preferences).temperatureUnitProperty().get()).isEqualTo(TemperatureUnit.FAHRENHEIT);
    }

    @Test
    void aFailedReadingMarksTheLastKnownFiguresStale() {
        vm.apply(Snapshots.cluster(T0, Snapshots.node("ai", T0, null, List.of(Snapshots.gpu(0, "GPU-a", 1, 70)),
                new SourceStatus("nvidia-smi", State.FAILED, "nvidia-smi did not answer within 4 s", T0))));

        GpuTileViewModel tile = vm.tiles().getFirst();
        assertThat(tile.staleProperty().get()).isTrue();
        assertThat(tile.staleTextProperty().get()).isEqualTo("Stale: nvidia-smi did not answer within 4 s");
    }

    @Test
    void noGpusSaysWhyAndWhatToDo() {
        vm.apply(Snapshots.cluster(T0, Snapshots.node("ws", T0, Snapshots.host(), List.of(),
                new SourceStatus("nvidia-smi", State.ABSENT,
                        "nvidia-smi is not on PATH, so no NVIDIA GPUs are shown for this machine", null))));

        assertThat(vm.tiles()).isEmpty();
        assertThat(vm.emptyMessageProperty().get()).isEqualTo("No GPUs to show. ws: nvidia-smi is not on PATH, so no "
                + "NVIDIA GPUs are shown for this machine.");
        assertThat(vm.emptyHintProperty().get()).contains("Install the NVIDIA driver").contains("localNode.nvidiaSmi");
    }
}
