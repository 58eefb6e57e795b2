package dev.hydra.ui.review;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Two images of one prompt side by side (Shift+C): ← picks the left, → the right. */
final class ComparisonView extends BorderPane {

    ComparisonView(ComparisonViewModel vm) {
        getStyleClass().add("hl-comparison");
        setId("comparison-view");
        Label title = new Label("Which is better?");
        title.getStyleClass().add(Styles.TITLE_3);
        Label status = new Label();
        status.setId("comparison-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        VBox top = new VBox(4, title, status);
        top.setPadding(new Insets(12, 16, 8, 16));
        setTop(top);
        HBox sides = new HBox(12, side(vm.leftProperty(), "←"), side(vm.rightProperty(), "→"));
        sides.setPadding(new Insets(0, 16, 16, 16));
        sides.setAlignment(Pos.CENTER);
        setCenter(sides);
    }

    private VBox side(ObservableValue<ComparisonViewModel.Side> shown, String key) {
        ImageView view = new ImageView();
        view.setPreserveRatio(true);
        view.setSmooth(true);
        Label caption = new Label();
        caption.getStyleClass().add(Styles.TEXT_SMALL);
        VBox box = new VBox(6, view, caption);
        box.setAlignment(Pos.CENTER);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        view.fitWidthProperty().bind(widthProperty().subtract(56).divide(2));
        view.fitHeightProperty().bind(heightProperty().subtract(120));
        shown.subscribe(side -> {
            view.setImage(side == null ? null : new Image(side.path().toUri().toString(), 1024, 1024, true, true,
                    true));
            caption.setText(side == null ? "" : key + "  " + side.caption());
        });
        return box;
    }
}
