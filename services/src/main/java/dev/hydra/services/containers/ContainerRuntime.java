package dev.hydra.services.containers;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The containers of one node. Blocking calls; {@link #read()} never throws (failures are in the report's status).
 * No Docker type crosses this interface.
 */
public interface ContainerRuntime extends AutoCloseable {

    String SOURCE = "docker";

    ContainerReport read();

    void restart(String containerId) throws IOException;

    void stop(String containerId) throws IOException;

    void start(String containerId) throws IOException;

    /**
     * Streams the last {@code tail} lines of the log, then new lines as they come when {@code follow}. Close the
     * result to stop. Lines arrive on a background thread.
     */
    AutoCloseable logs(String containerId, int tail, boolean follow, Consumer<LogLine> lines) throws IOException;

    @Override
    void close();
}
