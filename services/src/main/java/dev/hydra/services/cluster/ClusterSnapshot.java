package dev.hydra.services.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of the whole cluster, published after every collection round.
 *
 * @param history recent values per series key (see {@link SeriesKey})
 */
public record ClusterSnapshot(Instant takenAt, List<NodeSnapshot> nodes, Map<String, TimeSeries> history) {

    public static final ClusterSnapshot EMPTY = new ClusterSnapshot(Instant.EPOCH, List.of(), Map.of());

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
        history = Map.copyOf(history);
    }

    public TimeSeries series(String key) {
        return history.getOrDefault(key, TimeSeries.EMPTY);
    }
}
