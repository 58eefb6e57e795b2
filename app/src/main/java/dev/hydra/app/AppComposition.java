package dev.hydra.app;

import dev.hydra.services.actions.ActionService;
import dev.hydra.services.chat.LettaClient;
import dev.hydra.services.chat.LettaEndpoint;
import dev.hydra.services.chat.LettaToken;
import dev.hydra.services.chat.OsKeyring;
import dev.hydra.services.cluster.LocalNodeCollector;
import dev.hydra.services.cluster.NodeCollector;
import dev.hydra.services.cluster.TelemetryService;
import dev.hydra.services.comfy.ComfyException;
import dev.hydra.services.comfy.ComfyUiClient;
import dev.hydra.services.config.ConfigLoader;
import dev.hydra.services.config.HydraConfig;
import dev.hydra.services.config.LettaConfig;
import dev.hydra.services.config.LoadedConfig;
import dev.hydra.services.config.LocalNodeConfig;
import dev.hydra.services.gpu.LocalNvidiaSmi;
import dev.hydra.services.host.OshiHostMetricsSource;
import dev.hydra.services.learning.ComfyChoices;
import dev.hydra.services.learning.Comparisons;
import dev.hydra.services.learning.PreferenceLearning;
import dev.hydra.services.learning.Regenerator;
import dev.hydra.services.llm.ChatCompletionsClient;
import dev.hydra.services.metadata.MetadataReader;
import dev.hydra.services.queue.JobHandler;
import dev.hydra.services.queue.JobService;
import dev.hydra.services.queue.QueueMetrics;
import dev.hydra.services.queue.handlers.AssetSink;
import dev.hydra.services.queue.handlers.ImageGenerationHandler;
import dev.hydra.services.queue.handlers.LettaMessageHandler;
import dev.hydra.services.queue.handlers.LettaMessenger;
import dev.hydra.services.queue.handlers.LlmTaskHandler;
import dev.hydra.services.queue.handlers.MaintenanceHandler;
import dev.hydra.services.queue.handlers.NodeCommandRunners;
import dev.hydra.services.queue.handlers.WebhookHandler;
import dev.hydra.services.review.AssetAnalyzer;
import dev.hydra.services.review.AssetLibrary;
import dev.hydra.services.review.AssetOrigin;
import dev.hydra.services.review.Classifier;
import dev.hydra.services.review.ComfyHistorySource;
import dev.hydra.services.review.DatabaseAssetLibrary;
import dev.hydra.services.review.IndexOutcome;
import dev.hydra.services.review.QualityChecks;
import dev.hydra.services.review.QualityFlag;
import dev.hydra.services.review.ThumbnailCache;
import dev.hydra.services.store.AuditLog;
import dev.hydra.services.store.Database;
import dev.hydra.services.store.DatabaseException;
import dev.hydra.services.transport.http.HttpClients;
import dev.hydra.services.transport.process.ExecutableLocator;
import dev.hydra.services.transport.process.LocalCommandRunner;
import dev.hydra.services.transport.ssh.SshCommandRunner;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every long-lived object from the paths and hydra.yaml, by hand, with constructor
 * injection. The desktop, the command line and (later) {@code hydra serve} all start here.
 */
public final class AppComposition implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppComposition.class);

    /** The first reading takes a baseline for rates (CPU, network) and waits this long. */
    static final Duration FIRST_SAMPLE_WINDOW = Duration.ofMillis(500);

    private final AppPaths paths;
    private final LoadedConfig loadedConfig;
    private final Clock clock;
    private final Map<String, String> environment;
    private final PrometheusRegistry metrics = new PrometheusRegistry();
    private Database database;
    private TelemetryService telemetry;
    private LettaToken lettaToken;
    private ClusterConnections cluster;
    private ActionService actions;
    private JobService jobs;
    private String role = "cli";
    private DatabaseAssetLibrary assets;
    private ThumbnailCache thumbnails;
    private String localNodeName;
    private boolean closed;
    private PreferenceLearning learning;
    private final List<Consumer<IndexOutcome>> producedListeners = new CopyOnWriteArrayList<>();

    /**
     * @param environment the process environment: PATH for programs, HOME and SSH_AUTH_SOCK (the ssh-agent) for SSH,
     *                    HYDRA_DB_PASSWORD for PostgreSQL, LETTA_API_KEY for chat
     */
    public AppComposition(AppPaths paths, Clock clock, Map<String, String> environment) {
        this.paths = paths;
        this.clock = clock;
        this.environment = Map.copyOf(environment);
        this.loadedConfig = ConfigLoader.load(paths.configFile());
    }

    public AppPaths paths() {
        return paths;
    }

    public LoadedConfig loadedConfig() {
        return loadedConfig;
    }

    public HydraConfig config() {
        return loadedConfig.config();
    }

    public Clock clock() {
        return clock;
    }

    /** The process environment this composition was built with (PATH, HYDRA_* variables). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Opens (and migrates) the configured database: the embedded H2 file unless hydra.yaml names PostgreSQL. */
    public synchronized Database database() throws DatabaseException {
        if (closed) {
            throw new DatabaseException("The application is shutting down; the database is closed", null);
        }
        if (database == null) {
            if (config().database() == null) {
                try {
                    Files.createDirectories(paths.databaseDir());
                } catch (IOException e) {
                    throw new DatabaseException("Cannot create the data directory " + paths.databaseDir() + ": "
                            + e.getMessage(), e);
                }
                database = Database.openEmbedded(paths.databaseDir());
            } else {
                String password = environment.getOrDefault("HYDRA_DB_PASSWORD", "");
                database = Database.openPostgres(config().database(), password);
            }
        }
        return database;
    }

    public synchronized TelemetryService telemetry() {
        if (telemetry == null) {
            ClusterConnections connections = cluster();
            telemetry = new TelemetryService(collectors(), connections.alerts(), connections.healthChecker(),
                    connections.history(), config().refreshInterval(), clock);
        }
        return telemetry;
    }

    /** The asset library (review) in the configured database. */
    public synchronized DatabaseAssetLibrary assets() throws DatabaseException {
        if (assets == null) {
            var review = config().review();
            assets = new DatabaseAssetLibrary(database().jdbi(), clock, new MetadataReader(),
                    new Classifier(review.characters(), review.scenes()));
        }
        return assets;
    }

    /** Preference learning over the library's decisions and the comparisons (learning in hydra.yaml). */
    public synchronized PreferenceLearning learning() throws DatabaseException {
        if (learning == null) {
            learning = new PreferenceLearning(assets(), new Comparisons(database().jdbi(), clock), config().learning());
        }
        return learning;
    }

    /** Re-generations through the queue: the image's own graph, a new seed, and the learned settings when asked. */
    public Regenerator regenerator() throws DatabaseException {
        return new Regenerator(assets(), learning(), jobs(), comfyChoices(), RandomGenerator.getDefault());
    }

    /** What comfyui.url lists for a combo input (its /object_info); nothing without a ComfyUI server. */
    ComfyChoices comfyChoices() {
        if (config().comfyui() == null) {
            return ComfyChoices.NONE;
        }
        ComfyUiClient client = new ComfyUiClient(config().comfyui().url(), HttpClients.shared());
        return (nodeClass, input) -> {
            try {
                return client.comboOptions(nodeClass, input);
            } catch (ComfyException e) {
                throw new ComfyChoices.ChoicesUnavailable(e.getMessage());
            }
        };
    }

    /** The history of comfyui.url, for importing its images into the library; empty without a ComfyUI server. */
    public Optional<ComfyHistorySource> comfyHistory() {
        return Optional.ofNullable(config().comfyui())
                .map(comfy -> new ComfyUiHistory(new ComfyUiClient(comfy.url(), HttpClients.shared())));
    }

    /** Thumbnails by content hash under the data directory; two decode at a time. */
    public synchronized ThumbnailCache thumbnails() {
        if (thumbnails == null) {
            thumbnails = new ThumbnailCache(paths.dataDir().resolve("thumbnails"), 2);
        }
        return thumbnails;
    }

    /** The background quality checks with the configured thresholds and auto-reject rules. */
    public AssetAnalyzer analyzer(java.util.function.LongConsumer analysed) throws DatabaseException {
        var review = config().review();
        return new AssetAnalyzer(assets(), new QualityChecks(review.quality()),
                review.autoReject().stream().map(QualityFlag::fromKey).collect(java.util.stream.Collectors.toSet()),
                thumbnails(), analysed);
    }

    /** The connections to the configured cluster: SSH, Docker, Prometheus, Alertmanager (opened lazily). */
    public synchronized ClusterConnections cluster() {
        if (cluster == null) {
            cluster = new ClusterConnections(config(), paths, environment, clock, () -> {
                TelemetryService current = telemetry;
                if (current != null) {
                    current.refreshNow();
                }
            });
        }
        return cluster;
    }

    /**
     * Actions on the cluster, audited in the database.
     *
     * @throws DatabaseException when the database (and so the audit log) is unavailable: no action without audit
     */
    public synchronized ActionService actions() throws DatabaseException {
        if (actions == null) {
            actions = new ActionService(cluster(), new AuditLog(database().jdbi(), clock), config().actions(), clock);
        }
        return actions;
    }

    /** Who acts, as the audit log records it: "user@host". */
    public String actor() {
        return System.getProperty("user.name", "user") + "@" + localNodeName();
    }

    /** Names this process in the queue: "desktop", "serve" or "cli" (the default). Call before {@link #jobs()}. */
    public synchronized void role(String newRole) {
        this.role = newRole;
    }

    /** The Prometheus registry /metrics serves. */
    public PrometheusRegistry metrics() {
        return metrics;
    }

    /**
     * The queue on the configured database. Not started: the command line only queues and reads; the desktop and
     * {@code hydra serve} call {@link JobService#start()} to run jobs.
     */
    public synchronized JobService jobs() throws DatabaseException {
        if (jobs == null) {
            Database db = database();
            jobs = new JobService(db.dataSource(), db.jdbi(), config().queue(), jobHandlers(db), telemetry(), clock,
                    instanceName(), new QueueMetrics(metrics));
        }
        return jobs;
    }

    private List<JobHandler> jobHandlers(Database db) throws DatabaseException {
        ComfyUiClient comfy = config().comfyui() == null ? null
                : new ComfyUiClient(config().comfyui().url(), HttpClients.shared());
        ChatCompletionsClient llm = config().llm() == null ? null
                : new ChatCompletionsClient(config().llm().url(),
                        HttpClients.withTimeouts(config().llm().timeout(), Duration.ZERO),
                        environment.get("HYDRA_LLM_API_KEY"));
        return List.of(
                new WebhookHandler(HttpClients.shared(), environment),
                new LlmTaskHandler(llm, config().queue(), config().llm() == null ? null : config().llm().model()),
                new ImageGenerationHandler(comfy, assetDir(), assetSink(),
                        config().comfyui() == null ? Duration.ofMinutes(30) : config().comfyui().timeout(),
                        Duration.ofSeconds(2), RandomGenerator.getDefault()),
                new MaintenanceHandler(config().queue().maintenanceCommands(), nodeCommandRunners(),
                        new AuditLog(db.jdbi(), clock)),
                new LettaMessageHandler(lettaMessenger()));
    }

    /** Where generated files go: queue.assetDir, or the data directory's assets folder. */
    public Path assetDir() {
        String configured = config().queue().assetDir();
        return configured == null ? paths.dataDir().resolve("assets") : Path.of(configured);
    }

    /** Maintenance commands run on this machine directly, and on the cluster's nodes over their SSH connection. */
    NodeCommandRunners nodeCommandRunners() {
        String local = localNodeName();
        return node -> node.equals(local) ? Optional.of(new LocalCommandRunner())
                : cluster().ssh(node).map(SshCommandRunner::new);
    }

    /** letta_message jobs talk to letta.url; without it they fail saying so. */
    LettaMessenger lettaMessenger() {
        LettaClient client = lettaClient(null);
        return client == null ? LettaMessenger.NOT_CONFIGURED : new LettaJobMessenger(client);
    }

    /**
     * Images a job produces join the review library (as well as the job's outputs), with the job as their origin
     * and, for a re-generation, the image it re-generates as their parent.
     */
    AssetSink assetSink() throws DatabaseException {
        AssetLibrary library = assets();
        return asset -> {
            Long parent = asset.parentAssetId();
            if (parent != null && library.get(parent).isEmpty()) {
                LOG.warn("Job {} names asset {} as its parent, which the library does not have; {} is kept without it",
                        asset.jobId(), parent, asset.file());
                parent = null;
            }
            IndexOutcome outcome = library.register(asset.file(), AssetOrigin.job(asset.jobId(), parent));
            producedListeners.forEach(listener -> listener.accept(outcome));
            if (outcome.kind() == IndexOutcome.Kind.FAILED) {
                LOG.warn("Job {} produced {}, which the library could not index: {}", asset.jobId(), asset.file(),
                        outcome.message());
            }
        };
    }

    /** Hears every image a queue job registered in the library (the window's library service announces it). */
    public void onProduced(Consumer<IndexOutcome> listener) {
        producedListeners.add(listener);
    }

    /** Unique among instances sharing the database: role, host and process id (at most 50 characters). */
    public String instanceName() {
        String name = role + "@" + localNodeName() + "/" + ProcessHandle.current().pid();
        return name.length() > 50 ? name.substring(0, 50) : name;
    }

    public List<NodeCollector> collectors() {
        List<NodeCollector> collectors = new ArrayList<>();
        LocalNodeConfig local = config().localNode();
        if (local.enabled()) {
            collectors.add(new LazyNodeCollector(() -> new LocalNodeCollector(localNodeName(),
                    new OshiHostMetricsSource(FIRST_SAMPLE_WINDOW), localGpus(), clock)));
        }
        collectors.addAll(cluster().collectors(config().refreshInterval()));
        return collectors;
    }

    public LocalNvidiaSmi localGpus() {
        LocalNodeConfig local = config().localNode();
        return new LocalNvidiaSmi(local.nvidiaSmi(), ExecutableLocator.fromEnvironment(environment), new LocalCommandRunner(),
                local.commandTimeout(), clock);
    }

    /** The Letta token: LETTA_API_KEY, else the OS keyring (which fails soft on machines without one). */
    public synchronized LettaToken lettaToken() {
        if (lettaToken == null) {
            lettaToken = new LettaToken(environment, new OsKeyring());
        }
        return lettaToken;
    }

    /**
     * A Letta client for {@code url}, or for letta.url when null; the timeouts come from hydra.yaml.
     *
     * @return null when no URL is given and hydra.yaml has no letta section
     */
    public LettaClient lettaClient(String url) {
        LettaConfig letta = config().letta();
        if (url == null && letta == null) {
            return null;
        }
        LettaEndpoint endpoint = letta == null
                ? LettaEndpoint.of(url)
                : new LettaEndpoint(url == null ? letta.url() : url, letta.projectId(), letta.timeout(),
                        letta.streamIdleTimeout());
        return new LettaClient(endpoint, lettaToken());
    }

    /** This machine's node name: localNode.name, else the name the OS gives it (no DNS lookup). */
    public synchronized String localNodeName() {
        if (localNodeName == null) {
            String configured = config().localNode().name();
            localNodeName = configured != null ? configured : OshiHostMetricsSource.localHostName();
        }
        return localNodeName;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (jobs != null) {
            jobs.stop();
        }
        if (telemetry != null) {
            telemetry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (thumbnails != null) {
            thumbnails.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
