package dev.hydra.ui.cluster;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** A containers-table row whose figures change in place; the table's cells follow {@link #rowProperty()}. */
public final class LiveContainerRow {

    private final ReadOnlyObjectWrapper<ContainerRow> row;

    LiveContainerRow(ContainerRow row) {
        this.row = new ReadOnlyObjectWrapper<>(this, "row", row);
    }

    void update(ContainerRow next) {
        if (!next.equals(row.get())) {
            row.set(next);
        }
    }

    public ContainerRow row() {
        return row.get();
    }

    public ReadOnlyObjectProperty<ContainerRow> rowProperty() {
        return row.getReadOnlyProperty();
    }
}
