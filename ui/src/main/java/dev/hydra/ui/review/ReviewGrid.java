package dev.hydra.ui.review;

import java.util.stream.IntStream;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.SetChangeListener;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;

/**
 * A virtualized grid: a ListView whose rows hold as many tiles as fit the width, so only the visible rows exist
 * however many images there are (20,000 make about 2,500 rows, of which a dozen are built). Unlike ControlsFX's
 * GridView it can scroll to a row, which keyboard navigation needs.
 */
final class ReviewGrid extends ListView<Integer> {

    static final double TILE = 168;

    private final ReviewViewModel vm;
    private final ThumbnailImages thumbnails;
    private final ObservableList<Integer> rows = FXCollections.observableArrayList();
    private final java.util.Set<RowCell> cells = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    private int columns = 1;

    ReviewGrid(ReviewViewModel vm, ThumbnailImages thumbnails) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        getStyleClass().add("hl-review-grid");
        setItems(rows);
        setFixedCellSize(TILE + 6);
        setFocusTraversable(false);
        setCellFactory(list -> new RowCell());
        widthProperty().addListener((obs, old, now) -> layoutRows());
        vm.items().addListener((ListChangeListener<ReviewItem>) change -> {
            boolean structural = false;
            while (change.next()) {
                structural |= change.wasAdded() && !change.wasReplaced() || change.wasRemoved() && !change.wasReplaced();
            }
            if (structural) {
                layoutRows();
            } else {
                redraw();
            }
        });
        vm.selection().addListener((SetChangeListener<Long>) change -> redraw());
        vm.indexProperty().addListener((obs, old, now) -> {
            redraw();
            if (now.intValue() >= 0 && isVisible()) {
                scrollIntoView(now.intValue() / columns);
            }
        });
        layoutRows();
    }

    int columns() {
        return columns;
    }

    private void layoutRows() {
        columns = Math.max(1, (int) ((getWidth() - 24) / (TILE + 6)));
        int count = (vm.items().size() + columns - 1) / columns;
        if (rows.size() != count) {
            rows.setAll(IntStream.range(0, count).boxed().toList());
        }
        redraw();
    }

    /** Re-renders the rows on screen (ListView.refresh() would throw every cell away and build new ones). */
    private void redraw() {
        for (RowCell cell : cells) {
            cell.render();
        }
    }

    private void scrollIntoView(int row) {
        int visibleRows = Math.max(1, (int) (getHeight() / getFixedCellSize()) - 1);
        var flow = lookup(".virtual-flow");
        if (flow instanceof javafx.scene.control.skin.VirtualFlow<?> virtualFlow) {
            int first = virtualFlow.getFirstVisibleCell() == null ? 0 : virtualFlow.getFirstVisibleCell().getIndex();
            if (row >= first && row < first + visibleRows) {
                return;
            }
        }
        scrollTo(Math.max(0, row - visibleRows / 2));
    }

    private final class RowCell extends ListCell<Integer> {
        private final HBox box = new HBox(6);

        RowCell() {
            getStyleClass().add("hl-grid-row");
            setGraphic(box);
            cells.add(this);
        }

        @Override
        protected void updateItem(Integer row, boolean empty) {
            super.updateItem(row, empty);
            render();
        }

        void render() {
            Integer row = getItem();
            if (isEmpty() || row == null) {
                box.getChildren().clear();
                return;
            }
            while (box.getChildren().size() < columns) {
                Tile tile = new Tile(TILE);
                tile.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
                box.getChildren().add(tile);
            }
            box.getChildren().remove(columns, box.getChildren().size());
            for (int c = 0; c < columns; c++) {
                int at = row * columns + c;
                ReviewItem item = at < vm.items().size() ? vm.items().get(at) : null;
                ((Tile) box.getChildren().get(c)).show(item, at == vm.indexProperty().get(),
                        item != null && vm.selection().contains(item.id()), thumbnails);
            }
        }

        private void clicked(MouseEvent event) {
            Tile tile = (Tile) event.getSource();
            int at = getItem() * columns + box.getChildren().indexOf(tile);
            vm.select(at, event.isShiftDown(), event.isShortcutDown());
            if (event.getClickCount() == 2) {
                vm.toggleGrid();
            }
            ReviewGrid.this.getParent().requestFocus();
        }
    }
}
