package dev.hydra.ui.cluster;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hydra.ui.common.Lists;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The containers of every node: filter field ("/" focuses it), grouping, sortable columns, and actions. */
final class ContainersTable extends VBox {

    private final TextField filter = new TextField();
    private final TreeTableView<LiveContainerRow> table = new TreeTableView<>();
    private java.util.List<String> lastShape = java.util.List.of();

    ContainersTable(ContainersViewModel vm, ContainerLogViewModel logs) {
        setSpacing(8);
        Label title = new Label("Containers");
        title.getStyleClass().add(Styles.TITLE_4);
        Label summary = new Label();
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);

        filter.setId("container-filter");
        filter.setPromptText("Filter  /");
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        ChoiceBox<ContainersViewModel.Grouping> grouping = new ChoiceBox<>();
        grouping.getItems().setAll(ContainersViewModel.Grouping.values());
        grouping.valueProperty().bindBidirectional(vm.groupingProperty());
        Button restart = action("Restart", Feather.ROTATE_CW, vm::restart);
        Button stop = action("Stop", Feather.SQUARE, vm::stop);
        Button start = action("Start", Feather.PLAY, vm::start);
        Button log = action("Logs", Feather.FILE_TEXT, logs::show);
        log.setId("container-logs");
        restart.setId("container-restart");
        stop.setId("container-stop");
        start.setId("container-start");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, title, filter, grouping, spacer, restart, stop, start, log);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        table.setId("containers");
        table.setShowRoot(false);
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "hl-one-line-rows");
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(320);
        table.setPlaceholder(new Label("No containers: configure docker for a node in hydra.yaml"));
        table.getColumns().add(text("Name", 170, r -> r.protectedContainer() ? r.name() + " (protected)" : r.name()));
        table.getColumns().add(text("Node", 100, ContainerRow::node));
        table.getColumns().add(text("Project", 100, r -> r.project() == null ? "" : r.project()));
        table.getColumns().add(text("State", 80, ContainerRow::state));
        TreeTableColumn<LiveContainerRow, String> health = text("Health", 80, ContainerRow::health);
        health.setCellFactory(column -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeIf(c -> c.startsWith("hl-health-"));
                if (!empty && item != null && !item.isEmpty()) {
                    getStyleClass().add("hl-health-" + item);
                }
            }
        });
        table.getColumns().add(health);
        table.getColumns().add(sortedBy("Up", 80, ContainerRow::uptimeText, ContainerRow::uptimeSeconds));
        table.getColumns().add(sortedBy("Restarts", 70, r -> Integer.toString(r.restarts()), ContainerRow::restarts));
        table.getColumns().add(sortedBy("CPU", 70, ContainerRow::cpuText,
                r -> r.cpuPercent() == null ? -1.0 : r.cpuPercent()));
        table.getColumns().add(sortedBy("Memory", 80, ContainerRow::memoryText,
                r -> r.memoryBytes() == null ? -1L : r.memoryBytes()));
        table.getColumns().add(text("Image", 160, ContainerRow::image));
        table.getColumns().add(text("Ports", 160, ContainerRow::ports));
        VBox.setVgrow(table, Priority.ALWAYS);

        Lists.render(vm.groups(), () -> rebuild(vm));
        restart.disableProperty().bind(table.getSelectionModel().selectedItemProperty().map(i -> !isContainer(i))
                .orElse(true));
        stop.disableProperty().bind(restart.disableProperty());
        start.disableProperty().bind(restart.disableProperty());
        log.disableProperty().bind(restart.disableProperty());
        getChildren().addAll(toolbar, summary, table);
    }

    void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    /**
     * Updates the rows in place when the same containers are shown in the same groups (the usual case: only
     * figures changed), through each row's property, so only the cells whose text changed are touched (setting a
     * tree item's value would make the table rebuild every cell); otherwise rebuilds the tree, keeping the selected
     * container and collapsed groups.
     */
    private void rebuild(ContainersViewModel vm) {
        java.util.List<String> shape = shape(vm);
        if (shape.equals(lastShape) && table.getRoot() != null) {
            java.util.Iterator<TreeItem<LiveContainerRow>> items = leaves(table.getRoot()).iterator();
            for (ContainerGroup group : vm.groups()) {
                for (ContainerRow row : group.rows()) {
                    items.next().getValue().update(row);
                }
            }
            return;
        }
        lastShape = shape;
        ContainerRow selected = selectedRow();
        Set<String> collapsed = new HashSet<>();
        if (table.getRoot() != null) {
            table.getRoot().getChildren().stream().filter(g -> !g.isExpanded() && g.getValue() != null)
                    .forEach(g -> collapsed.add(g.getValue().row().name()));
        }
        TreeItem<LiveContainerRow> root = new TreeItem<>();
        TreeItem<LiveContainerRow> select = null;
        for (ContainerGroup group : vm.groups()) {
            TreeItem<LiveContainerRow> parent = root;
            if (group.title() != null) {
                ContainerRow header = new ContainerRow(null, null, group.title() + "  (" + group.rows().size() + ")",
                        null, "", "", "", -1, 0, null, "", null, "", "", "", false);
                parent = new TreeItem<>(new LiveContainerRow(header));
                parent.setExpanded(!collapsed.contains(header.name()));
                root.getChildren().add(parent);
            }
            for (ContainerRow row : group.rows()) {
                TreeItem<LiveContainerRow> item = new TreeItem<>(new LiveContainerRow(row));
                parent.getChildren().add(item);
                if (selected != null && row.id().equals(selected.id()) && row.node().equals(selected.node())) {
                    select = item;
                }
            }
        }
        java.util.List<TreeTableColumn<LiveContainerRow, ?>> order = java.util.List.copyOf(table.getSortOrder());
        table.setRoot(root);
        table.getSortOrder().setAll(order);
        if (select != null) {
            table.getSelectionModel().select(select);
        }
    }

    private static java.util.List<String> shape(ContainersViewModel vm) {
        java.util.List<String> shape = new java.util.ArrayList<>();
        for (ContainerGroup group : vm.groups()) {
            shape.add("#" + group.title() + "/" + group.rows().size());
            group.rows().forEach(row -> shape.add(row.node() + "/" + row.id()));
        }
        return shape;
    }

    private static java.util.List<TreeItem<LiveContainerRow>> leaves(TreeItem<LiveContainerRow> root) {
        java.util.List<TreeItem<LiveContainerRow>> leaves = new java.util.ArrayList<>();
        for (TreeItem<LiveContainerRow> child : root.getChildren()) {
            if (child.getValue() != null && child.getValue().row().id() == null) {
                leaves.addAll(child.getChildren());
            } else {
                leaves.add(child);
            }
        }
        return leaves;
    }

    private ContainerRow selectedRow() {
        TreeItem<LiveContainerRow> item = table.getSelectionModel().getSelectedItem();
        return isContainer(item) ? item.getValue().row() : null;
    }

    private static boolean isContainer(TreeItem<LiveContainerRow> item) {
        return item != null && item.getValue() != null && item.getValue().row().id() != null;
    }

    private Button action(String text, Feather icon, java.util.function.Consumer<ContainerRow> act) {
        Button button = new Button(text, new FontIcon(icon));
        button.setOnAction(e -> {
            ContainerRow row = selectedRow();
            if (row != null) {
                act.accept(row);
            }
        });
        return button;
    }

    private static TreeTableColumn<LiveContainerRow, String> text(String title, double width,
            Function<ContainerRow, String> value) {
        TreeTableColumn<LiveContainerRow, String> column = new TreeTableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> cell.getValue().getValue() == null ? new ReadOnlyObjectWrapper<>("")
                : cell.getValue().getValue().rowProperty().map(value));
        return column;
    }

    /** A column that prints {@code text} but sorts by {@code key} (numbers sort as numbers, not as text). */
    private static <N extends Comparable<N>> TreeTableColumn<LiveContainerRow, ContainerRow> sortedBy(String title,
            double width, Function<ContainerRow, String> text, Function<ContainerRow, N> key) {
        TreeTableColumn<LiveContainerRow, ContainerRow> column = new TreeTableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> cell.getValue().getValue() == null ? new ReadOnlyObjectWrapper<>()
                : cell.getValue().getValue().rowProperty());
        column.setComparator(Comparator.nullsFirst(Comparator.comparing(key)));
        column.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(ContainerRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null || item.id() == null ? null : text.apply(item));
            }
        });
        return column;
    }
}
