package dev.hydra.services.cluster;

import dev.hydra.services.alerts.Alert;
import dev.hydra.services.health.ServiceHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of the whole cluster, published after every collection round.
 *
 * @param history      recent values per series key (see {@link SeriesKey})
 * @param alerts       firing alerts (silenced ones included), newest first
 * @param alertSource  how reading Alertmanager went; null when none is configured
 * @param services     the HTTP health of the configured services
 */
public record ClusterSnapshot(Instant takenAt, List<NodeSnapshot> nodes, Map<String, TimeSeries> history,
        List<Alert> alerts, SourceStatus alertSource, List<ServiceHealth> services) {

    public static final ClusterSnapshot EMPTY = new ClusterSnapshot(Instant.EPOCH, List.of(), Map.of());

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
        history = Map.copyOf(history);
        alerts = List.copyOf(alerts);
        services = List.copyOf(services);
    }

    public ClusterSnapshot(Instant takenAt, List<NodeSnapshot> nodes, Map<String, TimeSeries> history) {
        this(takenAt, nodes, history, List.of(), null, List.of());
    }

    public TimeSeries series(String key) {
        return history.getOrDefault(key, TimeSeries.EMPTY);
    }

    /**
     * The alerts about one node: labelled {@code node}, {@code host}, {@code hostname} or {@code nodename} with its
     * name, or with an {@code instance} on its address.
     */
    public List<Alert> alertsFor(NodeSnapshot node) {
        return alerts.stream().filter(alert -> concerns(alert, node)).toList();
    }

    static boolean concerns(Alert alert, NodeSnapshot node) {
        Map<String, String> labels = alert.labels();
        for (String key : List.of("node", "host", "hostname", "nodename", "Hostname")) {
            if (node.name().equals(labels.get(key))) {
                return true;
            }
        }
        String instance = labels.get("instance");
        if (instance == null || node.address() == null) {
            return false;
        }
        int colon = instance.lastIndexOf(':');
        String host = colon < 0 ? instance : instance.substring(0, colon);
        return host.equals(node.address()) || host.equals(node.name());
    }
}
