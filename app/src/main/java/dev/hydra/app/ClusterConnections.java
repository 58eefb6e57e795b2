package dev.hydra.app;

import dev.hydra.services.actions.ActionTargets;
import dev.hydra.services.actions.GpuPowerControl;
import dev.hydra.services.alerts.AlertSource;
import dev.hydra.services.alerts.AlertmanagerClient;
import dev.hydra.services.cluster.HistoryBackfill;
import dev.hydra.services.cluster.NodeCollector;
import dev.hydra.services.cluster.PrometheusHistory;
import dev.hydra.services.cluster.RemoteNodeCollector;
import dev.hydra.services.cluster.RemoteNodeSources;
import dev.hydra.services.config.HydraConfig;
import dev.hydra.services.config.NodeConfig;
import dev.hydra.services.containers.ContainerLogSource;
import dev.hydra.services.containers.ContainerRuntime;
import dev.hydra.services.containers.DockerContainerRuntime;
import dev.hydra.services.containers.LogLine;
import dev.hydra.services.health.HttpHealthChecker;
import dev.hydra.services.prometheus.NodeMatcher;
import dev.hydra.services.prometheus.PrometheusClient;
import dev.hydra.services.prometheus.PrometheusTelemetry;
import dev.hydra.services.transport.http.HttpClients;
import dev.hydra.services.transport.ssh.HostKeyStore;
import dev.hydra.services.transport.ssh.SocketForward;
import dev.hydra.services.transport.ssh.SshAgent;
import dev.hydra.services.transport.ssh.SshCommandRunner;
import dev.hydra.services.transport.ssh.SshConnection;
import dev.hydra.services.transport.ssh.SshTarget;
import dev.hydra.services.transport.ssh.UnverifiedHostKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything hydra.yaml says about the cluster, turned into live connections: one SSH connection and one Docker
 * client per node, the shared Prometheus reader, Alertmanager and the service checks. Also the targets of actions.
 */
public final class ClusterConnections implements ActionTargets, ContainerLogSource, AutoCloseable {

    /** Docker API version asked first; older daemons answer with theirs and are asked again with it. */
    static final String PREFERRED_DOCKER_API = "1.44";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConnections.class);

    private final HydraConfig config;
    private final Clock clock;
    private final HostKeyStore hostKeys;
    private final SshAgent sshAgent;
    private final Map<String, NodeConfig> nodes = new LinkedHashMap<>();
    private final Map<String, SshConnection> ssh = new LinkedHashMap<>();
    private final Map<String, ContainerRuntime> docker = new LinkedHashMap<>();
    private final List<SocketForward> forwards = new ArrayList<>();
    private final PrometheusTelemetry prometheus;
    private final AlertSource alerts;
    private final HttpHealthChecker healthChecker;

    ClusterConnections(HydraConfig config, AppPaths paths, Map<String, String> environment, Clock clock,
            Runnable onContainerChange) {
        this.config = config;
        this.clock = clock;
        Path home = Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")));
        this.hostKeys = new HostKeyStore(home.resolve(".ssh/known_hosts"), paths.dataDir().resolve("ssh/known_hosts"));
        this.sshAgent = SshAgent.fromEnvironment(environment);
        this.prometheus = config.prometheus() == null ? null : new PrometheusTelemetry(new PrometheusClient(
                HttpClients.withTimeouts(config.prometheus().timeout(), config.prometheus().timeout()),
                config.prometheus().url()), clock, config.refreshInterval().dividedBy(2));
        this.alerts = config.alertmanager() == null ? null : new AlertmanagerClient(HttpClients.withTimeouts(
                config.alertmanager().timeout(), config.alertmanager().timeout()), config.alertmanager().url(), clock);
        this.healthChecker = new HttpHealthChecker(HttpClients.shared(), config.services(), clock);
        for (NodeConfig node : config.nodes()) {
            nodes.put(node.name(), node);
            if (node.ssh() != null) {
                List<Path> keys = node.ssh().identityFile() != null
                        ? List.of(Path.of(node.ssh().identityFile().replaceFirst("^~", home.toString())))
                        : SshTarget.defaultIdentityFiles(home);
                String user = node.ssh().user() != null ? node.ssh().user() : System.getProperty("user.name");
                ssh.put(node.name(), new SshConnection(new SshTarget(node.host(), node.ssh().port(), user, keys,
                        node.timeout()), hostKeys, sshAgent));
            }
            String dockerHost = dockerHost(node);
            if (dockerHost != null) {
                docker.put(node.name(), new DockerContainerRuntime(node.name(), dockerHost, PREFERRED_DOCKER_API,
                        node.timeout(), Duration.ofSeconds(5), clock, onContainerChange));
            }
        }
    }

    private String dockerHost(NodeConfig node) {
        if (node.docker() == null) {
            return null;
        }
        String socket = node.dockerSocketOverSsh();
        if (socket == null) {
            return node.docker();
        }
        try {
            SocketForward forward = ssh.get(node.name()).forwardUnixSocket(socket);
            forwards.add(forward);
            return "tcp://127.0.0.1:" + forward.localPort();
        } catch (IOException e) {
            LOG.error("Cannot open a local port to forward {}'s Docker socket", node.name(), e);
            return "tcp://127.0.0.1:1";
        }
    }

    /** One collector per configured node. */
    public List<NodeCollector> collectors(Duration refreshInterval) {
        List<NodeCollector> collectors = new ArrayList<>();
        for (NodeConfig node : nodes.values()) {
            SshConnection connection = ssh.get(node.name());
            collectors.add(new RemoteNodeCollector(new RemoteNodeSources(node.name(), node.host(), prometheus,
                    matcher(node), connection == null ? null : new SshCommandRunner(connection),
                    connection == null ? null : () -> pendingHostKey(node).map(UnverifiedHostKey::fingerprint)
                            .orElse(null),
                    docker.get(node.name()), node.nvidiaSmi() == null ? "nvidia-smi" : node.nvidiaSmi(),
                    node.timeout()), refreshInterval, clock));
        }
        return collectors;
    }

    public AlertSource alerts() {
        return alerts;
    }

    public HttpHealthChecker healthChecker() {
        return healthChecker;
    }

    /** Prometheus's last 15 minutes for the configured nodes, or null without Prometheus. */
    public HistoryBackfill history() {
        if (prometheus == null) {
            return null;
        }
        Duration step = config.refreshInterval().compareTo(Duration.ofSeconds(15)) > 0 ? config.refreshInterval()
                : Duration.ofSeconds(15);
        return new PrometheusHistory(prometheus.client(), nodes.values().stream().map(ClusterConnections::matcher)
                .toList(), step, clock);
    }

    public PrometheusTelemetry prometheus() {
        return prometheus;
    }

    public HostKeyStore hostKeys() {
        return hostKeys;
    }

    /** The user's ssh-agent (SSH_AUTH_SOCK of the environment the app started with), shared by every node. */
    public SshAgent sshAgent() {
        return sshAgent;
    }

    /** Whether any node is reached over SSH. */
    public boolean usesSsh() {
        return !ssh.isEmpty();
    }

    /** The SSH connection of a node, if it has one. */
    public Optional<SshConnection> ssh(String node) {
        return Optional.ofNullable(ssh.get(node));
    }

    public Optional<NodeConfig> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    public List<NodeConfig> nodes() {
        return List.copyOf(nodes.values());
    }

    public Optional<UnverifiedHostKey> pendingHostKey(NodeConfig node) {
        return node.ssh() == null ? Optional.empty() : hostKeys.pending(node.host(), node.ssh().port());
    }

    @Override
    public Optional<ContainerRuntime> containers(String node) {
        return Optional.ofNullable(docker.get(node));
    }

    @Override
    public AutoCloseable follow(String node, String containerId, int tail, java.util.function.Consumer<LogLine> lines)
            throws IOException {
        ContainerRuntime runtime = docker.get(node);
        if (runtime == null) {
            throw new IOException("node " + node + " has no Docker configured");
        }
        return runtime.logs(containerId, tail, true, lines);
    }

    @Override
    public Optional<GpuPowerControl> gpuPower(String node) {
        NodeConfig config = nodes.get(node);
        SshConnection connection = ssh.get(node);
        if (config == null || connection == null) {
            return Optional.empty();
        }
        return Optional.of(new GpuPowerControl(new SshCommandRunner(connection),
                config.nvidiaSmi() == null ? "nvidia-smi" : config.nvidiaSmi(), config.ssh().sudo(), config.timeout()));
    }

    @Override
    public Optional<AlertSource> alertSource() {
        return Optional.ofNullable(alerts);
    }

    @Override
    public void trustHostKey(String node, String fingerprint) throws IOException {
        NodeConfig config = nodes.get(node);
        if (config == null || config.ssh() == null) {
            throw new IOException("node " + node + " has no SSH configured");
        }
        hostKeys.trust(config.host(), config.ssh().port(), fingerprint);
    }

    static NodeMatcher matcher(NodeConfig node) {
        return new NodeMatcher(node.name(), node.host(), node.prometheusInstance());
    }

    @Override
    public void close() {
        docker.values().forEach(ContainerRuntime::close);
        for (SocketForward forward : forwards) {
            try {
                forward.close();
            } catch (IOException e) {
                LOG.debug("closing a forward failed", e);
            }
        }
        ssh.values().forEach(SshConnection::close);
    }
}
