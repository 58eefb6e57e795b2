package dev.hydra.ui.review;

import atlantafx.base.theme.Styles;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Learning page (Shift+L): the acceptance table with interval bars, the model's held-out quality, and the
 * recommendations with their evidence. State lives in {@link LearningViewModel}.
 */
final class LearningView extends BorderPane {

    LearningView(LearningViewModel vm, Runnable close) {
        getStyleClass().add("hl-learning");
        setId("learning-view");
        Label title = new Label("Learning");
        title.getStyleClass().add(Styles.TITLE_3);
        Label summary = new Label();
        summary.setId("learning-summary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        ComboBox<String> character = new ComboBox<>();
        javafx.collections.ObservableList<String> choices = FXCollections.observableArrayList();
        Runnable fill = () -> {
            java.util.List<String> all = new java.util.ArrayList<>();
            all.add(null);
            all.addAll(vm.characterChoices());
            choices.setAll(all);
        };
        fill.run();
        vm.characterChoices().addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        character.setItems(choices);
        character.setPromptText("All characters");
        character.setButtonCell(cell());
        character.setCellFactory(list -> cell());
        character.valueProperty().bindBidirectional(vm.characterProperty());
        character.setFocusTraversable(false);
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refresh());
        refresh.setFocusTraversable(false);
        Button done = new Button("Back to review (Esc)");
        done.setOnAction(e -> close.run());
        done.setFocusTraversable(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, character, spacer, refresh, done);
        header.setAlignment(Pos.CENTER_LEFT);
        Label quality = new Label();
        quality.setId("learning-quality");
        quality.textProperty().bind(vm.qualityProperty());
        quality.setWrapText(true);
        quality.getStyleClass().add("hl-learning-quality");
        VBox top = new VBox(6, header, summary, quality);
        top.setPadding(new Insets(12, 16, 8, 16));
        setTop(top);

        TableView<LevelRow> table = new TableView<>(vm.rows());
        table.setId("learning-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setFocusTraversable(false);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<LevelRow, String> kind = column("Factor", LevelRow::kind, 110);
        TableColumn<LevelRow, String> level = column("Level", LevelRow::level, 220);
        TableColumn<LevelRow, LevelRow> bar = new TableColumn<>("90 % interval");
        bar.setPrefWidth(180);
        bar.setCellValueFactory(data -> new javafx.beans.property.SimpleObjectProperty<>(data.getValue()));
        bar.setCellFactory(c -> new TableCell<>() {
            private final IntervalBar picture = new IntervalBar();

            @Override
            protected void updateItem(LevelRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                } else {
                    picture.show(row);
                    setGraphic(picture);
                }
            }
        });
        TableColumn<LevelRow, String> acceptance = column("Acceptance", LevelRow::acceptanceText, 160);
        TableColumn<LevelRow, String> evidence = column("Evidence", LevelRow::evidenceText, 110);
        table.getColumns().setAll(java.util.List.of(kind, level, bar, acceptance, evidence));
        table.setPlaceholder(new Label("No decisions yet: accept and reject images, and the table fills."));

        ListView<String> recommendations = new ListView<>(vm.recommendations());
        recommendations.setId("learning-recommendations");
        recommendations.setFocusTraversable(false);
        recommendations.getStyleClass().add(Styles.DENSE);
        recommendations.setPlaceholder(new Label("Recommendations appear once settings have evidence."));
        Label recTitle = new Label("Recommendations (with their evidence)");
        recTitle.getStyleClass().add(Styles.TITLE_4);
        VBox right = new VBox(6, recTitle, recommendations);
        VBox.setVgrow(recommendations, Priority.ALWAYS);
        right.setPrefWidth(520);
        right.setPadding(new Insets(0, 16, 12, 8));
        VBox left = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        left.setPadding(new Insets(0, 8, 12, 16));
        HBox body = new HBox(left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        setCenter(body);
    }

    private static ListCell<String> cell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "All characters" : item);
            }
        };
    }

    private static TableColumn<LevelRow, String> column(String name, java.util.function.Function<LevelRow, String> value,
            double width) {
        TableColumn<LevelRow, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setCellValueFactory(data -> new javafx.beans.property.SimpleStringProperty(value.apply(data.getValue())));
        return column;
    }
}
