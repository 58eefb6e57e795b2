package dev.hydra.services.cluster;

import dev.hydra.services.containers.ContainerRuntime;
import dev.hydra.services.prometheus.NodeMatcher;
import dev.hydra.services.prometheus.PrometheusTelemetry;
import dev.hydra.services.transport.process.CommandRunner;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How one remote node is read; every source but the name and address is optional (null).
 *
 * @param prometheus     the cluster's Prometheus, shared by all nodes
 * @param matcher        how this node's series are recognised in Prometheus
 * @param ssh            commands on the node (nvidia-smi, /proc, cgroups)
 * @param pendingHostKey the fingerprint of this node's SSH host key awaiting acceptance, if any
 * @param docker         the node's Docker Engine
 * @param nvidiaSmi      nvidia-smi on the node ("nvidia-smi" to use the remote PATH)
 * @param timeout        for one reading of one source
 */
public record RemoteNodeSources(String name, String address, PrometheusTelemetry prometheus, NodeMatcher matcher,
        CommandRunner ssh, Supplier<String> pendingHostKey, ContainerRuntime docker, String nvidiaSmi,
        Duration timeout) {
}
