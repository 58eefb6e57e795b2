package dev.hydra.ui.controls;

import atlantafx.base.theme.Styles;
import dev.hydra.ui.common.ActionPrompts;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The confirmation shown over a view while an action is pending: the question, a field for the protected
 * container's name when one must be typed, Confirm (disabled until the name matches) and Cancel; Escape cancels.
 */
public final class ConfirmPane extends StackPane {

    public ConfirmPane(ActionPrompts prompts) {
        getStyleClass().add("hl-confirm-scrim");
        Label question = new Label(null, new FontIcon(Feather.ALERT_TRIANGLE));
        question.getStyleClass().add(Styles.TITLE_4);
        question.setWrapText(true);
        TextField typed = new TextField();
        typed.setId("confirm-typed");
        Button confirm = new Button("Confirm");
        confirm.setId("confirm-action");
        confirm.getStyleClass().add(Styles.DANGER);
        confirm.setDefaultButton(true);
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        HBox buttons = new HBox(8, cancel, confirm);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox dialog = new VBox(12, question, typed, buttons);
        dialog.getStyleClass().addAll("hl-card", "hl-confirm");
        dialog.setMaxSize(520, USE_PREF_SIZE);
        getChildren().add(dialog);

        confirm.setOnAction(e -> prompts.confirm(typed.getText()));
        cancel.setOnAction(e -> prompts.cancel());
        typed.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                prompts.cancel();
            }
        });
        prompts.pendingProperty().subscribe(pending -> {
            setVisible(pending != null);
            if (pending == null) {
                return;
            }
            question.setText(pending.prompt());
            typed.clear();
            typed.setPromptText(pending.mustType() == null ? "" : "type " + pending.mustType());
            typed.setVisible(pending.mustType() != null);
            typed.setManaged(pending.mustType() != null);
            confirm.disableProperty().bind(typed.textProperty().map(text -> pending.mustType() != null
                    && !pending.mustType().equals(text)));
            (pending.mustType() != null ? typed : confirm).requestFocus();
        });
    }
}
