package dev.hydra.ui.cluster;

import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.cluster.SeriesKey;
import dev.hydra.services.cluster.SeriesKey.NodeMetric;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.host.DiskUsage;
import dev.hydra.services.host.HostMetrics;
import dev.hydra.services.actions.ClusterAction;
import dev.hydra.ui.common.ActionPrompts;
import dev.hydra.ui.common.Formats;
import dev.hydra.ui.common.Lists;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One node card of the Cluster view: host vital signs, their recent history, and what went wrong reading them. */
public final class NodeCardViewModel {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final String name;
    private final Duration refreshInterval;
    private final ZoneId zone;
    private Instant observedAt;
    private boolean reachable = true;

    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    private final ReadOnlyObjectWrapper<NodeState> state = new ReadOnlyObjectWrapper<>(this, "state", NodeState.STALE);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "waiting for the first reading");
    private final ReadOnlyStringWrapper cpuText = new ReadOnlyStringWrapper(this, "cpuText", Formats.NOT_AVAILABLE);
    private final ReadOnlyDoubleWrapper cpuFraction = new ReadOnlyDoubleWrapper(this, "cpuFraction");
    private final ObservableList<Double> coreFractions = FXCollections.observableArrayList();
    private final ObservableList<Double> readOnlyCoreFractions = FXCollections.unmodifiableObservableList(coreFractions);
    private final ReadOnlyStringWrapper memoryText = new ReadOnlyStringWrapper(this, "memoryText", Formats.NOT_AVAILABLE);
    private final ReadOnlyDoubleWrapper memoryFraction = new ReadOnlyDoubleWrapper(this, "memoryFraction");
    private final ReadOnlyStringWrapper swapText = new ReadOnlyStringWrapper(this, "swapText", Formats.NOT_AVAILABLE);
    private final ReadOnlyDoubleWrapper swapFraction = new ReadOnlyDoubleWrapper(this, "swapFraction");
    private final ReadOnlyStringWrapper loadText = new ReadOnlyStringWrapper(this, "loadText", Formats.NOT_AVAILABLE);
    private final ReadOnlyStringWrapper uptimeText = new ReadOnlyStringWrapper(this, "uptimeText", Formats.NOT_AVAILABLE);
    private final ReadOnlyStringWrapper networkText = new ReadOnlyStringWrapper(this, "networkText", Formats.NOT_AVAILABLE);
    private final ReadOnlyStringWrapper gpuSummary = new ReadOnlyStringWrapper(this, "gpuSummary", "");
    private final ObservableList<DiskRow> disks = FXCollections.observableArrayList();
    private final ObservableList<DiskRow> readOnlyDisks = FXCollections.unmodifiableObservableList(disks);
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyProblems = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyObjectWrapper<double[]> cpuHistory = new ReadOnlyObjectWrapper<>(this, "cpuHistory", new double[0]);
    private final ReadOnlyObjectWrapper<double[]> memoryHistory = new ReadOnlyObjectWrapper<>(this, "memoryHistory", new double[0]);
    private final ReadOnlyObjectWrapper<double[]> networkHistory = new ReadOnlyObjectWrapper<>(this, "networkHistory", new double[0]);

    private final ActionPrompts prompts;
    private final ReadOnlyStringWrapper viaText = new ReadOnlyStringWrapper(this, "viaText", "");
    private final ReadOnlyStringWrapper pendingHostKey = new ReadOnlyStringWrapper(this, "pendingHostKey");
    private final ReadOnlyStringWrapper containerSummary = new ReadOnlyStringWrapper(this, "containerSummary", "");

    public NodeCardViewModel(String name, Duration refreshInterval, ZoneId zone, ActionPrompts prompts) {
        this.name = name;
        this.refreshInterval = refreshInterval;
        this.zone = zone;
        this.prompts = prompts;
    }

    /** Accepts the node's SSH host key whose fingerprint the card shows (audited like any action). */
    public void trustHostKey() {
        if (pendingHostKey.get() != null) {
            prompts.request(new ClusterAction.TrustHostKey(name, pendingHostKey.get()));
        }
    }

    void update(NodeSnapshot node, ClusterSnapshot cluster, Instant now) {
        observedAt = node.observedAt();
        reachable = node.reachable();
        HostMetrics host = node.host();
        if (host != null) {
            description.set(java.util.stream.Stream.of(host.os(), host.cpuModel(),
                    host.logicalCores() == null ? null : host.logicalCores() + " cores")
                    .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.joining(" · ")));
            cpuText.set(Formats.percent(host.cpuPercent()));
            cpuFraction.set(Formats.fraction(host.cpuPercent(), 100));
            coreFractions.setAll(host.perCorePercent().stream().map(p -> Formats.fraction(p, 100)).toList());
            memoryText.set(Formats.bytes(host.memoryUsedBytes()) + " of " + Formats.bytes(host.memoryTotalBytes()));
            memoryFraction.set(Formats.fraction(host.memoryUsedBytes(), host.memoryTotalBytes()));
            swapText.set(host.swapTotalBytes() == null || host.swapTotalBytes() == 0 ? "none"
                    : Formats.bytes(host.swapUsedBytes()) + " of " + Formats.bytes(host.swapTotalBytes()));
            swapFraction.set(Formats.fraction(host.swapUsedBytes(), host.swapTotalBytes()));
            loadText.set(Formats.decimal(host.load1(), 2) + " · " + Formats.decimal(host.load5(), 2) + " · "
                    + Formats.decimal(host.load15(), 2));
            uptimeText.set(host.uptimeSeconds() == null ? Formats.NOT_AVAILABLE
                    : Formats.duration(Duration.ofSeconds(host.uptimeSeconds())));
            networkText.set("↓ " + Formats.rate(host.networkRxBytesPerSecond()) + "   ↑ "
                    + Formats.rate(host.networkTxBytesPerSecond()));
            Lists.replaceIfChanged(disks, host.disks().stream().map(NodeCardViewModel::diskRow).toList());
        }
        gpuSummary.set(gpuSummary(node));
        viaText.set(via(node));
        pendingHostKey.set(node.pendingHostKey());
        long running = node.containers().stream().filter(c -> c.running()).count();
        long unhealthy = node.containers().stream()
                .filter(c -> c.health() == dev.hydra.services.containers.Container.Health.UNHEALTHY).count();
        int alertCount = cluster.alertsFor(node).size();
        containerSummary.set((node.containers().isEmpty() ? "" : node.containers().size() + " containers · " + running
                + " running" + (unhealthy > 0 ? " · " + unhealthy + " unhealthy" : ""))
                + (alertCount == 0 ? "" : (node.containers().isEmpty() ? "" : " · ") + alertCount
                        + (alertCount == 1 ? " alert" : " alerts")));
        Lists.replaceIfChanged(problems, node.sources().stream().filter(s -> !s.isHealthy()).map(NodeCardViewModel::problem).toList());
        cpuHistory.set(cluster.series(SeriesKey.node(name, NodeMetric.CPU)).values());
        memoryHistory.set(cluster.series(SeriesKey.node(name, NodeMetric.MEMORY)).values());
        networkHistory.set(cluster.series(SeriesKey.node(name, NodeMetric.NET_RX)).values());
        tick(now);
    }

    /** Refreshes how old the figures are; called every second even when no new reading arrives. */
    void tick(Instant now) {
        if (!reachable) {
            state.set(NodeState.DOWN);
            stateText.set(observedAt == null ? "unreachable" : "unreachable · last reading " + clockTime(observedAt));
        } else if (observedAt == null) {
            state.set(NodeState.STALE);
            stateText.set("waiting for the first reading");
        } else if (Duration.between(observedAt, now).compareTo(refreshInterval.multipliedBy(2)) > 0) {
            state.set(NodeState.STALE);
            stateText.set("stale · last reading " + clockTime(observedAt) + " ("
                    + Formats.duration(Duration.between(observedAt, now)) + " ago)");
        } else {
            state.set(NodeState.LIVE);
            stateText.set("live · every " + Formats.duration(refreshInterval));
        }
    }

    private String clockTime(Instant at) {
        return CLOCK_TIME.format(at.atZone(zone));
    }

    private static DiskRow diskRow(DiskUsage disk) {
        return new DiskRow(disk.mount(), Formats.bytes(disk.usedBytes()) + " used · "
                + Formats.bytes(disk.availableBytes()) + " free", Formats.fraction(disk.usedPercent(), 100));
    }

    private static String gpuSummary(NodeSnapshot node) {
        List<Gpu> gpus = node.gpus();
        if (gpus.isEmpty()) {
            return node.gpuSource().map(SourceStatus::message).map(m -> "No GPUs: " + m).orElse("No GPUs");
        }
        String names = gpus.stream().map(Gpu::name).distinct().reduce((a, b) -> a + ", " + b).orElse("");
        return gpus.size() + (gpus.size() == 1 ? " GPU · " : " GPUs · ") + names;
    }

    private static String via(NodeSnapshot node) {
        if (node.hostVia() == null && node.gpusVia() == null) {
            return "";
        }
        return "Host figures via " + (node.hostVia() == null ? "nothing yet" : node.hostVia())
                + (node.gpusVia() == null ? "" : " · GPUs via " + node.gpusVia());
    }

    private static String problem(SourceStatus status) {
        return status.source() + ": " + status.message();
    }

    public String name() {
        return name;
    }

    public ReadOnlyStringProperty viaTextProperty() {
        return viaText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pendingHostKeyProperty() {
        return pendingHostKey.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty containerSummaryProperty() {
        return containerSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NodeState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cpuTextProperty() {
        return cpuText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty cpuFractionProperty() {
        return cpuFraction.getReadOnlyProperty();
    }

    public ObservableList<Double> coreFractions() {
        return readOnlyCoreFractions;
    }

    public ReadOnlyStringProperty memoryTextProperty() {
        return memoryText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty memoryFractionProperty() {
        return memoryFraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty swapTextProperty() {
        return swapText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty swapFractionProperty() {
        return swapFraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadTextProperty() {
        return loadText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty uptimeTextProperty() {
        return uptimeText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty networkTextProperty() {
        return networkText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gpuSummaryProperty() {
        return gpuSummary.getReadOnlyProperty();
    }

    public ObservableList<DiskRow> disks() {
        return readOnlyDisks;
    }

    public ObservableList<String> problems() {
        return readOnlyProblems;
    }

    public ReadOnlyObjectProperty<double[]> cpuHistoryProperty() {
        return cpuHistory.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<double[]> memoryHistoryProperty() {
        return memoryHistory.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<double[]> networkHistoryProperty() {
        return networkHistory.getReadOnlyProperty();
    }
}
