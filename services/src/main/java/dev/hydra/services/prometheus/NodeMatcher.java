package dev.hydra.services.prometheus;

import java.util.Map;

/**
 * Recognises a node's series in Prometheus: a {@code node} label equal to its name (a target label, as in the
 * usual scrape configs), its {@code instance} label (exactly the configured one, or with the node's host before
 * the port), dcgm-exporter's {@code Hostname}, or node_exporter's {@code nodename}.
 */
public record NodeMatcher(String name, String host, String instance) {

    public boolean matches(Map<String, String> labels) {
        if (name.equals(labels.get("node")) || name.equals(labels.get("Hostname"))
                || name.equals(labels.get("nodename"))) {
            return true;
        }
        String seriesInstance = labels.get("instance");
        if (seriesInstance == null) {
            return host.equals(labels.get("Hostname"));
        }
        if (seriesInstance.equals(instance)) {
            return true;
        }
        return instance == null && hostOf(seriesInstance).equals(host);
    }

    static String hostOf(String instance) {
        if (instance.startsWith("[")) {
            int end = instance.indexOf(']');
            return end < 0 ? instance : instance.substring(1, end);
        }
        int colon = instance.lastIndexOf(':');
        return colon < 0 ? instance : instance.substring(0, colon);
    }
}
