package dev.hydra.ui.gpus;

import atlantafx.base.theme.Styles;
import dev.hydra.ui.common.Lists;
import dev.hydra.ui.controls.Figure;
import dev.hydra.ui.controls.Meter;
import dev.hydra.ui.controls.Sparkline;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
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

        GridPane processes = new GridPane();
        processes.getStyleClass().add("hl-processes");
        processes.setHgap(14);
        processes.setVgap(2);
        Lists.render(vm.processes(), () -> showProcesses(processes, vm));

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

    /**
     * The processes as a plain grid: a tile per GPU with a table each would cost a virtualised table layout per GPU
     * on every refresh, and these lists are short. With as many processes as before, the labels keep their places
     * and only their text changes (new labels would each need a CSS pass).
     */
    private static void showProcesses(GridPane grid, GpuTileViewModel vm) {
        int columns = 4;
        if (!vm.processes().isEmpty() && grid.getChildren().size() == columns * (vm.processes().size() + 1)) {
            int cell = columns;
            for (GpuProcessRow process : vm.processes()) {
                for (String text : new String[] {Long.toString(process.pid()), process.memoryText(),
                        process.container(), process.name()}) {
                    ((Label) grid.getChildren().get(cell++)).setText(text);
                }
            }
            return;
        }
        if (vm.processes().isEmpty() && grid.getChildren().size() == 1) {
            return;
        }
        grid.getChildren().clear();
        if (vm.processes().isEmpty()) {
            Label none = new Label("No compute processes");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            grid.add(none, 0, 0);
            return;
        }
        String[] headers = {"PID", "VRAM", "Container", "Process"};
        for (int c = 0; c < headers.length; c++) {
            Label header = new Label(headers[c]);
            header.getStyleClass().add("caption");
            grid.add(header, c, 0);
        }
        int row = 1;
        for (GpuProcessRow process : vm.processes()) {
            grid.add(new Label(Long.toString(process.pid())), 0, row);
            grid.add(new Label(process.memoryText()), 1, row);
            grid.add(new Label(process.container()), 2, row);
            Label name = new Label(process.name());
            name.setMaxWidth(200);
            grid.add(name, 3, row++);
        }
    }
}
