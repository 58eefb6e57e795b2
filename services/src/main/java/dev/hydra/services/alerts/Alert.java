package dev.hydra.services.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A firing alert as Alertmanager reports it, keyed by {@link #fingerprint()}.
 *
 * @param state      ACTIVE, SUPPRESSED (silenced or inhibited) or UNPROCESSED
 * @param silencedBy ids of the silences that mute it
 */
public record Alert(String fingerprint, Map<String, String> labels, Map<String, String> annotations, State state,
        List<String> silencedBy, List<String> inhibitedBy, Instant startsAt, Instant endsAt) {

    public enum State { ACTIVE, SUPPRESSED, UNPROCESSED }

    public Alert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        silencedBy = List.copyOf(silencedBy);
        inhibitedBy = List.copyOf(inhibitedBy);
    }

    public String name() {
        return labels.getOrDefault("alertname", "(unnamed alert)");
    }

    public String severity() {
        return labels.get("severity");
    }

    /** The summary (or description) annotation, or the name when there is none. */
    public String summary() {
        return annotations.getOrDefault("summary", annotations.getOrDefault("description", name()));
    }

    public boolean silenced() {
        return !silencedBy.isEmpty();
    }

    public boolean inhibited() {
        return !inhibitedBy.isEmpty();
    }
}
