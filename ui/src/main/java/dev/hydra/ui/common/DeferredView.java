package dev.hydra.ui.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A view whose content needs something that comes after the first frame (the database, for one): it says what it
 * waits for, then shows the content once it is there.
 */
public final class DeferredView extends StackPane {

    public DeferredView(String waitingFor) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(28, 28);
        Label label = new Label(waitingFor);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        VBox waiting = new VBox(10, spinner, label);
        waiting.setAlignment(Pos.CENTER);
        getStyleClass().add("hl-deferred");
        getChildren().setAll(waiting);
    }

    public void show(Node content) {
        getChildren().setAll(content);
    }
}
