package dev.hydra.services.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The contents of hydra.yaml. Every key is optional; a missing file or key means the embedded default.
 * Secrets never live here: passwords and tokens come from the environment or the OS keyring.
 *
 * @param refreshInterval how often nodes are read (default 2 s, at least 250 ms)
 * @param localNode       this machine as a node
 * @param database        a shared PostgreSQL database instead of the embedded H2 file (null = embedded)
 * @param prometheus      the cluster's Prometheus (null = none)
 * @param alertmanager    the cluster's Alertmanager (null = none)
 * @param nodes           the other nodes of the cluster
 * @param services        HTTP health checks
 * @param actions         protected containers, eco mode, rate limits
 * @param letta           the Letta server for chat (null = chat not set up)
 * @param queue           the embedded scheduler: limits, admission, retries, cron schedules
 * @param comfyui         the ComfyUI server image_generation jobs use (null = none)
 * @param llm             the OpenAI-compatible endpoint llm_task jobs use (null = none)
 * @param serve           {@code hydra serve}: where /healthz and /metrics listen
 * @param review          the asset library and the review screen (folders, characters, reason keys, checks)
 * @param learning        preference learning: evidence threshold, model test, negative prompts, re-generation
 */
public record HydraConfig(Duration refreshInterval, LocalNodeConfig localNode, DatabaseConfig database,
        PrometheusConfig prometheus, AlertmanagerConfig alertmanager, List<NodeConfig> nodes,
        List<ServiceCheckConfig> services, ActionsConfig actions, LettaConfig letta,
        QueueConfig queue, ComfyUiConfig comfyui, LlmConfig llm, ServeConfig serve, ReviewConfig review,
        LearningConfig learning) {

    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(2);
    private static final Duration MIN_REFRESH = Duration.ofMillis(250);

    public HydraConfig {
        refreshInterval = refreshInterval == null ? DEFAULT_REFRESH : refreshInterval;
        if (refreshInterval.compareTo(MIN_REFRESH) < 0) {
            throw new IllegalArgumentException("refreshInterval must be at least 250ms, got "
                    + refreshInterval.toMillis() + "ms");
        }
        localNode = localNode == null ? LocalNodeConfig.DEFAULT : localNode;
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        services = services == null ? List.of() : List.copyOf(services);
        actions = actions == null ? ActionsConfig.DEFAULT : actions;
        queue = queue == null ? QueueConfig.DEFAULT : queue;
        serve = serve == null ? ServeConfig.DEFAULT : serve;
        review = review == null ? ReviewConfig.DEFAULT : review;
        learning = learning == null ? LearningConfig.DEFAULT : learning;
        Set<String> names = new HashSet<>();
        if (localNode.enabled() && localNode.name() != null) {
            names.add(localNode.name());
        }
        for (NodeConfig node : nodes) {
            if (!names.add(node.name())) {
                throw new IllegalArgumentException("node name " + node.name() + " is used twice (node names must be "
                        + "unique, and differ from localNode.name)");
            }
        }
        Set<String> serviceNames = new HashSet<>();
        for (ServiceCheckConfig service : services) {
            if (!serviceNames.add(service.name())) {
                throw new IllegalArgumentException("service name " + service.name() + " is used twice");
            }
        }
    }

    public HydraConfig(Duration refreshInterval, LocalNodeConfig localNode, DatabaseConfig database) {
        this(refreshInterval, localNode, database, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static HydraConfig embeddedDefault() {
        return new HydraConfig(null, null, null);
    }
}
