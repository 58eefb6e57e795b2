package dev.hydra.ui.audit;

import dev.hydra.services.actions.ActionService;
import dev.hydra.services.store.AuditEntry;
import dev.hydra.ui.common.Lists;
import dev.hydra.ui.common.UiExecutor;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The newest entries of the append-only audit log: who did what to which target, and how it went. */
public final class AuditLogViewModel {

    static final int LIMIT = 500;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ActionService actions;
    private String unavailable;
    private final UiExecutor ui;
    private final Executor background;
    private final ZoneId zone;
    private final ObservableList<AuditRow> rows = FXCollections.observableArrayList();
    private final ObservableList<AuditRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    /** @param actions null when the database is unavailable; {@code unavailable} says why */
    public AuditLogViewModel(ActionService actions, String unavailable, UiExecutor ui, Executor background, ZoneId zone) {
        this.actions = actions;
        this.unavailable = unavailable;
        this.ui = ui;
        this.background = background;
        this.zone = zone;
    }

    /** The log becomes readable (or stays unavailable, saying why) once the database has been opened. */
    public void bind(ActionService newActions, String why) {
        this.actions = newActions;
        this.unavailable = why;
        refresh();
    }

    /** Reads the log again, in the background. */
    public void refresh() {
        if (actions == null) {
            status.set("The audit log is unavailable: " + unavailable);
            return;
        }
        background.execute(() -> {
            try {
                List<AuditEntry> entries = actions.recentActions(LIMIT);
                List<AuditRow> next = entries.stream().map(this::row).toList();
                ui.execute(() -> {
                    Lists.replaceIfChanged(rows, next);
                    status.set(next.isEmpty() ? "No actions yet." : next.size() == LIMIT
                            ? "The newest " + LIMIT + " actions" : next.size() + (next.size() == 1 ? " action" : " actions"));
                });
            } catch (RuntimeException e) {
                ui.execute(() -> status.set("Reading the audit log failed: " + e.getMessage()));
            }
        });
    }

    private AuditRow row(AuditEntry entry) {
        return new AuditRow(entry.id(), WHEN.format(entry.occurredAt().atZone(zone)), entry.actor(), entry.action(),
                entry.target(), entry.outcome(), entry.detail() == null ? "" : entry.detail());
    }

    public ObservableList<AuditRow> rows() {
        return readOnlyRows;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
