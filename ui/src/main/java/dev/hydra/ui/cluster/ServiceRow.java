package dev.hydra.ui.cluster;

/** One service's HTTP health as the services panel lists it. */
public record ServiceRow(String name, String url, String node, boolean healthy, String statusText, String latencyText) {
}
