package dev.hydra.ui.cluster;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Firing alerts (silence for N hours, or end a silence) beside the services' HTTP health. */
final class AlertsPanel extends HBox {

    AlertsPanel(AlertsViewModel vm) {
        super(16);
        Label alertsTitle = new Label("Alerts", new FontIcon(Feather.BELL));
        alertsTitle.getStyleClass().add(Styles.TITLE_4);
        Label alertSummary = new Label();
        alertSummary.getStyleClass().add(Styles.TEXT_MUTED);
        alertSummary.setWrapText(true);
        alertSummary.textProperty().bind(vm.alertSummaryProperty());
        TableView<AlertRow> alerts = new TableView<>(vm.alerts());
        alerts.setId("alerts");
        alerts.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "hl-one-line-rows");
        alerts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        alerts.setPlaceholder(new Label("Nothing firing"));
        alerts.setPrefHeight(200);
        TableColumn<AlertRow, String> severity = column("Severity", 80, AlertRow::severity);
        severity.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("hl-alert-critical", "hl-alert-warning");
                if (!empty && ("critical".equals(item) || "warning".equals(item))) {
                    getStyleClass().add("hl-alert-" + item);
                }
            }
        });
        alerts.getColumns().add(column("Alert", 140, AlertRow::name));
        alerts.getColumns().add(severity);
        alerts.getColumns().add(column("State", 70, AlertRow::stateText));
        alerts.getColumns().add(column("Where", 90, AlertRow::where));
        alerts.getColumns().add(column("Since", 80, AlertRow::since));
        alerts.getColumns().add(column("Summary", 220, AlertRow::summary));
        Spinner<Integer> hours = new Spinner<>(1, 168, 2);
        hours.setPrefWidth(80);
        hours.setEditable(true);
        hours.getValueFactory().valueProperty().addListener((o, a, b) -> vm.silenceHoursProperty().set(b));
        Button silence = new Button("Silence", new FontIcon(Feather.BELL_OFF));
        silence.setId("alert-silence");
        Button unsilence = new Button("End silence");
        var selected = alerts.getSelectionModel().selectedItemProperty();
        silence.disableProperty().bind(selected.map(r -> r.silenced()).orElse(true));
        unsilence.disableProperty().bind(selected.map(r -> !r.silenced()).orElse(true));
        silence.setOnAction(e -> vm.silence(selected.get()));
        unsilence.setOnAction(e -> vm.unsilence(selected.get()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox alertTools = new HBox(8, alertsTitle, spacer, new Label("for"), hours, new Label("h"), silence, unsilence);
        alertTools.setAlignment(Pos.CENTER_LEFT);
        VBox alertBox = new VBox(8, alertTools, alertSummary, alerts);
        HBox.setHgrow(alertBox, Priority.ALWAYS);

        Label servicesTitle = new Label("Services", new FontIcon(Feather.ACTIVITY));
        servicesTitle.getStyleClass().add(Styles.TITLE_4);
        TableView<ServiceRow> services = new TableView<>(vm.services());
        services.setId("services");
        services.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "hl-one-line-rows");
        services.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        services.setPlaceholder(new Label("No services configured (services: in hydra.yaml)"));
        services.setPrefHeight(200);
        TableColumn<ServiceRow, String> status = column("Status", 150, ServiceRow::statusText);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("hl-service-up", "hl-service-down");
                if (!empty && item != null) {
                    getStyleClass().add(item.startsWith("up") ? "hl-service-up" : "hl-service-down");
                }
            }
        });
        services.getColumns().add(column("Service", 110, ServiceRow::name));
        services.getColumns().add(status);
        services.getColumns().add(column("Latency", 70, ServiceRow::latencyText));
        services.getColumns().add(column("URL", 180, ServiceRow::url));
        VBox serviceBox = new VBox(8, servicesTitle, services);
        serviceBox.setPrefWidth(460);
        getChildren().addAll(alertBox, serviceBox);
    }

    private static <R> TableColumn<R, String> column(String title, double width, Function<R, String> value) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
