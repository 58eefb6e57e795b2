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

    public MetricHistory(Duration window) {
        this.window = window;
    }

    /** Records a sample; a null value (not reported) leaves a gap rather than a false zero. */
    public synchronized void record(String key, Instant at, Number value) {
        if (value == null || Double.isNaN(value.doubleValue())) {
            return;
        }
        ArrayDeque<Sample> samples = series.computeIfAbsent(key, k -> new ArrayDeque<>());
        samples.addLast(new Sample(at.toEpochMilli(), value.doubleValue()));
        long oldest = at.minus(window).toEpochMilli();
        while (!samples.isEmpty() && samples.peekFirst().epochMillis < oldest) {
            samples.removeFirst();
        }
    }

    public synchronized Map<String, TimeSeries> snapshot() {
        Map<String, TimeSeries> copy = new HashMap<>();
        series.forEach((key, samples) -> {
            long[] times = new long[samples.size()];
            double[] values = new double[samples.size()];
            int i = 0;
            for (Sample sample : samples) {
                times[i] = sample.epochMillis;
                values[i++] = sample.value;
            }
            copy.put(key, new TimeSeries(times, values));
        });
        return copy;
    }

    private record Sample(long epochMillis, double value) {
    }
}
