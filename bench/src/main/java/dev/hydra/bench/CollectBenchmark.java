package dev.hydra.bench;

import dev.hydra.services.cluster.LocalNodeCollector;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.gpu.LocalNvidiaSmi;
import dev.hydra.services.host.OshiHostMetricsSource;
import dev.hydra.services.testing.NvidiaSmiStandIn;
import dev.hydra.services.transport.process.ExecutableLocator;
import dev.hydra.services.transport.process.LocalCommandRunner;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * One refresh of this machine's node: OSHI host metrics and nvidia-smi (a stand-in replaying a recorded H100 under
 * load: two process spawns, as with the real tool). Wall time is taken per refresh. CPU time is the JVM's plus
 * that of the child processes it waited for; the kernel counts children in clock ticks (10 ms), so CPU is taken
 * per batch of refreshes and divided.
 */
final class CollectBenchmark implements Callable<String> {

    private static final int WARMUP = 20;
    private static final int BATCHES = 15;
    private static final int PER_BATCH = 10;

    @Override
    public String call() throws Exception {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(Files.createTempDirectory("bench-nvsmi"), "h100-load");
        LocalNvidiaSmi gpus = new LocalNvidiaSmi(null, new ExecutableLocator(standIn.searchPath(), false),
                new LocalCommandRunner(), Duration.ofSeconds(10), Clock.systemUTC());
        LocalNodeCollector collector = new LocalNodeCollector("bench", new OshiHostMetricsSource(Duration.ofMillis(200)),
                gpus, Clock.systemUTC());
        for (int i = 0; i < WARMUP; i++) {
            check(collector.collect(Duration.ofSeconds(30)));
        }
        double[] wallMs = new double[BATCHES * PER_BATCH];
        double[] cpuMsPerRefresh = new double[BATCHES];
        double[] childMsPerRefresh = new double[BATCHES];
        for (int batch = 0; batch < BATCHES; batch++) {
            double cpuBefore = cpuMillis();
            double childBefore = childMillis();
            for (int i = 0; i < PER_BATCH; i++) {
                long start = System.nanoTime();
                check(collector.collect(Duration.ofSeconds(30)));
                wallMs[batch * PER_BATCH + i] = (System.nanoTime() - start) / 1e6;
            }
            cpuMsPerRefresh[batch] = (cpuMillis() - cpuBefore) / PER_BATCH;
            childMsPerRefresh[batch] = (childMillis() - childBefore) / PER_BATCH;
        }
        double wall = Median.withDefaults().evaluate(wallMs);
        double[] wallSpread = Quantile.withDefaults().evaluate(wallMs, 0.1, 0.9);
        double cpu = Median.withDefaults().evaluate(cpuMsPerRefresh);
        double[] cpuSpread = Quantile.withDefaults().evaluate(cpuMsPerRefresh, 0.1, 0.9);
        System.out.printf(Locale.ROOT, "collect: %d refreshes of this machine's node (OSHI + nvidia-smi stand-in, h100-load)%n",
                wallMs.length);
        System.out.printf(Locale.ROOT, "wall ms per refresh: median %.2f  p10 %.2f  p90 %.2f%n", wall, wallSpread[0],
                wallSpread[1]);
        System.out.printf(Locale.ROOT, "cpu ms per refresh (JVM + children, %d batches of %d): median %.2f  p10 %.2f  "
                + "p90 %.2f%n", BATCHES, PER_BATCH, cpu, cpuSpread[0], cpuSpread[1]);
        System.out.printf(Locale.ROOT, "  of which child processes (nvidia-smi stand-in: sh + cat, twice): median %.2f%n",
                Median.withDefaults().evaluate(childMsPerRefresh));
        System.out.printf(Locale.ROOT, "at the default 2 s refresh: %.2f %% of one core%n", cpu / 2000 * 100);
        return String.format(Locale.ROOT, "cpu_ms=%.2f wall_ms=%.2f wall_p10_ms=%.2f wall_p90_ms=%.2f cpu_p10_ms=%.2f "
                + "cpu_p90_ms=%.2f", cpu, wall, wallSpread[0], wallSpread[1], cpuSpread[0], cpuSpread[1]);
    }

    private static void check(NodeSnapshot snapshot) {
        for (SourceStatus source : snapshot.sources()) {
            if (source.state() != SourceStatus.State.OK) {
                throw new IllegalStateException("a source failed during the benchmark: " + source);
            }
        }
    }

    /** CPU of this process and of the children it has waited for, in milliseconds. */
    private static double cpuMillis() throws Exception {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e6 + childMillis();
    }

    /** CPU of the children this process has waited for (Linux: cutime + cstime in /proc/self/stat, 10 ms ticks). */
    private static double childMillis() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10.0;
    }
}
