package dev.hydra.services.cluster;

import java.time.Duration;
import java.util.function.Consumer;

/** The live state of the cluster as views see it: the latest snapshot, and each new one as it is published. */
public interface ClusterState {

    ClusterSnapshot latest();

    /** Calls the listener (on a background thread) with every new snapshot; close the result to stop. */
    AutoCloseable subscribe(Consumer<ClusterSnapshot> listener);

    /** Asks for a reading of every node now rather than at the next tick. */
    void refreshNow();

    Duration refreshInterval();
}
