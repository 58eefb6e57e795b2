package dev.hydra.services.config;

import java.time.Duration;

/**
 * A node of the cluster.
 *
 * @param name               its name in views and output
 * @param host               its address (SSH, and how its Prometheus series are recognised)
 * @param ssh                how to reach it over SSH (null: no SSH, so no nvidia-smi, /proc fallback or power limits)
 * @param docker             its Docker Engine: {@code unix:///var/run/docker.sock}, {@code tcp://host:2375}, or
 *                           {@code ssh} (the remote /var/run/docker.sock forwarded through SSH; {@code ssh:///path}
 *                           for another socket); null: no containers
 * @param prometheusInstance the {@code instance} label of its node_exporter when it is neither
 *                           {@code host:port} nor labelled {@code node: <name>}
 * @param nvidiaSmi          path of nvidia-smi on the node (default: nvidia-smi on the remote PATH)
 * @param timeout            how long one reading of one source may take (default 5 s)
 */
public record NodeConfig(String name, String host, SshConfig ssh, String docker, String prometheusInstance,
        String nvidiaSmi, Duration timeout) {

    public NodeConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every entry of nodes needs a name");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("node " + name + " needs a host (its address)");
        }
        if (docker != null && !(docker.startsWith("unix://") || docker.startsWith("tcp://") || docker.equals("ssh")
                || docker.startsWith("ssh://"))) {
            throw new IllegalArgumentException("node " + name + ": docker must be unix:///path, tcp://host:port, ssh "
                    + "or ssh:///path/to/docker.sock, got " + docker);
        }
        if (docker != null && docker.startsWith("ssh") && ssh == null) {
            throw new IllegalArgumentException("node " + name + ": docker: " + docker + " needs an ssh section");
        }
        timeout = Endpoints.positive("node " + name + " timeout", timeout, Duration.ofSeconds(5));
    }

    /** The remote Docker socket to forward through SSH, or null when Docker is reached directly. */
    public String dockerSocketOverSsh() {
        if (docker == null || !docker.startsWith("ssh")) {
            return null;
        }
        return docker.equals("ssh") ? "/var/run/docker.sock" : docker.substring("ssh://".length());
    }
}
