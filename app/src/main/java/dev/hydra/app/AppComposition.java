package dev.hydra.app;

import dev.hydra.services.cluster.LocalNodeCollector;
import dev.hydra.services.cluster.NodeCollector;
import dev.hydra.services.cluster.TelemetryService;
import dev.hydra.services.config.ConfigLoader;
import dev.hydra.services.config.HydraConfig;
import dev.hydra.services.config.LoadedConfig;
import dev.hydra.services.config.LocalNodeConfig;
import dev.hydra.services.gpu.LocalNvidiaSmi;
import dev.hydra.services.host.OshiHostMetricsSource;
import dev.hydra.services.store.Database;
import dev.hydra.services.store.DatabaseException;
import dev.hydra.services.transport.process.ExecutableLocator;
import dev.hydra.services.transport.process.LocalCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The composition root: builds every long-lived object from the paths and hydra.yaml, by hand, with constructor
 * injection. The desktop, the command line and (later) {@code hydra serve} all start here.
 */
public final class AppComposition implements AutoCloseable {

    /** The first reading takes a baseline for rates (CPU, network) and waits this long. */
    static final Duration FIRST_SAMPLE_WINDOW = Duration.ofMillis(500);

    private final AppPaths paths;
    private final LoadedConfig loadedConfig;
    private final Clock clock;
    private final Map<String, String> environment;
    private Database database;
    private TelemetryService telemetry;
    private boolean closed;

    /** @param environment the process environment: PATH for programs, HYDRA_DB_PASSWORD for PostgreSQL */
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
            telemetry = new TelemetryService(collectors(), config().refreshInterval(), clock);
        }
        return telemetry;
    }

    public List<NodeCollector> collectors() {
        List<NodeCollector> collectors = new ArrayList<>();
        LocalNodeConfig local = config().localNode();
        if (local.enabled()) {
            collectors.add(new LazyNodeCollector(() -> {
                OshiHostMetricsSource host = new OshiHostMetricsSource(FIRST_SAMPLE_WINDOW);
                String name = local.name() != null ? local.name() : host.hostName();
                return new LocalNodeCollector(name, host, localGpus(), clock);
            }));
        }
        return collectors;
    }

    public LocalNvidiaSmi localGpus() {
        LocalNodeConfig local = config().localNode();
        return new LocalNvidiaSmi(local.nvidiaSmi(), ExecutableLocator.fromEnvironment(environment), new LocalCommandRunner(),
                local.commandTimeout(), clock);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (telemetry != null) {
            telemetry.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
