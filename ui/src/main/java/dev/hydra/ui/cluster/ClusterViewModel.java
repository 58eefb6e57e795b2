package dev.hydra.ui.cluster;

import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.containers.ContainerLogSource;
import dev.hydra.ui.common.ActionPrompts;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Cluster view: one card per node, updated in place as snapshots arrive. */
public final class ClusterViewModel {

    private final Duration refreshInterval;
    private final Clock clock;
    private final ActionPrompts prompts;
    private final ContainersViewModel containers;
    private final AlertsViewModel alerts;
    private final ContainerLogViewModel logs;
    private final ObservableList<NodeCardViewModel> nodes = FXCollections.observableArrayList();
    /** One read-only view, kept for good: an unmodifiable wrapper holds its source list weakly, so a wrapper made per call loses its listeners when collected. */
    private final ObservableList<NodeCardViewModel> readOnlyNodes = FXCollections.unmodifiableObservableList(nodes);

    public ClusterViewModel(Duration refreshInterval, Clock clock) {
        this(refreshInterval, clock, new ActionPrompts(null, "not configured", "", Runnable::run, Runnable::run),
                name -> false, new ContainerLogViewModel(ContainerLogSource.NONE, Runnable::run, Runnable::run));
    }

    /** @param isProtected whether a container name is in actions.protectedContainers */
    public ClusterViewModel(Duration refreshInterval, Clock clock, ActionPrompts prompts,
            java.util.function.Predicate<String> isProtected, ContainerLogViewModel logs) {
        this.logs = logs;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
        this.prompts = prompts;
        this.containers = new ContainersViewModel(prompts, isProtected);
        this.alerts = new AlertsViewModel(prompts);
    }

    /** Applies a snapshot; call on the UI thread. Cards keep their identity, so the view keeps its nodes. */
    public void apply(ClusterSnapshot snapshot) {
        Map<String, NodeCardViewModel> byName = new LinkedHashMap<>();
        nodes.forEach(card -> byName.put(card.name(), card));
        Map<String, NodeCardViewModel> next = new LinkedHashMap<>();
        for (NodeSnapshot node : snapshot.nodes()) {
            NodeCardViewModel card = byName.getOrDefault(node.name(),
                    new NodeCardViewModel(node.name(), refreshInterval, clock.getZone(), prompts));
            card.update(node, snapshot, clock.instant());
            next.put(node.name(), card);
        }
        if (!nodes.equals(java.util.List.copyOf(next.values()))) {
            nodes.setAll(next.values());
        }
        containers.apply(snapshot, clock.instant());
        alerts.apply(snapshot, clock.instant());
    }

    /** Re-ages every card; the view calls this once a second. */
    public void tick() {
        nodes.forEach(card -> card.tick(clock.instant()));
    }

    public ObservableList<NodeCardViewModel> nodes() {
        return readOnlyNodes;
    }

    public ContainersViewModel containers() {
        return containers;
    }

    public AlertsViewModel alerts() {
        return alerts;
    }

    public ContainerLogViewModel logs() {
        return logs;
    }

    public ActionPrompts prompts() {
        return prompts;
    }
}
