package dev.hydra.ui.common;

import dev.hydra.services.actions.ActionResult;
import dev.hydra.services.actions.ActionService;
import dev.hydra.services.actions.ClusterAction;
import dev.hydra.services.actions.Confirmation;
import dev.hydra.services.actions.Requirement;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Asking before acting: an action requested in a view waits here as {@link #pendingProperty() pending} until the
 * user confirms it (typing a protected container's name when required) or cancels; then it runs on a background
 * thread through the {@link ActionService}, and its outcome becomes {@link #resultProperty() the result}.
 */
public final class ActionPrompts {

    /** An action waiting for confirmation; {@code mustType} is the name to type, or null when a click will do. */
    public record Pending(ClusterAction action, String prompt, String mustType) {
    }

    private ActionService service;
    private String unavailable;
    private String actor;
    private final UiExecutor ui;
    private final Executor background;
    private final Runnable afterAction;
    private final ReadOnlyObjectWrapper<Pending> pending = new ReadOnlyObjectWrapper<>(this, "pending");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyBooleanWrapper resultOk = new ReadOnlyBooleanWrapper(this, "resultOk", true);

    /**
     * Call on the UI thread only: the service is bound there ({@link #bind}).
     *
     * @param service     null when actions are unavailable (no database, so no audit log)
     * @param unavailable why, shown when an action is requested without a service
     */
    public ActionPrompts(ActionService service, String unavailable, String actor, UiExecutor ui, Executor background) {
        this(service, unavailable, actor, ui, background, () -> { });
    }

    /** @param afterAction runs on the UI thread after each action that was carried out (e.g. to refresh) */
    public ActionPrompts(ActionService service, String unavailable, String actor, UiExecutor ui, Executor background,
            Runnable afterAction) {
        this.service = service;
        this.unavailable = unavailable;
        this.actor = actor;
        this.ui = ui;
        this.background = background;
        this.afterAction = afterAction;
    }

    /**
     * Actions become available (or stay unavailable, saying why) once the database has been opened.
     *
     * @param newActor who acts, as the audit log records it ("user@host")
     */
    public void bind(ActionService newService, String newActor, String why) {
        this.service = newService;
        this.actor = newActor;
        this.unavailable = why;
    }

    public void request(ClusterAction action) {
        if (service == null) {
            show(false, "Actions are unavailable: " + unavailable);
            return;
        }
        Requirement requirement = service.requirement(action);
        pending.set(new Pending(action, requirement.prompt(), requirement.mustType()));
    }

    /** Confirms the pending action with what was typed (ignored when no name is required). */
    public void confirm(String typed) {
        Pending action = pending.get();
        if (action == null) {
            return;
        }
        pending.set(null);
        busy.set(true);
        show(true, action.action().describe() + "…");
        Confirmation confirmation = action.mustType() == null ? Confirmation.clicked() : Confirmation.typed(typed);
        background.execute(() -> {
            ActionResult outcome = service.perform(action.action(), actor, confirmation);
            ui.execute(() -> {
                busy.set(false);
                show(outcome.ok(), switch (outcome.outcome()) {
                    case OK -> "Done: " + action.action().describe() + (outcome.message().isEmpty() ? ""
                            : " (" + outcome.message() + ")");
                    case FAILED -> "Failed: " + action.action().describe() + ": " + outcome.message();
                    case REFUSED -> "Not done: " + outcome.message();
                });
                afterAction.run();
            });
        });
    }

    public void cancel() {
        pending.set(null);
    }

    public void dismissResult() {
        result.set("");
    }

    private void show(boolean ok, String text) {
        resultOk.set(ok);
        result.set(text);
    }

    public ReadOnlyObjectProperty<Pending> pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty resultOkProperty() {
        return resultOk.getReadOnlyProperty();
    }
}
