package dev.hydra.ui.audit;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The audit log: every action on the cluster, newest first, refused and failed ones included. */
public final class AuditLogView extends VBox {

    public AuditLogView(AuditLogViewModel vm) {
        super(10);
        getStyleClass().addAll("hl-view", "hl-audit-view");
        setPadding(new Insets(20));
        Label status = new Label();
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(vm.statusProperty());
        Button refresh = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setOnAction(e -> vm.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, status, spacer, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        TableView<AuditRow> table = new TableView<>(vm.rows());
        table.setId("audit");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No actions yet"));
        table.getColumns().add(column("When", 170, AuditRow::when));
        table.getColumns().add(column("Who", 150, AuditRow::actor));
        table.getColumns().add(column("Action", 160, AuditRow::action));
        table.getColumns().add(column("Target", 200, AuditRow::target));
        table.getColumns().add(column("Result", 70, AuditRow::outcome));
        table.getColumns().add(column("Detail", 360, AuditRow::detail));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(toolbar, table);
        sceneProperty().subscribe(scene -> {
            if (scene != null) {
                vm.refresh();
            }
        });
    }

    private static TableColumn<AuditRow, String> column(String title, double width, Function<AuditRow, String> value) {
        TableColumn<AuditRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
