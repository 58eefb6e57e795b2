package dev.hydra.bench;

import dev.hydra.services.cluster.NodeCollector;
import dev.hydra.services.cluster.RemoteNodeCollector;
import dev.hydra.services.cluster.RemoteNodeSources;
import dev.hydra.services.cluster.TelemetryService;
import dev.hydra.services.prometheus.NodeMatcher;
import dev.hydra.services.prometheus.PrometheusClient;
import dev.hydra.services.prometheus.PrometheusTelemetry;
import dev.hydra.services.transport.http.HttpClients;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.shell.HydraWindow;
import dev.hydra.ui.shell.UiContext;
import dev.hydra.ui.shell.ViewId;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The monitoring path under a simulated cluster of 20 nodes × 8 GPUs × 200 containers (in-process fakes, see
 * {@link SimulatedCluster}): the real collectors, telemetry service and window (JavaFX headless platform, software
 * rendering), refreshed every second. The first half of the run shows the Cluster view, the second the GPUs view.
 * Measured after a warm-up: the process's CPU (less the fake Prometheus's threads) as % of one core, resident memory
 * at the end, and per frame the FX thread's CPU time (all it did for that frame: applying snapshots, CSS, layout).
 */
final class MonitoringBenchmark implements Callable<String> {

    private static final int NODES = 20;
    private static final int GPUS = 8;
    private static final int CONTAINERS_PER_NODE = 10;
    private static final Duration WARMUP = Duration.ofSeconds(30);

    private final int seconds;

    MonitoringBenchmark(int seconds) {
        this.seconds = seconds;
    }

    @Override
    public String call() throws Exception {
        System.setProperty("glass.platform", "Headless");
        System.setProperty("prism.order", "sw");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (SimulatedCluster cluster = new SimulatedCluster(NODES, GPUS, CONTAINERS_PER_NODE)) {
            Clock clock = Clock.systemDefaultZone();
            Duration refresh = Duration.ofSeconds(1);
            PrometheusTelemetry prometheus = new PrometheusTelemetry(new PrometheusClient(
                    HttpClients.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), cluster.prometheusUrl()),
                    clock, refresh.dividedBy(2));
            List<NodeCollector> collectors = new ArrayList<>();
            for (int n = 0; n < NODES; n++) {
                String name = SimulatedCluster.nodeName(n);
                collectors.add(new RemoteNodeCollector(new RemoteNodeSources(name, SimulatedCluster.host(n), prometheus,
                        new NodeMatcher(name, SimulatedCluster.host(n), null), cluster.ssh(n), () -> null,
                        cluster.docker(n), "nvidia-smi", Duration.ofSeconds(5)), refresh, clock));
            }
            TelemetryService telemetry = new TelemetryService(collectors, cluster.alertmanager(), null, null, refresh,
                    clock);
            telemetry.start();

            CountDownLatch shown = new CountDownLatch(1);
            HydraWindow[] window = new HydraWindow[1];
            long[] fxThread = new long[1];
            List<Double> frameMs = java.util.Collections.synchronizedList(new ArrayList<>());
            boolean[] measuring = {false};
            Platform.startup(() -> {
                fxThread[0] = Thread.currentThread().threadId();
                window[0] = new HydraWindow(new UiContext(telemetry, Preferences.inMemory(), List.of(), "bench", clock),
                        new FxUiExecutor());
                window[0].shell().show(ViewId.CLUSTER);
                Stage stage = new Stage();
                stage.setScene(window[0].scene());
                long[] last = {threads.getThreadCpuTime(fxThread[0])};
                window[0].scene().addPostLayoutPulseListener(() -> {
                    long now = threads.getThreadCpuTime(fxThread[0]);
                    if (measuring[0]) {
                        frameMs.add((now - last[0]) / 1e6);
                    }
                    last[0] = now;
                });
                stage.show();
                shown.countDown();
            });
            shown.await(60, TimeUnit.SECONDS);
            TimeUnit.MILLISECONDS.sleep(WARMUP.toMillis());

            long cpuBefore = processCpuNanos();
            long fakeBefore = fakeCpuNanos(threads);
            long wallBefore = System.nanoTime();
            measuring[0] = true;
            TimeUnit.SECONDS.sleep(seconds / 2);
            int clusterFrames = frameMs.size();
            CompletableFuture<Void> switched = new CompletableFuture<>();
            Platform.runLater(() -> {
                window[0].shell().show(ViewId.GPUS);
                switched.complete(null);
            });
            switched.get(30, TimeUnit.SECONDS);
            TimeUnit.SECONDS.sleep(seconds - seconds / 2);
            measuring[0] = false;
            double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
            double fakeSeconds = (fakeCpuNanos(threads) - fakeBefore) / 1e9;
            double appCpuPct = 100 * (cpuSeconds - fakeSeconds) / wallSeconds;
            double totalCpuPct = 100 * cpuSeconds / wallSeconds;
            long rssKb = status("VmRSS");
            long peakRssKb = status("VmHWM");
            double[] frames;
            synchronized (frameMs) {
                frames = frameMs.stream().mapToDouble(Double::doubleValue).toArray();
            }
            double[] clusterOnly = java.util.Arrays.copyOf(frames, clusterFrames);
            double[] gpusOnly = java.util.Arrays.copyOfRange(frames, clusterFrames, frames.length);
            Quantile quantile = Quantile.withDefaults();
            double p50 = quantile.evaluate(frames, 0.5);
            double p99 = quantile.evaluate(frames, 0.99);
            System.out.printf(Locale.ROOT, "monitoring: %d nodes x %d GPUs, %d containers, refresh %d ms, measured %.0f s"
                    + " after %d s warm-up (headless platform, software rendering)%n", NODES, GPUS,
                    NODES * CONTAINERS_PER_NODE, refresh.toMillis(), wallSeconds, WARMUP.toSeconds());
            System.out.printf(Locale.ROOT, "cpu %% of one core: app %.2f (whole process %.2f, fake Prometheus %.2f)%n",
                    appCpuPct, totalCpuPct, 100 * fakeSeconds / wallSeconds);
            System.out.printf(Locale.ROOT, "rss: %d MB at the end, peak %d MB%n", rssKb / 1024, peakRssKb / 1024);
            System.out.printf(Locale.ROOT, "FX thread CPU per frame: %d frames, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    frames.length, p50, p99, java.util.Arrays.stream(frames).max().orElse(0));
            System.out.printf(Locale.ROOT, "  Cluster view: %d frames, p99 %.2f ms; GPUs view: %d frames, p99 %.2f ms%n",
                    clusterOnly.length, clusterOnly.length == 0 ? 0 : quantile.evaluate(clusterOnly, 0.99),
                    gpusOnly.length, gpusOnly.length == 0 ? 0 : quantile.evaluate(gpusOnly, 0.99));
            telemetry.close();
            return String.format(Locale.ROOT, "cpu_pct=%.2f rss_mb=%d frame_p99_ms=%.2f frame_p50_ms=%.2f "
                    + "process_cpu_pct=%.2f seconds=%.0f", appCpuPct, rssKb / 1024, p99, p50, totalCpuPct, wallSeconds);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long fakeCpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(SimulatedCluster.FAKE_THREAD)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long status(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
