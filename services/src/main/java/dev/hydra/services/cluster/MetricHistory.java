package dev.hydra.services.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/** Keeps the recent past of each series (15 minutes by default) for sparklines and history charts. */
public final class MetricHistory {

    private final Duration window;
    private final Map<String, ArrayDeque<Sample>> series = new HashMap<>();
    /** Immutable copies handed out by {@link #snapshot()}, made again only for series that changed since. */
    private final Map<String, TimeSeries> copies = new HashMap<>();

    public MetricHistory(Duration window) {
        this.window = window;
    }

    /** Records a sample; a null value (not reported) leaves a gap rather than a false zero. */
    public synchronized void record(String key, Instant at, Number value) {
        if (value == null || Double.isNaN(value.doubleValue())) {
            return;
        }
        ArrayDeque<Sample> samples = series.computeIfAbsent(key, k -> new ArrayDeque<>());
        copies.remove(key);
        samples.addLast(new Sample(at.toEpochMilli(), value.doubleValue()));
        long oldest = at.minus(window).toEpochMilli();
        while (!samples.isEmpty() && samples.peekFirst().epochMillis < oldest) {
            samples.removeFirst();
        }
    }

    /**
     * Adds past samples (e.g. from Prometheus's query_range at start) before the first sample already kept, so a
     * sparkline shows the last 15 minutes at once rather than filling up slowly.
     */
    public synchronized void backfill(String key, TimeSeries past, java.time.Instant now) {
        ArrayDeque<Sample> samples = series.computeIfAbsent(key, k -> new ArrayDeque<>());
        copies.remove(key);
        long firstKept = samples.isEmpty() ? Long.MAX_VALUE : samples.peekFirst().epochMillis;
        long oldest = now.minus(window).toEpochMilli();
        for (int i = past.size() - 1; i >= 0; i--) {
            long at = past.epochMillis(i);
            if (at < firstKept && at >= oldest && !Double.isNaN(past.value(i))) {
                samples.addFirst(new Sample(at, past.value(i)));
            }
        }
    }

    public synchronized Map<String, TimeSeries> snapshot() {
        Map<String, TimeSeries> copy = new HashMap<>();
        series.forEach((key, samples) -> copy.put(key, copies.computeIfAbsent(key, k -> copyOf(samples))));
        return copy;
    }

    private static TimeSeries copyOf(ArrayDeque<Sample> samples) {
        long[] times = new long[samples.size()];
        double[] values = new double[samples.size()];
        int i = 0;
        for (Sample sample : samples) {
            times[i] = sample.epochMillis;
            values[i++] = sample.value;
        }
        return new TimeSeries(times, values);
    }

    private record Sample(long epochMillis, double value) {
    }
}
