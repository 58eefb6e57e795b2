package dev.hydra.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.ClusterState;
import dev.hydra.services.config.DatabaseConfig;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobContext;
import dev.hydra.services.queue.JobHandler;
import dev.hydra.services.queue.JobOutputs;
import dev.hydra.services.queue.JobService;
import dev.hydra.services.queue.JobSpec;
import dev.hydra.services.queue.JobState;
import dev.hydra.services.queue.JobSummary;
import dev.hydra.services.queue.Priority;
import dev.hydra.services.queue.QueueMetrics;
import dev.hydra.services.store.Database;
import dev.hydra.services.testing.PostgresServer;
import dev.hydra.ui.common.UiExecutor;
import dev.hydra.ui.queue.JobRow;
import dev.hydra.ui.queue.QueueViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The queue end to end: 10,000 trivial jobs through admission, a handler and the history, on an H2 file database
 * and on a real PostgreSQL server (the same code, default settings: 3 at once); dispatch latency (queued → started)
 * for jobs queued one by one while resources are free; and the Queue view model's filter and sort over 100,000
 * history rows.
 */
final class QueueBenchmark implements Callable<String> {

    private static final int JOBS = Integer.getInteger("bench.jobs", 10_000);
    private static final int LATENCY_JOBS = 300;
    private static final int VIEW_ROWS = 100_000;
    private static final int VIEW_REPEATS = 15;

    @Override
    public String call() throws Exception {
        Path dir = Files.createTempDirectory("bench-queue");
        double h2;
        double[] latency;
        try (Database database = Boolean.getBoolean("bench.h2mem") ? Database.openInMemory("bench")
                : Database.openEmbedded(dir)) {
            h2 = throughput("H2 file", database);
            latency = Boolean.getBoolean("bench.skipView") ? new double[] {0} : dispatchLatency(database);
        }
        double pg = Double.NaN;
        if (!Boolean.getBoolean("bench.skipPg")) try (PostgresServer server = PostgresServer.start();
                Database database = Database.openPostgres(new DatabaseConfig(server.createDatabase("bench"),
                        server.user()), "")) {
            pg = throughput("PostgreSQL", database);
        }
        double[] view = Boolean.getBoolean("bench.skipView") ? new double[] {Double.NaN, Double.NaN} : view();
        double latencyP50 = Median.withDefaults().evaluate(latency);
        double latencyP99 = Quantile.withDefaults().evaluate(latency, 0.99);
        System.out.printf(Locale.ROOT, "dispatch latency (queued -> started, %d jobs one by one, resources free): "
                + "p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", LATENCY_JOBS, latencyP50, latencyP99,
                java.util.Arrays.stream(latency).max().orElse(0));
        return String.format(Locale.ROOT, "h2_jobs_per_s=%.0f pg_jobs_per_s=%.0f dispatch_p50_ms=%.1f "
                + "dispatch_p99_ms=%.1f filter_ms=%.1f sort_ms=%.1f", h2, pg, latencyP50, latencyP99, view[0], view[1]);
    }

    private static double throughput(String name, Database database) throws Exception {
        try (JobService queue = queue(database, "bench-" + name.replace(' ', '-'))) {
            ObjectNode payload = Json.mapper().createObjectNode();
            queue.start();
            long start = System.nanoTime();
            double cpuBefore = cpuMillis();
            List<JobSpec> specs = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                specs.add(JobSpec.of("noop", "job " + i, payload));
            }
            List<Job> queued = queue.submitAll(specs);
            long submitted = System.nanoTime();
            String last = queued.getLast().id();
            while (!queue.find(last).orElseThrow().state().isTerminal()
                    || !queue.list(List.of(JobState.PENDING, JobState.RUNNING), "noop", 1).isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuPerJob = (cpuMillis() - cpuBefore) / JOBS;
            System.out.printf(Locale.ROOT, "%s: %d jobs queued in %.2f s and all done after %.2f s: %.0f jobs/s; "
                    + "%.2f ms of this JVM's CPU per job (the database's own CPU included for H2, not for PostgreSQL)%n",
                    name, JOBS, (submitted - start) / 1e9, seconds, JOBS / seconds, cpuPerJob);
            return JOBS / seconds;
        }
    }

    private static double cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    private static double[] dispatchLatency(Database database) throws Exception {
        try (JobService queue = queue(database, "bench-latency")) {
            queue.start();
            ObjectNode payload = Json.mapper().createObjectNode();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < LATENCY_JOBS; i++) {
                ids.add(queue.submit(JobSpec.of("noop", "latency " + i, payload).withPriority(Priority.HIGH)).id());
                TimeUnit.MILLISECONDS.sleep(20);
            }
            double[] latency = new double[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                Job job = queue.find(ids.get(i)).orElseThrow();
                while (job.state() != JobState.SUCCEEDED) {
                    TimeUnit.MILLISECONDS.sleep(50);
                    job = queue.find(ids.get(i)).orElseThrow();
                }
                latency[i] = Duration.between(job.createdAt(), job.startedAt()).toNanos() / 1e6;
            }
            return latency;
        }
    }

    /** Median milliseconds of one filter change and of one sort change over 100,000 rows. */
    private static double[] view() {
        QueueViewModel vm = new QueueViewModel(new Rows(), UiExecutor.IMMEDIATE, Runnable::run, Clock.systemUTC());
        List<JobRow> rows = new ArrayList<>(VIEW_ROWS);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        String[] types = {"image_generation", "llm_task", "webhook", "maintenance", "letta_message"};
        JobState[] states = {JobState.SUCCEEDED, JobState.SUCCEEDED, JobState.SUCCEEDED, JobState.FAILED,
                JobState.CANCELLED, JobState.PENDING, JobState.RUNNING};
        for (int i = 0; i < VIEW_ROWS; i++) {
            Instant created = base.plusSeconds(i * 37L);
            rows.add(JobRow.of(new JobSummary(java.util.UUID.randomUUID().toString(), types[i % types.length],
                    "Chapter " + (i % 40) + " · scene " + (i % 97) + " · take " + i, Priority.values()[i % 4],
                    "any", states[i % states.length], i % 7 == 3 ? "HTTP 503 from n8n" : null, 1, 3, null, null,
                    created, created.plusSeconds(2), created.plusSeconds(20), created.plusSeconds(20),
                    "hydra-compute", null, null, "serve@hydra-storage/1")));
        }
        long loadStart = System.nanoTime();
        vm.apply(rows);
        System.out.printf(Locale.ROOT, "Queue view: %d history rows loaded into the view model in %.0f ms%n",
                vm.knownJobs(), (System.nanoTime() - loadStart) / 1e6);
        List<Consumer<QueueViewModel>> filters = List.of(
                m -> m.stateFilterProperty().set(JobState.FAILED),
                m -> m.stateFilterProperty().set(null),
                m -> m.searchProperty().set("scene 42"),
                m -> m.searchProperty().set(""),
                m -> m.typeFilterProperty().set("webhook"),
                m -> m.typeFilterProperty().set(""));
        List<Consumer<QueueViewModel>> sorts = List.of(
                m -> m.sortKeyProperty().set(QueueViewModel.SortKey.TITLE),
                m -> m.sortKeyProperty().set(QueueViewModel.SortKey.PRIORITY),
                m -> m.descendingProperty().set(false),
                m -> m.sortKeyProperty().set(QueueViewModel.SortKey.CREATED),
                m -> m.descendingProperty().set(true));
        double[] filter = time(vm, filters);
        double[] sort = time(vm, sorts);
        double filterMedian = Median.withDefaults().evaluate(filter);
        double sortMedian = Median.withDefaults().evaluate(sort);
        System.out.printf(Locale.ROOT, "Queue view, %d rows: filter change median %.1f ms (p90 %.1f), sort change "
                + "median %.1f ms (p90 %.1f)%n", VIEW_ROWS, filterMedian, Quantile.withDefaults().evaluate(filter, 0.9),
                sortMedian, Quantile.withDefaults().evaluate(sort, 0.9));
        return new double[] {filterMedian, sortMedian};
    }

    private static double[] time(QueueViewModel vm, List<Consumer<QueueViewModel>> changes) {
        double[] ms = new double[VIEW_REPEATS * changes.size()];
        int n = 0;
        for (int round = 0; round < VIEW_REPEATS; round++) {
            for (Consumer<QueueViewModel> change : changes) {
                long start = System.nanoTime();
                change.accept(vm);
                ms[n++] = (System.nanoTime() - start) / 1e6;
            }
        }
        return ms;
    }

    private static JobService queue(Database database, String instance) {
        QueueConfig config = new QueueConfig(Integer.getInteger("bench.concurrency"), null, null, null, null, null, null,
                null, null, null, null, null);
        return new JobService(database.dataSource(), database.jdbi(), config, List.of(new Noop()), new NoTelemetry(),
                Clock.systemUTC(), instance, QueueMetrics.detached());
    }

    /** The trivial job: does nothing, succeeds. */
    private static final class Noop implements JobHandler {
        @Override
        public String type() {
            return "noop";
        }

        @Override
        public void validate(ObjectNode payload) {
        }

        @Override
        public JobOutputs run(Job job, JobContext context) {
            return JobOutputs.NONE;
        }
    }

    private static final class NoTelemetry implements ClusterState {
        @Override
        public ClusterSnapshot latest() {
            return ClusterSnapshot.EMPTY;
        }

        @Override
        public AutoCloseable subscribe(Consumer<ClusterSnapshot> listener) {
            return () -> { };
        }

        @Override
        public void refreshNow() {
        }

        @Override
        public Duration refreshInterval() {
            return Duration.ofSeconds(2);
        }
    }

    /** The view model's queue, for the view benchmark: rows are handed over directly, nothing is fetched. */
    private static final class Rows implements dev.hydra.services.queue.JobQueue {
        @Override public Job submit(JobSpec spec) { throw new IllegalStateException("the view benchmark submits nothing"); }
        @Override public List<Job> submitAll(List<JobSpec> specs) { throw new IllegalStateException("the view benchmark submits nothing"); }
        @Override public java.util.Optional<Job> find(String id) { return java.util.Optional.empty(); }
        @Override public List<String> idsStartingWith(String prefix, int limit) { return List.of(); }
        @Override public List<JobSummary> list(java.util.Collection<JobState> s, String t, int l) { return List.of(); }
        @Override public Changes changesSince(Instant since) { return new Changes(List.of(), Instant.now()); }
        @Override public List<dev.hydra.services.queue.JobEvent> events(String id) { return List.of(); }
        @Override public List<JobSummary> children(String id) { return List.of(); }
        @Override public boolean cancel(String id) { return false; }
        @Override public boolean retry(String id) { return false; }
        @Override public boolean runNow(String id) { return false; }
        @Override public boolean bumpPriority(String id) { return false; }
        @Override public void setPaused(boolean paused) { }
        @Override public boolean isPaused() { return false; }
        @Override public List<ScheduleInfo> schedules() { return List.of(); }
        @Override public void setSchedulePaused(String name, boolean paused) { }
        @Override public List<String> types() { return List.of("image_generation", "llm_task", "webhook"); }
    }

}
