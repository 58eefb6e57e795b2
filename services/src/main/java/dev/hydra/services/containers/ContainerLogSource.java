package dev.hydra.services.containers;

import java.io.IOException;
import java.util.function.Consumer;

/** The logs of any container of the cluster, by node. */
@FunctionalInterface
public interface ContainerLogSource {

    ContainerLogSource NONE = (node, id, tail, lines) -> {
        throw new IOException("no Docker is configured for node " + node);
    };

    /** Streams the last {@code tail} lines and then new ones (on a background thread) until closed. */
    AutoCloseable follow(String node, String containerId, int tail, Consumer<LogLine> lines) throws IOException;
}
