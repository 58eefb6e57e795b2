package dev.hydra.services.queue.handlers;

import dev.hydra.services.transport.process.CommandRunner;
import java.util.Map;
import java.util.Optional;

/**
 * How to run a command on a node, by the node's name: this machine runs it locally, remote nodes over SSH.
 * The composition root binds it; a node it does not know is refused.
 */
@FunctionalInterface
public interface NodeCommandRunners {

    Optional<CommandRunner> forNode(String node);

    /** A fixed set of nodes, e.g. this machine's name bound to a LocalCommandRunner. */
    static NodeCommandRunners of(Map<String, CommandRunner> runners) {
        Map<String, CommandRunner> copy = Map.copyOf(runners);
        return node -> Optional.ofNullable(copy.get(node));
    }
}
