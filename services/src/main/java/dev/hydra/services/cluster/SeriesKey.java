package dev.hydra.services.cluster;

import java.util.Locale;

/** Names of the history series kept for sparklines: "node/&lt;name&gt;/cpu", "gpu/&lt;uuid&gt;/util", ... */
public final class SeriesKey {

    public enum NodeMetric { CPU, MEMORY, LOAD1, NET_RX, NET_TX }

    public enum GpuMetric { UTIL, MEMORY, TEMPERATURE, POWER }

    private SeriesKey() {
    }

    public static String node(String node, NodeMetric metric) {
        return "node/" + node + "/" + metric.name().toLowerCase(Locale.ROOT);
    }

    public static String gpu(String uuid, GpuMetric metric) {
        return "gpu/" + uuid + "/" + metric.name().toLowerCase(Locale.ROOT);
    }
}
