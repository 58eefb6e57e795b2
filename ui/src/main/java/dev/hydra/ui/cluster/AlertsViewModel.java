package dev.hydra.ui.cluster;

import dev.hydra.services.actions.ClusterAction;
import dev.hydra.services.alerts.Alert;
import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.health.ServiceHealth;
import dev.hydra.ui.common.ActionPrompts;
import dev.hydra.ui.common.Formats;
import dev.hydra.ui.common.Lists;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Firing alerts (with silence and unsilence) and the HTTP health of the configured services. */
public final class AlertsViewModel {

    private final ActionPrompts prompts;
    private final ObservableList<AlertRow> alerts = FXCollections.observableArrayList();
    private final ObservableList<AlertRow> readOnlyAlerts = FXCollections.unmodifiableObservableList(alerts);
    private final ObservableList<ServiceRow> services = FXCollections.observableArrayList();
    private final ObservableList<ServiceRow> readOnlyServices = FXCollections.unmodifiableObservableList(services);
    private final ReadOnlyStringWrapper alertSummary = new ReadOnlyStringWrapper(this, "alertSummary", "");
    private final IntegerProperty silenceHours = new SimpleIntegerProperty(this, "silenceHours", 2);
    private final Map<String, Alert> byFingerprint = new HashMap<>();

    public AlertsViewModel(ActionPrompts prompts) {
        this.prompts = prompts;
    }

    void apply(ClusterSnapshot snapshot, Instant now) {
        byFingerprint.clear();
        snapshot.alerts().forEach(a -> byFingerprint.put(a.fingerprint(), a));
        Lists.replaceIfChanged(alerts, snapshot.alerts().stream().map(a -> row(a, snapshot, now)).toList());
        long firing = snapshot.alerts().stream().filter(a -> a.state() == Alert.State.ACTIVE).count();
        String status = snapshot.alertSource() == null ? "No Alertmanager configured (alertmanager.url in hydra.yaml)"
                : snapshot.alertSource().message() != null ? "Alertmanager: " + snapshot.alertSource().message()
                : firing + " firing" + (snapshot.alerts().size() > firing
                        ? " · " + (snapshot.alerts().size() - firing) + " silenced or inhibited" : "");
        alertSummary.set(status);
        Lists.replaceIfChanged(services, snapshot.services().stream().map(AlertsViewModel::row).toList());
    }

    public void silence(AlertRow row) {
        Alert alert = byFingerprint.get(row.fingerprint());
        if (alert != null) {
            prompts.request(new ClusterAction.SilenceAlert(alert, Duration.ofHours(Math.max(1, silenceHours.get())),
                    "silenced from Hydra Control"));
        }
    }

    public void unsilence(AlertRow row) {
        Alert alert = byFingerprint.get(row.fingerprint());
        if (alert != null && alert.silenced()) {
            prompts.request(new ClusterAction.ExpireSilence(alert.silencedBy().getFirst(), alert.name()));
        }
    }

    private static AlertRow row(Alert alert, ClusterSnapshot snapshot, Instant now) {
        String where = snapshot.nodes().stream().filter(n -> !snapshot.alertsFor(n).stream()
                .filter(a -> a.fingerprint().equals(alert.fingerprint())).toList().isEmpty())
                .map(n -> n.name()).findFirst().orElse(alert.labels().getOrDefault("instance", ""));
        String since = alert.startsAt() == null ? "" : Formats.duration(Duration.between(alert.startsAt(), now)) + " ago";
        String state = alert.silenced() ? "silenced" : alert.inhibited() ? "inhibited" : "firing";
        return new AlertRow(alert.fingerprint(), alert.name(), alert.severity() == null ? "" : alert.severity(),
                alert.summary(), where, since, alert.silenced(), state);
    }

    private static ServiceRow row(ServiceHealth health) {
        String status = health.healthy() ? "up · HTTP " + health.httpStatus() : "down · " + health.problem();
        return new ServiceRow(health.name(), health.url(), health.node(), health.healthy(), status,
                health.latencyMs() == null ? "" : health.latencyMs() + " ms");
    }

    public ObservableList<AlertRow> alerts() {
        return readOnlyAlerts;
    }

    public ObservableList<ServiceRow> services() {
        return readOnlyServices;
    }

    public ReadOnlyStringProperty alertSummaryProperty() {
        return alertSummary.getReadOnlyProperty();
    }

    public IntegerProperty silenceHoursProperty() {
        return silenceHours;
    }

    static List<AlertRow> none() {
        return List.of();
    }
}
