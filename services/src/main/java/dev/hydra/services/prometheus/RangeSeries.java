package dev.hydra.services.prometheus;

import java.util.Map;

/** One series of a range query: its labels and samples, oldest first (non-finite values dropped). */
public record RangeSeries(Map<String, String> labels, long[] epochMillis, double[] values) {

    public RangeSeries {
        labels = Map.copyOf(labels);
    }
}
