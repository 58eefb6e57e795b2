package dev.hydra.ui.gpus;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hydra.ui.controls.Figure;
import dev.hydra.ui.controls.Meter;
import dev.hydra.ui.controls.Sparkline;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** One GPU: headline figures, VRAM and power meters, 15-minute history, and the processes using it. */
public final class GpuTileView extends VBox {

    public GpuTileView(GpuTileViewModel vm) {
        getStyleClass().addAll("hl-card", "hl-gpu-tile");
        setSpacing(10);
        setPrefWidth(460);

        Label title = new Label(null, new FontIcon(Feather.CPU));
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(vm.titleProperty());
        Label subtitle = new Label();
        subtitle.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        subtitle.textProperty().bind(vm.subtitleProperty());

        Label stale = new Label(null, new FontIcon(Feather.ALERT_TRIANGLE));
        stale.getStyleClass().addAll("hl-problem", Styles.WARNING);
        stale.setWrapText(true);
        stale.textProperty().bind(vm.staleTextProperty());
        stale.visibleProperty().bind(vm.staleProperty());
        stale.managedProperty().bind(stale.visibleProperty());

        HBox figures = new HBox(22,
                new Figure("Utilization", vm.utilizationTextProperty()),
                new Figure("Temperature", vm.temperatureTextProperty()),
                new Figure("Fan", vm.fanTextProperty()),
                new Figure("SM clock", vm.clockTextProperty()),
                new Figure("P-state", vm.pstateTextProperty()));
        figures.setAlignment(Pos.BOTTOM_LEFT);

        Meter memory = new Meter("VRAM", vm.memoryTextProperty(), vm.memoryFractionProperty());
        Meter power = new Meter("Power", vm.powerTextProperty(), vm.powerFractionProperty());

        HBox history = new HBox(16, history("Utilization, 15 min", vm.utilizationHistoryProperty()),
                history("VRAM, 15 min", vm.memoryHistoryProperty()));

        TableView<GpuProcessRow> processes = new TableView<>(vm.processes());
        processes.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "hl-processes");
        processes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        processes.setPlaceholder(new Label("No compute processes"));
        processes.setPrefHeight(150);
        processes.getColumns().add(column("PID", 70, row -> row.pid()));
        processes.getColumns().add(column("VRAM", 90, GpuProcessRow::memoryText));
        processes.getColumns().add(column("Container", 120, GpuProcessRow::container));
        processes.getColumns().add(column("Process", 200, GpuProcessRow::name));

        Label via = new Label();
        via.getStyleClass().add("hl-via");
        via.setWrapText(true);
        via.textProperty().bind(vm.viaTextProperty());
        Button eco = new Button("Eco mode", new FontIcon(Feather.FEATHER));
        eco.setTooltip(new javafx.scene.control.Tooltip("Lower the power limit to the configured share of the default"));
        eco.setOnAction(e -> vm.ecoOn());
        Button full = new Button("Default limit");
        full.setOnAction(e -> vm.ecoOff());
        Label ecoCaption = new Label("Power limit");
        ecoCaption.getStyleClass().add("caption");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox powerActions = new HBox(8, ecoCaption, spacer, eco, full);
        powerActions.setAlignment(Pos.CENTER_LEFT);
        powerActions.visibleProperty().bind(vm.powerControllableProperty());
        powerActions.managedProperty().bind(powerActions.visibleProperty());

        getChildren().addAll(title, subtitle, via, stale, figures, memory, power, powerActions, history, processes);
    }

    private static VBox history(String caption, ObservableValue<double[]> values) {
        Label captionLabel = new Label(caption);
        captionLabel.getStyleClass().add("caption");
        Sparkline sparkline = new Sparkline(100);
        values.subscribe(sparkline::setValues);
        VBox box = new VBox(2, captionLabel, sparkline);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    private static <T> TableColumn<GpuProcessRow, T> column(String title, double width,
            java.util.function.Function<GpuProcessRow, T> value) {
        TableColumn<GpuProcessRow, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
