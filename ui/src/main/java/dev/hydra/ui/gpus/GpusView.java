package dev.hydra.ui.gpus;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hydra.ui.common.Lists;
import dev.hydra.ui.controls.ConfirmPane;
import dev.hydra.ui.controls.ResultBar;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The GPUs view: a tile per GPU, or a clear statement of why there is none. Tiles sit in rows of a virtualised list,
 * so a cluster of 160 GPUs lays out only the tiles on screen.
 */
public final class GpusView extends BorderPane {

    public GpusView(GpusViewModel vm) {
        getStyleClass().addAll("hl-view", "hl-gpus-view");

        Button unit = new Button();
        unit.getStyleClass().addAll(Styles.FLAT, "hl-unit-toggle");
        unit.textProperty().bind(vm.temperatureUnitProperty().map(u -> u == TemperatureUnit.CELSIUS ? "°C" : "°F"));
        unit.setOnAction(e -> vm.toggleTemperatureUnit());
        unit.setTooltip(new javafx.scene.control.Tooltip("Switch between °C and °F"));
        HBox toolbar = new HBox(8, new Label("Temperature"), unit);
        toolbar.setAlignment(Pos.CENTER_RIGHT);
        toolbar.setPadding(new Insets(8, 20, 0, 20));

        GpuRows scroll = new GpuRows(vm);

        FontIcon icon = new FontIcon(Feather.CPU);
        icon.getStyleClass().add("hl-empty-icon");
        Label message = new Label();
        message.getStyleClass().add(Styles.TITLE_4);
        message.setWrapText(true);
        message.textProperty().bind(vm.emptyMessageProperty());
        Label hint = new Label();
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.textProperty().bind(vm.emptyHintProperty());
        VBox empty = new VBox(12, icon, message, hint);
        empty.getStyleClass().add("hl-empty-state");
        empty.setMaxWidth(640);
        empty.setPadding(new Insets(40));

        var noTiles = javafx.beans.binding.Bindings.isEmpty(vm.tiles());
        empty.visibleProperty().bind(noTiles);
        scroll.visibleProperty().bind(noTiles.not());
        setTop(new VBox(toolbar, new ResultBar(vm.prompts())));
        setCenter(new javafx.scene.layout.StackPane(scroll, empty, new ConfirmPane(vm.prompts())));
        javafx.scene.layout.StackPane.setAlignment(empty, Pos.TOP_LEFT);
    }
}
