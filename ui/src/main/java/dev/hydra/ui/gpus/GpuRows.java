package dev.hydra.ui.gpus;

import atlantafx.base.theme.Tweaks;
import dev.hydra.ui.common.Lists;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;

/**
 * GPU tiles in rows of as many as fit the width, in a virtualised list: only the rows on screen are laid out. One
 * tile view per GPU is kept and moved between rows as the list scrolls or the width changes.
 */
final class GpuRows extends ListView<List<GpuTileViewModel>> {

    private static final double TILE_WIDTH = 476;
    private final Map<GpuTileViewModel, GpuTileView> views = new HashMap<>();
    private final GpusViewModel vm;
    private int columns = 1;

    GpuRows(GpusViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "hl-gpu-rows");
        setFocusTraversable(false);
        setCellFactory(list -> new ListCell<>() {
            private final HBox row = new HBox(16);

            {
                row.setPadding(new Insets(8, 20, 8, 20));
                getStyleClass().add("hl-gpu-row");
            }

            @Override
            protected void updateItem(List<GpuTileViewModel> tiles, boolean empty) {
                super.updateItem(tiles, empty);
                setText(null);
                if (empty || tiles == null) {
                    row.getChildren().clear();
                    setGraphic(null);
                } else {
                    row.getChildren().setAll(tiles.stream().map(GpuRows.this::view).toList());
                    setGraphic(row);
                }
            }
        });
        Lists.render(vm.tiles(), this::regroup);
        widthProperty().subscribe(width -> {
            int fit = Math.max(1, (int) ((width.doubleValue() - 40) / TILE_WIDTH));
            if (fit != columns) {
                columns = fit;
                regroup();
            }
        });
    }

    private GpuTileView view(GpuTileViewModel tile) {
        return views.computeIfAbsent(tile, GpuTileView::new);
    }

    private void regroup() {
        views.keySet().retainAll(vm.tiles());
        List<List<GpuTileViewModel>> rows = new ArrayList<>();
        for (int i = 0; i < vm.tiles().size(); i += columns) {
            rows.add(List.copyOf(vm.tiles().subList(i, Math.min(vm.tiles().size(), i + columns))));
        }
        Lists.replaceIfChanged(getItems(), rows);
    }
}
