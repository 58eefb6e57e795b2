package dev.hydra.ui.controls;

import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A labelled usage bar: "/  41 GiB of 252 GiB" over a bar that turns to warning colours at 80 % and 95 %.
 */
public final class Meter extends VBox {

    private static final PseudoClass HIGH = PseudoClass.getPseudoClass("high");
    private static final PseudoClass CRITICAL = PseudoClass.getPseudoClass("critical");

    public Meter(String caption, ObservableValue<String> text, ObservableValue<? extends Number> fraction) {
        getStyleClass().add("hl-meter");
        Label captionLabel = new Label(caption);
        captionLabel.getStyleClass().add("caption");
        Label value = new Label();
        value.getStyleClass().add("value");
        value.textProperty().bind(text);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(captionLabel, spacer, value);
        header.setAlignment(Pos.BASELINE_LEFT);
        getChildren().addAll(header, bar(fraction));
        setSpacing(3);
    }

    /** The bar alone. */
    public static ProgressBar bar(ObservableValue<? extends Number> fraction) {
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("hl-meter-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(fraction);
        fraction.subscribe(f -> {
            double v = f == null ? 0 : f.doubleValue();
            bar.pseudoClassStateChanged(HIGH, v >= 0.8 && v < 0.95);
            bar.pseudoClassStateChanged(CRITICAL, v >= 0.95);
        });
        return bar;
    }
}
