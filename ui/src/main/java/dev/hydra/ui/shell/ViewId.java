package dev.hydra.ui.shell;

/** The views of the main window, in navigation order (Ctrl+1 … Ctrl+6). */
public enum ViewId {
    CLUSTER("Cluster", "Nodes, containers, alerts and services"),
    GPUS("GPUs", "Per-GPU telemetry and processes"),
    QUEUE("Queue", "The scheduler's background work"),
    REVIEW("Review", "Cull generated images by keyboard"),
    CHAT("Chat", "Talk to the cluster's Letta agent"),
    AUDIT("Audit log", "Every action taken on the cluster");

    private final String title;
    private final String description;

    ViewId(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
