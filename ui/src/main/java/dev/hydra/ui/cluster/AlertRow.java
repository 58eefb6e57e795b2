package dev.hydra.ui.cluster;

/** One firing alert as the alerts panel lists it. */
public record AlertRow(String fingerprint, String name, String severity, String summary, String where, String since,
        boolean silenced, String stateText) {
}
