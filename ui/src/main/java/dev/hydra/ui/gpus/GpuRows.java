package dev.hydra.ui.gpus;

import atlantafx.base.theme.Tweaks;
import dev.hydra.ui.common.Lists;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;

/**
 * GPU tiles in rows of as many as fit the width, in a virtualised list: only the rows on screen are laid out. Each
 * row cell owns its tiles and shows in them whichever GPUs its row holds, as cells are reused while scrolling (a
 * tile shared between cells would be pulled out of one cell whenever the list measures another).
 */
final class GpuRows extends ListView<List<GpuTileViewModel>> {

    private static final double TILE_WIDTH = 476;
    private final GpusViewModel vm;
    private int columns = 1;

    GpuRows(GpusViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "hl-gpu-rows");
        setFocusTraversable(false);
        setCellFactory(list -> new RowCell());
        Lists.render(vm.tiles(), this::regroup);
        widthProperty().subscribe(width -> {
            int fit = Math.max(1, (int) ((width.doubleValue() - 40) / TILE_WIDTH));
            if (fit != columns) {
                columns = fit;
                regroup();
            }
        });
    }

    private void regroup() {
        List<List<GpuTileViewModel>> rows = new ArrayList<>();
        for (int i = 0; i < vm.tiles().size(); i += columns) {
            rows.add(List.copyOf(vm.tiles().subList(i, Math.min(vm.tiles().size(), i + columns))));
        }
        Lists.replaceIfChanged(getItems(), rows);
    }

    private static final class RowCell extends ListCell<List<GpuTileViewModel>> {
        private final HBox row = new HBox(16);
        private final List<GpuTileView> tiles = new ArrayList<>();

        RowCell() {
            row.setPadding(new Insets(8, 20, 8, 20));
            getStyleClass().add("hl-gpu-row");
            setText(null);
        }

        @Override
        protected void updateItem(List<GpuTileViewModel> gpus, boolean empty) {
            super.updateItem(gpus, empty);
            List<GpuTileViewModel> shown = empty || gpus == null ? List.of() : gpus;
            while (tiles.size() < shown.size()) {
                tiles.add(new GpuTileView());
            }
            for (int i = 0; i < tiles.size(); i++) {
                tiles.get(i).show(i < shown.size() ? shown.get(i) : null);
            }
            if (row.getChildren().size() != shown.size()) {
                row.getChildren().setAll(tiles.subList(0, shown.size()));
            }
            setGraphic(shown.isEmpty() ? null : row);
        }
    }
}
