package dev.hydra.ui.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The honest placeholder for a view whose feature is not built yet. */
public final class PlannedFeatureView extends VBox {

    public PlannedFeatureView(PlannedFeature feature) {
        getStyleClass().add("hl-planned");
        setPadding(new Insets(32));
        setSpacing(14);
        setMaxWidth(720);

        FontIcon icon = new FontIcon(Feather.TOOL);
        icon.getStyleClass().add("hl-planned-icon");
        Label title = new Label(feature.title() + " — not built yet");
        title.getStyleClass().add(Styles.TITLE_2);
        Label what = paragraph(feature.whatItWillShow());
        Label heading = new Label("How it will be set up");
        heading.getStyleClass().add(Styles.TITLE_4);
        Label how = paragraph(feature.howToSetItUp());
        getChildren().addAll(icon, title, what, heading, how);
    }

    private static Label paragraph(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }
}
