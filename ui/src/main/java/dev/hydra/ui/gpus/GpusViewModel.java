package dev.hydra.ui.gpus;

import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.gpu.Gpu;
import dev.hydra.ui.common.ActionPrompts;
import dev.hydra.ui.common.Preferences;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The GPUs view: one tile per GPU across all nodes, keyed by UUID; or why there are none. */
public final class GpusViewModel {

    static final String UNIT_KEY = "ui.temperatureUnit";
    static final String NO_GPU_HINT = "Install the NVIDIA driver on this machine (it provides nvidia-smi), or set "
            + "localNode.nvidiaSmi in hydra.yaml to where nvidia-smi is.";

    private final Preferences preferences;
    private final ObservableList<GpuTileViewModel> tiles = FXCollections.observableArrayList();
    private final ObservableList<GpuTileViewModel> readOnlyTiles = FXCollections.unmodifiableObservableList(tiles);
    private final ReadOnlyStringWrapper emptyMessage = new ReadOnlyStringWrapper(this, "emptyMessage",
            "Waiting for the first reading…");
    private final ReadOnlyStringWrapper emptyHint = new ReadOnlyStringWrapper(this, "emptyHint", "");
    private final ObjectProperty<TemperatureUnit> temperatureUnit = new SimpleObjectProperty<>(this, "temperatureUnit");

    private final ActionPrompts prompts;
    private final java.util.function.Predicate<String> powerControllable;

    public GpusViewModel(Preferences preferences) {
        this(preferences, new ActionPrompts(null, "not configured", "", Runnable::run, Runnable::run), node -> false);
    }

    /** @param powerControllable whether a node's power limits can be changed (it has SSH) */
    public GpusViewModel(Preferences preferences, ActionPrompts prompts,
            java.util.function.Predicate<String> powerControllable) {
        this.preferences = preferences;
        this.prompts = prompts;
        this.powerControllable = powerControllable;
        temperatureUnit.set(preferences.get(UNIT_KEY).map(s -> "FAHRENHEIT".equals(s)
                ? TemperatureUnit.FAHRENHEIT : TemperatureUnit.CELSIUS).orElse(TemperatureUnit.CELSIUS));
        temperatureUnit.addListener((obs, old, now) -> {
            preferences.put(UNIT_KEY, now.name());
            tiles.forEach(tile -> tile.setUnit(now));
        });
    }

    public void apply(ClusterSnapshot snapshot) {
        Map<String, GpuTileViewModel> existing = new LinkedHashMap<>();
        tiles.forEach(tile -> existing.put(tile.key(), tile));
        List<GpuTileViewModel> next = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (NodeSnapshot node : snapshot.nodes()) {
            SourceStatus gpuSource = node.gpuSource().orElse(null);
            for (Gpu gpu : node.gpus()) {
                GpuTileViewModel tile = existing.getOrDefault(node.name() + "/" + gpu.uuid(),
                        new GpuTileViewModel(node.name(), gpu.uuid(), prompts));
                tile.update(gpu, gpuSource, snapshot, temperatureUnit.get(), node.gpusVia(),
                        powerControllable.test(node.name()));
                next.add(tile);
            }
            if (node.gpus().isEmpty() && gpuSource != null && gpuSource.message() != null) {
                reasons.add(node.name() + ": " + gpuSource.message());
            }
        }
        if (!tiles.equals(next)) {
            tiles.setAll(next);
        }
        emptyMessage.set(reasons.isEmpty() ? "No GPUs found." : "No GPUs to show. " + String.join(" ", reasons) + ".");
        emptyHint.set(NO_GPU_HINT);
    }

    public ActionPrompts prompts() {
        return prompts;
    }

    public void toggleTemperatureUnit() {
        temperatureUnit.set(temperatureUnit.get().other());
    }

    public ObservableList<GpuTileViewModel> tiles() {
        return readOnlyTiles;
    }

    public ReadOnlyStringProperty emptyMessageProperty() {
        return emptyMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emptyHintProperty() {
        return emptyHint.getReadOnlyProperty();
    }

    public ObjectProperty<TemperatureUnit> temperatureUnitProperty() {
        return temperatureUnit;
    }
}
