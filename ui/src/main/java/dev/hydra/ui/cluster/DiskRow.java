package dev.hydra.ui.cluster;

/** One filesystem as the node card shows it. */
public record DiskRow(String mount, String usageText, double fraction) {
}
