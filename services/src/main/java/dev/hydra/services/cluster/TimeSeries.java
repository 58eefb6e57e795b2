package dev.hydra.services.cluster;

/**
 * An immutable run of (time, value) samples, oldest first. It may be a window onto arrays that
 * {@link MetricHistory} keeps appending to past this window's end; the samples inside the window never change.
 */
public final class TimeSeries {

    public static final TimeSeries EMPTY = new TimeSeries(new long[0], new double[0]);

    private final long[] epochMillis;
    private final double[] values;
    private final int from;
    private final int to;

    public TimeSeries(long[] epochMillis, double[] values) {
        this(epochMillis, values, 0, values.length);
    }

    TimeSeries(long[] epochMillis, double[] values, int from, int to) {
        this.epochMillis = epochMillis;
        this.values = values;
        this.from = from;
        this.to = to;
    }

    public int size() {
        return to - from;
    }

    public long epochMillis(int i) {
        return epochMillis[from + i];
    }

    public double value(int i) {
        return values[from + i];
    }

    /** A copy of the values, oldest first. */
    public double[] values() {
        return java.util.Arrays.copyOfRange(values, from, to);
    }

    public double max() {
        double max = 0;
        boolean any = false;
        for (int i = from; i < to; i++) {
            max = any ? Math.max(max, values[i]) : values[i];
            any = true;
        }
        return max;
    }
}
