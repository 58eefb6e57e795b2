package dev.hydra.services.cluster;

import java.util.Arrays;

/** An immutable run of (time, value) samples, oldest first. */
public final class TimeSeries {

    public static final TimeSeries EMPTY = new TimeSeries(new long[0], new double[0]);

    private final long[] epochMillis;
    private final double[] values;

    public TimeSeries(long[] epochMillis, double[] values) {
        this.epochMillis = epochMillis;
        this.values = values;
    }

    public int size() {
        return values.length;
    }

    public long epochMillis(int i) {
        return epochMillis[i];
    }

    public double value(int i) {
        return values[i];
    }

    public double[] values() {
        return values.clone();
    }

    public double max() {
        return Arrays.stream(values).max().orElse(0);
    }
}
