package dev.hydra.ui.cluster;

import atlantafx.base.theme.Styles;
import dev.hydra.services.containers.LogLine;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A container's followed log under the table: stderr lines marked, scrolled to the newest while at the bottom. */
final class ContainerLogPane extends VBox {

    ContainerLogPane(ContainerLogViewModel vm) {
        super(6);
        getStyleClass().add("hl-log-pane");
        Label title = new Label(null, new FontIcon(Feather.FILE_TEXT));
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(vm.titleProperty());
        Button close = new Button("Close");
        close.setOnAction(e -> vm.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, close);
        header.setAlignment(Pos.CENTER_LEFT);
        ListView<LogLine> lines = new ListView<>(vm.lines());
        lines.setId("container-log");
        lines.getStyleClass().addAll(Styles.DENSE, "hl-log");
        lines.setPrefHeight(260);
        lines.setPlaceholder(new Label("Waiting for log lines…"));
        lines.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(LogLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty || line == null ? null : line.text());
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("stderr"), !empty && line != null
                        && line.stderr());
            }
        });
        vm.lines().addListener((ListChangeListener<LogLine>) change -> {
            if (!vm.lines().isEmpty()) {
                lines.scrollTo(vm.lines().size() - 1);
            }
        });
        getChildren().addAll(header, lines);
        visibleProperty().bind(vm.openProperty());
        managedProperty().bind(visibleProperty());
    }
}
