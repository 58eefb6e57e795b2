package dev.hydra.ui.gpus;

import atlantafx.base.theme.Styles;
import dev.hydra.ui.controls.Figure;
import dev.hydra.ui.controls.Meter;
import dev.hydra.ui.controls.Sparkline;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
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

/**
 * One GPU: headline figures, VRAM and power meters, 15-minute history, and the processes using it. A tile shows
 * whichever GPU it is given ({@link #show}), so the virtualised rows reuse their tiles as they scroll.
 */
public final class GpuTileView extends VBox {

    private final ObjectProperty<GpuTileViewModel> tile = new SimpleObjectProperty<>(this, "tile");
    private final GridPane processes = new GridPane();
    private final ListChangeListener<GpuProcessRow> processesChanged = change -> showProcesses();

    public GpuTileView() {
        getStyleClass().addAll("hl-card", "hl-gpu-tile");
        setSpacing(10);
        setPrefWidth(460);
        // A list cell may offer less than the preferred height; the bars and sparklines would be squeezed to nothing.
        setMinHeight(USE_PREF_SIZE);

        Label title = new Label(null, new FontIcon(Feather.CPU));
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(of(GpuTileViewModel::titleProperty));
        Label subtitle = new Label();
        subtitle.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        subtitle.textProperty().bind(of(GpuTileViewModel::subtitleProperty));

        Label stale = new Label(null, new FontIcon(Feather.ALERT_TRIANGLE));
        stale.getStyleClass().addAll("hl-problem", Styles.WARNING);
        stale.setWrapText(true);
        stale.textProperty().bind(of(GpuTileViewModel::staleTextProperty));
        stale.visibleProperty().bind(of(GpuTileViewModel::staleProperty).orElse(false));
        stale.managedProperty().bind(stale.visibleProperty());

        HBox figures = new HBox(22,
                new Figure("Utilization", of(GpuTileViewModel::utilizationTextProperty)),
                new Figure("Temperature", of(GpuTileViewModel::temperatureTextProperty)),
                new Figure("Fan", of(GpuTileViewModel::fanTextProperty)),
                new Figure("SM clock", of(GpuTileViewModel::clockTextProperty)),
                new Figure("P-state", of(GpuTileViewModel::pstateTextProperty)));
        figures.setAlignment(Pos.BOTTOM_LEFT);

        Meter memory = new Meter("VRAM", of(GpuTileViewModel::memoryTextProperty),
                of(GpuTileViewModel::memoryFractionProperty));
        Meter power = new Meter("Power", of(GpuTileViewModel::powerTextProperty),
                of(GpuTileViewModel::powerFractionProperty));

        HBox history = new HBox(16, history("Utilization, 15 min", of(GpuTileViewModel::utilizationHistoryProperty)),
                history("VRAM, 15 min", of(GpuTileViewModel::memoryHistoryProperty)));

        processes.getStyleClass().add("hl-processes");
        processes.setHgap(14);
        processes.setVgap(2);
        tile.addListener((obs, old, now) -> {
            if (old != null) {
                old.processes().removeListener(processesChanged);
            }
            if (now != null) {
                now.processes().addListener(processesChanged);
            }
            showProcesses();
        });

        Label via = new Label();
        via.getStyleClass().add("hl-via");
        via.setWrapText(true);
        via.textProperty().bind(of(GpuTileViewModel::viaTextProperty));
        Button eco = new Button("Eco mode", new FontIcon(Feather.FEATHER));
        eco.setTooltip(new javafx.scene.control.Tooltip("Lower the power limit to the configured share of the default"));
        eco.setOnAction(e -> tile.get().ecoOn());
        Button full = new Button("Default limit");
        full.setOnAction(e -> tile.get().ecoOff());
        Label ecoCaption = new Label("Power limit");
        ecoCaption.getStyleClass().add("caption");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox powerActions = new HBox(8, ecoCaption, spacer, eco, full);
        powerActions.setAlignment(Pos.CENTER_LEFT);
        powerActions.visibleProperty().bind(of(GpuTileViewModel::powerControllableProperty).orElse(false));
        powerActions.managedProperty().bind(powerActions.visibleProperty());

        getChildren().addAll(title, subtitle, via, stale, figures, memory, power, powerActions, history, processes);
    }

    /** Shows this GPU's figures (null: none, for an empty row). */
    public void show(GpuTileViewModel gpu) {
        tile.set(gpu);
    }

    private <T> ObservableValue<T> of(Function<GpuTileViewModel, ObservableValue<T>> property) {
        return tile.flatMap(property);
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
    private void showProcesses() {
        GridPane grid = processes;
        List<GpuProcessRow> rows = tile.get() == null ? List.of() : tile.get().processes();
        int columns = 4;
        if (!rows.isEmpty() && grid.getChildren().size() == columns * (rows.size() + 1)) {
            int cell = columns;
            for (GpuProcessRow process : rows) {
                for (String text : new String[] {Long.toString(process.pid()), process.memoryText(),
                        process.container(), process.name()}) {
                    ((Label) grid.getChildren().get(cell++)).setText(text);
                }
            }
            return;
        }
        if (rows.isEmpty() && grid.getChildren().size() == 1) {
            return;
        }
        grid.getChildren().clear();
        if (rows.isEmpty()) {
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
        for (GpuProcessRow process : rows) {
            grid.add(new Label(Long.toString(process.pid())), 0, row);
            grid.add(new Label(process.memoryText()), 1, row);
            grid.add(new Label(process.container()), 2, row);
            Label name = new Label(process.name());
            name.setMaxWidth(200);
            grid.add(name, 3, row++);
        }
    }
}
