package dev.hydra.services.alerts;

import dev.hydra.services.cluster.SourceStatus;
import java.util.List;

/** The alerts firing now and how reading them went (the last known list is kept when a read fails). */
public record AlertReport(List<Alert> alerts, SourceStatus status) {

    public AlertReport {
        alerts = List.copyOf(alerts);
    }
}
