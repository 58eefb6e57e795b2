package dev.hydra.services.cluster;

import dev.hydra.services.cluster.SeriesKey.GpuMetric;
import dev.hydra.services.cluster.SeriesKey.NodeMetric;
import dev.hydra.services.alerts.AlertReport;
import dev.hydra.services.alerts.AlertSource;
import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.health.HttpHealthChecker;
import dev.hydra.services.health.ServiceHealth;
import dev.hydra.services.host.HostMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every node once per refresh interval and publishes a {@link ClusterSnapshot} whenever a node has been
 * read. One platform thread ticks; each node is read on a virtual thread, never twice at once, so a slow node
 * neither delays the others nor piles up readings. Listeners are called on a background thread and must return
 * quickly (the UI hands the snapshot to its own thread).
 */
public final class TelemetryService implements ClusterState, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryService.class);
    private static final Duration HISTORY_WINDOW = Duration.ofMinutes(15);
    private static final Duration PUBLISH_COALESCING = Duration.ofMillis(50);
    private final java.util.concurrent.atomic.AtomicBoolean publishPending = new java.util.concurrent.atomic.AtomicBoolean();

    private final List<NodeCollector> collectors;
    private final AlertSource alertSource;
    private final HttpHealthChecker healthChecker;
    private final HistoryBackfill backfill;
    private volatile AlertReport alerts;
    private volatile List<ServiceHealth> services = List.of();
    private final Duration interval;
    private final Clock clock;
    private final MetricHistory history = new MetricHistory(HISTORY_WINDOW);
    private final Map<String, NodeSnapshot> latestByNode = new ConcurrentHashMap<>();
    private final Map<String, Instant> gpuRecordedAt = new ConcurrentHashMap<>();
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final List<Consumer<ClusterSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("telemetry-ticker").daemon().factory());
    private volatile ClusterSnapshot latest = ClusterSnapshot.EMPTY;
    private ScheduledFuture<?> schedule;

    public TelemetryService(List<NodeCollector> collectors, Duration interval, Clock clock) {
        this(collectors, null, null, null, interval, clock);
    }

    /**
     * @param alertSource   Alertmanager, or null
     * @param healthChecker the services' HTTP health checks, or null
     * @param backfill      where the last 15 minutes of history come from at start (Prometheus), or null
     */
    public TelemetryService(List<NodeCollector> collectors, AlertSource alertSource, HttpHealthChecker healthChecker,
            HistoryBackfill backfill, Duration interval, Clock clock) {
        this.collectors = List.copyOf(collectors);
        this.alertSource = alertSource;
        this.healthChecker = healthChecker == null || healthChecker.isEmpty() ? null : healthChecker;
        this.backfill = backfill;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public Duration refreshInterval() {
        return interval;
    }

    public synchronized void start() {
        if (schedule == null) {
            if (backfill != null) {
                Thread.ofVirtual().name("history-backfill").start(this::backfill);
            }
            schedule = ticker.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Starts a round now (nodes still being read are left alone). */
    @Override
    public void refreshNow() {
        ticker.execute(this::tick);
    }

    @Override
    public ClusterSnapshot latest() {
        return latest;
    }

    /** Calls the listener with every new snapshot (and once with the latest, if any). */
    @Override
    public AutoCloseable subscribe(Consumer<ClusterSnapshot> listener) {
        listeners.add(listener);
        if (!latest.nodes().isEmpty()) {
            listener.accept(latest);
        }
        return () -> listeners.remove(listener);
    }

    /** One blocking round over all nodes, for the command line: waits up to {@code budget} per node. */
    public ClusterSnapshot collectOnce(Duration budget) throws InterruptedException {
        List<Thread> readers = new ArrayList<>();
        if (alertSource != null) {
            readers.add(Thread.ofVirtual().name("collect-alerts").start(() -> alerts = alertSource.read()));
        }
        if (healthChecker != null) {
            readers.add(Thread.ofVirtual().name("collect-services").start(() -> services = healthChecker.checkAll()));
        }
        for (NodeCollector collector : collectors) {
            readers.add(Thread.ofVirtual().name("collect-" + collector.nodeName()).start(() -> {
                NodeSnapshot snapshot = collector.collect(budget);
                NodeSnapshot previous = latestByNode.put(snapshot.name(), snapshot);
                recordHistory(previous, snapshot);
            }));
        }
        for (Thread reader : readers) {
            reader.join();
        }
        publish();
        return latest;
    }

    private void tick() {
        clusterWide("alerts", () -> alerts = alertSource.read(), alertSource != null);
        clusterWide("services", () -> services = healthChecker.checkAll(), healthChecker != null);
        for (NodeCollector collector : collectors) {
            String node = collector.nodeName();
            if (!busy.add(node)) {
                continue;
            }
            Thread.ofVirtual().name("collect-" + node).start(() -> {
                try {
                    accept(collector.collect(interval));
                } catch (RuntimeException e) {
                    LOG.error("Collecting node {} failed unexpectedly", node, e);
                } finally {
                    busy.remove(node);
                }
            });
        }
    }

    /** Reads a cluster-wide source (alerts, service health) on its own thread, never twice at once. */
    private void clusterWide(String name, Runnable read, boolean configured) {
        if (!configured || !busy.add("#" + name)) {
            return;
        }
        Thread.ofVirtual().name("collect-" + name).start(() -> {
            try {
                read.run();
                publish();
            } catch (RuntimeException e) {
                LOG.error("Collecting {} failed unexpectedly", name, e);
            } finally {
                busy.remove("#" + name);
            }
        });
    }

    private void backfill() {
        try {
            Map<String, TimeSeries> past = backfill.history(HISTORY_WINDOW);
            Instant now = clock.instant();
            past.forEach((key, series) -> history.backfill(key, series, now));
            LOG.info("History of {} series filled in from the last {} minutes", past.size(), HISTORY_WINDOW.toMinutes());
        } catch (Exception e) {
            LOG.info("No past history at start ({}); sparklines fill up as readings arrive", e.getMessage());
        }
    }

    private void accept(NodeSnapshot snapshot) {
        NodeSnapshot previous = latestByNode.put(snapshot.name(), snapshot);
        recordHistory(previous, snapshot);
        publishSoon();
    }

    /**
     * Publishes once for a burst of results: nodes read in the same round finish within milliseconds of each other,
     * and one snapshot for all of them costs the listeners (the UI) one update instead of one per node.
     */
    private void publishSoon() {
        if (publishPending.compareAndSet(false, true)) {
            try {
                ticker.schedule(() -> {
                    publishPending.set(false);
                    publish();
                }, PUBLISH_COALESCING.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                publishPending.set(false);
            }
        }
    }

    private synchronized void publish() {
        List<NodeSnapshot> nodes = new ArrayList<>();
        for (NodeCollector collector : collectors) {
            NodeSnapshot node = latestByNode.get(collector.nodeName());
            if (node != null) {
                nodes.add(node);
            }
        }
        AlertReport alertReport = alerts;
        ClusterSnapshot published = new ClusterSnapshot(clock.instant(), nodes, history.snapshot(),
                alertReport == null ? List.of() : alertReport.alerts(), alertReport == null ? null : alertReport.status(),
                services);
        latest = published;
        for (Consumer<ClusterSnapshot> listener : listeners) {
            try {
                listener.accept(published);
            } catch (RuntimeException e) {
                LOG.error("A telemetry listener failed", e);
            }
        }
    }

    private void recordHistory(NodeSnapshot previous, NodeSnapshot snapshot) {
        HostMetrics host = snapshot.host();
        Instant at = snapshot.observedAt();
        if (host != null && at != null && (previous == null || !at.equals(previous.observedAt()))) {
            String node = snapshot.name();
            history.record(SeriesKey.node(node, NodeMetric.CPU), at, host.cpuPercent());
            history.record(SeriesKey.node(node, NodeMetric.MEMORY), at, host.memoryPercent());
            history.record(SeriesKey.node(node, NodeMetric.LOAD1), at, host.load1());
            history.record(SeriesKey.node(node, NodeMetric.NET_RX), at, host.networkRxBytesPerSecond());
            history.record(SeriesKey.node(node, NodeMetric.NET_TX), at, host.networkTxBytesPerSecond());
        }
        snapshot.gpuSource().filter(s -> s.lastSuccess() != null).ifPresent(gpuSource -> {
            Instant gpuAt = gpuSource.lastSuccess();
            if (Objects.equals(gpuRecordedAt.put(snapshot.name(), gpuAt), gpuAt)) {
                return;
            }
            for (Gpu gpu : snapshot.gpus()) {
                history.record(SeriesKey.gpu(gpu.uuid(), GpuMetric.UTIL), gpuAt, gpu.utilizationPercent());
                history.record(SeriesKey.gpu(gpu.uuid(), GpuMetric.MEMORY), gpuAt, gpu.memoryUsedMiB());
                history.record(SeriesKey.gpu(gpu.uuid(), GpuMetric.TEMPERATURE), gpuAt, gpu.temperatureC());
                history.record(SeriesKey.gpu(gpu.uuid(), GpuMetric.POWER), gpuAt, gpu.powerDrawW());
            }
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
