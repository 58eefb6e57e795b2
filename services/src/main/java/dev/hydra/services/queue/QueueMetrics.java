package dev.hydra.services.queue;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The queue's Prometheus metrics: depth by state (read from the database at scrape time, so it covers every
 * instance), and this instance's job durations, admission waits and failures.
 */
public final class QueueMetrics {

    private final PrometheusRegistry registry;
    private final Histogram durations;
    private final Histogram admissionWait;
    private final Counter waits;
    private final Counter outcomes;
    private volatile Supplier<Map<JobState, Long>> depth = Map::of;

    public QueueMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        durations = Histogram.builder().name("hydra_queue_job_duration_seconds")
                .help("How long job attempts ran on this instance, by type and outcome")
                .labelNames("type", "outcome")
                .classicUpperBounds(0.01, 0.1, 1, 5, 30, 60, 300, 900, 1800, 3600)
                .register(registry);
        admissionWait = Histogram.builder().name("hydra_queue_admission_wait_seconds")
                .help("Time from queueing to start, for jobs started on this instance")
                .labelNames("type")
                .classicUpperBounds(0.1, 0.5, 1, 5, 30, 60, 300, 1800, 3600, 21600)
                .register(registry);
        waits = Counter.builder().name("hydra_queue_admission_waits_total")
                .help("Admission checks that sent a job back to wait, by type and state")
                .labelNames("type", "state")
                .register(registry);
        outcomes = Counter.builder().name("hydra_queue_jobs_finished_total")
                .help("Attempts finished on this instance, by type and outcome (succeeded, failed, retrying, "
                        + "cancelled)")
                .labelNames("type", "outcome")
                .register(registry);
        GaugeWithCallback.builder().name("hydra_queue_jobs")
                .help("Jobs in the queue and its history, by state (all instances)")
                .labelNames("state")
                .callback(callback -> depth.get().forEach((state, n) -> callback.call(n, state.id())))
                .register(registry);
    }

    /** Metrics kept in a registry of their own (the command line, tests). */
    public static QueueMetrics detached() {
        return new QueueMetrics(new PrometheusRegistry());
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    void bindDepth(Supplier<Map<JobState, Long>> source) {
        depth = source;
    }

    void started(String type, Duration waited) {
        admissionWait.labelValues(type).observe(Math.max(0, waited.toMillis()) / 1000.0);
    }

    void waited(String type, JobState state) {
        waits.labelValues(type, state.id()).inc();
    }

    void finished(String type, String outcome, Duration duration) {
        outcomes.labelValues(type, outcome).inc();
        if (duration != null) {
            durations.labelValues(type, outcome).observe(duration.toNanos() / 1e9);
        }
    }
}
