package dev.hydra.ui.gpus;

import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.SeriesKey;
import dev.hydra.services.cluster.SeriesKey.GpuMetric;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.gpu.GpuProcess;
import dev.hydra.services.actions.ClusterAction;
import dev.hydra.ui.common.ActionPrompts;
import dev.hydra.ui.common.Formats;
import dev.hydra.ui.common.Lists;
import java.util.Arrays;
import java.util.Comparator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One GPU tile, keyed by the GPU's UUID: live figures, 15 minutes of history, and its processes. */
public final class GpuTileViewModel {

    private final String node;
    private final String uuid;
    private Gpu gpu;
    private TemperatureUnit unit;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
    private final ReadOnlyStringWrapper utilizationText = new ReadOnlyStringWrapper(this, "utilizationText", "");
    private final ReadOnlyDoubleWrapper utilizationFraction = new ReadOnlyDoubleWrapper(this, "utilizationFraction");
    private final ReadOnlyStringWrapper temperatureText = new ReadOnlyStringWrapper(this, "temperatureText", "");
    private final ReadOnlyStringWrapper memoryText = new ReadOnlyStringWrapper(this, "memoryText", "");
    private final ReadOnlyDoubleWrapper memoryFraction = new ReadOnlyDoubleWrapper(this, "memoryFraction");
    private final ReadOnlyStringWrapper powerText = new ReadOnlyStringWrapper(this, "powerText", "");
    private final ReadOnlyDoubleWrapper powerFraction = new ReadOnlyDoubleWrapper(this, "powerFraction");
    private final ReadOnlyStringWrapper fanText = new ReadOnlyStringWrapper(this, "fanText", "");
    private final ReadOnlyStringWrapper clockText = new ReadOnlyStringWrapper(this, "clockText", "");
    private final ReadOnlyStringWrapper pstateText = new ReadOnlyStringWrapper(this, "pstateText", "");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");
    private final ReadOnlyStringWrapper staleText = new ReadOnlyStringWrapper(this, "staleText", "");
    private final ObservableList<GpuProcessRow> processes = FXCollections.observableArrayList();
    private final ObservableList<GpuProcessRow> readOnlyProcesses = FXCollections.unmodifiableObservableList(processes);
    private final ReadOnlyObjectWrapper<double[]> utilizationHistory = new ReadOnlyObjectWrapper<>(this, "utilizationHistory", new double[0]);
    private final ReadOnlyObjectWrapper<double[]> memoryHistory = new ReadOnlyObjectWrapper<>(this, "memoryHistory", new double[0]);

    private final ActionPrompts prompts;
    private final ReadOnlyStringWrapper viaText = new ReadOnlyStringWrapper(this, "viaText", "");
    private final ReadOnlyBooleanWrapper powerControllable = new ReadOnlyBooleanWrapper(this, "powerControllable");

    GpuTileViewModel(String node, String uuid, ActionPrompts prompts) {
        this.node = node;
        this.uuid = uuid;
        this.prompts = prompts;
    }

    /** Eco mode: the power limit becomes the configured share of the GPU's default limit (asks first). */
    public void ecoOn() {
        prompts.request(new ClusterAction.GpuEcoMode(node, uuid, gpu.index(), gpu.name(), true, gpu.defaultPowerLimitW()));
    }

    /** Back to the GPU's default power limit (asks first). */
    public void ecoOff() {
        prompts.request(new ClusterAction.GpuEcoMode(node, uuid, gpu.index(), gpu.name(), false, gpu.defaultPowerLimitW()));
    }

    void update(Gpu gpu, SourceStatus source, ClusterSnapshot cluster, TemperatureUnit unit, String via,
            boolean controllable) {
        this.gpu = gpu;
        viaText.set(via == null ? "" : "via " + via);
        powerControllable.set(controllable);
        title.set("GPU " + gpu.index() + " · " + gpu.name());
        subtitle.set(node + " · " + uuid + (gpu.driverVersion() == null ? "" : " · driver " + gpu.driverVersion()));
        utilizationText.set(Formats.percent(gpu.utilizationPercent()));
        utilizationFraction.set(Formats.fraction(gpu.utilizationPercent(), 100));
        memoryText.set(Formats.mebibytes(gpu.memoryUsedMiB()) + " of " + Formats.mebibytes(gpu.memoryTotalMiB()));
        memoryFraction.set(Formats.fraction(gpu.memoryUsedMiB(), gpu.memoryTotalMiB()));
        powerText.set(Formats.watts(gpu.powerDrawW()) + " of " + Formats.watts(limit(gpu))
                + (gpu.defaultPowerLimitW() != null && limit(gpu) != null && limit(gpu) < gpu.defaultPowerLimitW() - 0.5
                        ? " (eco; default " + Formats.watts(gpu.defaultPowerLimitW()) + ")" : ""));
        powerFraction.set(Formats.fraction(gpu.powerDrawW(), limit(gpu)));
        fanText.set(Formats.percent(gpu.fanPercent()));
        clockText.set(gpu.smClockMHz() == null ? Formats.NOT_AVAILABLE : gpu.smClockMHz() + " MHz");
        pstateText.set(gpu.pstate() == null ? Formats.NOT_AVAILABLE : gpu.pstate());
        boolean isStale = source != null && source.state() == SourceStatus.State.FAILED;
        stale.set(isStale);
        staleText.set(isStale ? "Stale: " + source.message() : "");
        Lists.replaceIfChanged(processes, gpu.processes().stream()
                .sorted(Comparator.comparing(GpuProcess::usedMemoryMiB, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(p -> new GpuProcessRow(p.pid(), p.name(), Formats.mebibytes(p.usedMemoryMiB()),
                        p.container() == null ? "" : p.container()))
                .toList());
        utilizationHistory.set(cluster.series(SeriesKey.gpu(uuid, GpuMetric.UTIL)).values());
        double total = gpu.memoryTotalMiB() == null ? 0 : gpu.memoryTotalMiB();
        memoryHistory.set(Arrays.stream(cluster.series(SeriesKey.gpu(uuid, GpuMetric.MEMORY)).values())
                .map(mib -> total > 0 ? 100 * mib / total : 0).toArray());
        setUnit(unit);
    }

    void setUnit(TemperatureUnit unit) {
        this.unit = unit;
        if (gpu != null) {
            temperatureText.set(unit.format(gpu.temperatureC()));
        }
    }

    /** The limit the card enforces, or the configured one when the driver does not report enforcement. */
    private static Double limit(Gpu gpu) {
        return gpu.enforcedPowerLimitW() != null ? gpu.enforcedPowerLimitW() : gpu.powerLimitW();
    }

    public ReadOnlyStringProperty viaTextProperty() {
        return viaText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty powerControllableProperty() {
        return powerControllable.getReadOnlyProperty();
    }

    public String key() {
        return node + "/" + uuid;
    }

    public String uuid() {
        return uuid;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty utilizationTextProperty() {
        return utilizationText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty utilizationFractionProperty() {
        return utilizationFraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty temperatureTextProperty() {
        return temperatureText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryTextProperty() {
        return memoryText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty memoryFractionProperty() {
        return memoryFraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty powerTextProperty() {
        return powerText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty powerFractionProperty() {
        return powerFraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fanTextProperty() {
        return fanText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty clockTextProperty() {
        return clockText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pstateTextProperty() {
        return pstateText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty staleTextProperty() {
        return staleText.getReadOnlyProperty();
    }

    public ObservableList<GpuProcessRow> processes() {
        return readOnlyProcesses;
    }

    public ReadOnlyObjectProperty<double[]> utilizationHistoryProperty() {
        return utilizationHistory.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<double[]> memoryHistoryProperty() {
        return memoryHistory.getReadOnlyProperty();
    }
}
