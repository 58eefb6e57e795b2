package dev.hydra.ui.review;

import javafx.geometry.Orientation;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseEvent;

/** The strip of thumbnails under the image: virtualized, follows the current image, a click shows one. */
final class Filmstrip extends ListView<ReviewItem> {

    static final double TILE = 92;

    Filmstrip(ReviewViewModel vm, ThumbnailImages thumbnails) {
        super(vm.items());
        getStyleClass().add("hl-filmstrip");
        setOrientation(Orientation.HORIZONTAL);
        setFixedCellSize(TILE + 4);
        setPrefHeight(TILE + 22);
        setMinHeight(TILE + 22);
        setFocusTraversable(false);
        java.util.Set<ListCell<ReviewItem>> cells = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
        setCellFactory(list -> new ListCell<>() {
            private final Tile tile = new Tile(TILE);

            {
                cells.add(this);
                setGraphic(tile);
                tile.addEventHandler(MouseEvent.MOUSE_CLICKED, event -> {
                    vm.select(getIndex(), event.isShiftDown(), event.isShortcutDown());
                    Filmstrip.this.getParent().requestFocus();
                });
            }

            @Override
            protected void updateItem(ReviewItem item, boolean empty) {
                super.updateItem(item, empty);
                tile.show(empty ? null : item, !empty && getIndex() == vm.indexProperty().get(), false, thumbnails);
            }
        });
        vm.indexProperty().addListener((obs, old, now) -> {
            // Only the current-image mark moves: update the cells on screen instead of refresh(), which rebuilds all.
            for (ListCell<ReviewItem> cell : cells) {
                if (!cell.isEmpty()) {
                    ((Tile) cell.getGraphic()).show(cell.getItem(), cell.getIndex() == now.intValue(), false, thumbnails);
                }
            }
            int at = now.intValue();
            if (at >= 0 && isVisible()) {
                var flow = (javafx.scene.control.skin.VirtualFlow<?>) lookup(".virtual-flow");
                boolean onScreen = flow != null && flow.getFirstVisibleCell() != null && flow.getLastVisibleCell() != null
                        && at > flow.getFirstVisibleCell().getIndex() && at < flow.getLastVisibleCell().getIndex();
                if (!onScreen) {
                    scrollTo(Math.max(0, at - 4));
                }
            }
        });
    }
}
