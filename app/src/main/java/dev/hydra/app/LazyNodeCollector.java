package dev.hydra.app;

import dev.hydra.services.cluster.NodeCollector;
import dev.hydra.services.cluster.NodeSnapshot;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A node collector built on first use. This machine's collector starts OSHI, which reads /proc and loads native
 * libraries (about 45 ms); built lazily, that happens on the telemetry thread, not before the window's first
 * frame.
 */
final class LazyNodeCollector implements NodeCollector {

    private final Supplier<NodeCollector> factory;
    private NodeCollector collector;

    LazyNodeCollector(Supplier<NodeCollector> factory) {
        this.factory = factory;
    }

    @Override
    public String nodeName() {
        return collector().nodeName();
    }

    @Override
    public NodeSnapshot collect(Duration budget) {
        return collector().collect(budget);
    }

    private synchronized NodeCollector collector() {
        if (collector == null) {
            collector = factory.get();
        }
        return collector;
    }
}
