package dev.hydra.ui.controls;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A headline number with its caption above it ("CPU" over "38 %"), optionally followed by more nodes. */
public final class Figure extends VBox {

    public Figure(String caption, ObservableValue<String> value, Node... below) {
        super(2);
        getStyleClass().add("hl-figure-box");
        Label captionLabel = new Label(caption);
        captionLabel.getStyleClass().add("caption");
        Label valueLabel = new Label();
        valueLabel.getStyleClass().add("hl-figure");
        valueLabel.textProperty().bind(value);
        getChildren().addAll(captionLabel, valueLabel);
        getChildren().addAll(below);
    }
}
