package dev.hydra.services.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the recent past of each series (15 minutes by default) for sparklines and history charts. Samples are
 * appended to arrays that published {@link TimeSeries} share without copying (they see only the samples that
 * existed when published), so a snapshot costs one small object per series however long the history.
 */
public final class MetricHistory {

    private final Duration window;
    private final Map<String, Series> series = new HashMap<>();

    public MetricHistory(Duration window) {
        this.window = window;
    }

    /** Records a sample; a null value (not reported) leaves a gap rather than a false zero. */
    public synchronized void record(String key, Instant at, Number value) {
        if (value == null || Double.isNaN(value.doubleValue())) {
            return;
        }
        Series samples = series.computeIfAbsent(key, k -> new Series());
        samples.append(at.toEpochMilli(), value.doubleValue());
        samples.dropBefore(at.minus(window).toEpochMilli());
    }

    /**
     * Adds past samples (e.g. from Prometheus's query_range at start) before the first sample already kept, so a
     * sparkline shows the last 15 minutes at once rather than filling up slowly.
     */
    public synchronized void backfill(String key, TimeSeries past, Instant now) {
        Series samples = series.computeIfAbsent(key, k -> new Series());
        long firstKept = samples.size() == 0 ? Long.MAX_VALUE : samples.times[samples.from];
        long oldest = now.minus(window).toEpochMilli();
        Series merged = new Series();
        for (int i = 0; i < past.size(); i++) {
            long at = past.epochMillis(i);
            if (at < firstKept && at >= oldest && !Double.isNaN(past.value(i))) {
                merged.append(at, past.value(i));
            }
        }
        for (int i = samples.from; i < samples.to; i++) {
            merged.append(samples.times[i], samples.values[i]);
        }
        series.put(key, merged);
    }

    public synchronized Map<String, TimeSeries> snapshot() {
        Map<String, TimeSeries> copy = HashMap.newHashMap(series.size());
        series.forEach((key, samples) -> copy.put(key, samples.view()));
        return copy;
    }

    /** Append-only arrays with a moving start; compacted into new arrays when full (old views keep the old ones). */
    private static final class Series {
        private long[] times = new long[64];
        private double[] values = new double[64];
        private int from;
        private int to;

        int size() {
            return to - from;
        }

        void append(long at, double value) {
            if (to == values.length) {
                int size = size();
                int capacity = Math.max(64, size * 2);
                long[] newTimes = new long[capacity];
                double[] newValues = new double[capacity];
                System.arraycopy(times, from, newTimes, 0, size);
                System.arraycopy(values, from, newValues, 0, size);
                times = newTimes;
                values = newValues;
                from = 0;
                to = size;
            }
            times[to] = at;
            values[to++] = value;
        }

        void dropBefore(long oldest) {
            while (from < to && times[from] < oldest) {
                from++;
            }
        }

        TimeSeries view() {
            return new TimeSeries(times, values, from, to);
        }
    }
}
