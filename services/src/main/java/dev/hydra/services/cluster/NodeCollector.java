package dev.hydra.services.cluster;

import java.time.Duration;

/**
 * Reads one node from all of its sources. Blocking; never throws: what failed is reported in
 * {@link NodeSnapshot#sources()}.
 */
public interface NodeCollector {

    String nodeName();

    /**
     * Reads the node, returning within about {@code budget}. A source still busy when the budget is spent keeps
     * going in the background and its last known data is reported; its result lands in a later round.
     */
    NodeSnapshot collect(Duration budget);
}
