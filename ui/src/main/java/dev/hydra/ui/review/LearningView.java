package dev.hydra.ui.review;

import atlantafx.base.theme.Styles;
import dev.hydra.ui.common.Lists;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
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

    private static final PseudoClass HEADING = PseudoClass.getPseudoClass("heading");

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
        ObservableList<String> choices = FXCollections.observableArrayList();
        Runnable fill = () -> {
            List<String> all = new ArrayList<>();
            all.add(null);
            all.addAll(vm.characterChoices());
            choices.setAll(all);
        };
        fill.run();
        vm.characterChoices().addListener((ListChangeListener<String>) c -> fill.run());
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
        TableColumn<LevelRow, String> kind = column("Factor", LevelRow::kind, 100);
        TableColumn<LevelRow, String> level = column("Level", LevelRow::level, 160);
        TableColumn<LevelRow, LevelRow> bar = new TableColumn<>("90 % interval");
        bar.setPrefWidth(130);
        bar.setCellValueFactory(data -> new SimpleObjectProperty<>(data.getValue()));
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
        TableColumn<LevelRow, String> acceptance = column("Acceptance", LevelRow::acceptanceText, 130);
        TableColumn<LevelRow, String> evidence = column("Evidence", LevelRow::evidenceText, 95);
        table.getColumns().setAll(List.of(kind, level, bar, acceptance, evidence));
        table.setPlaceholder(new Label("No decisions yet: accept and reject images, and the table fills."));

        VBox lines = new VBox(4);
        lines.setId("learning-recommendations");
        lines.getStyleClass().add("hl-recommendations");
        lines.setPadding(new Insets(4, 8, 8, 8));
        Label none = new Label("Recommendations appear once settings have evidence.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        Lists.render(vm.recommendations(), () -> lines.getChildren().setAll(vm.recommendations().isEmpty()
                ? List.of(none) : vm.recommendations().stream().map(LearningView::line).toList()));
        ScrollPane recommendations = new ScrollPane(lines);
        recommendations.setFitToWidth(true);
        recommendations.setFocusTraversable(false);
        Label recTitle = new Label("Recommendations (with their evidence)");
        recTitle.getStyleClass().add(Styles.TITLE_4);
        VBox right = new VBox(6, recTitle, recommendations);
        VBox.setVgrow(recommendations, Priority.ALWAYS);
        right.setPrefWidth(420);
        right.setMinWidth(320);
        right.setPadding(new Insets(0, 16, 12, 8));
        VBox left = new VBox(table);
        left.setMinWidth(0);
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

    private static TableColumn<LevelRow, String> column(String name, Function<LevelRow, String> value, double width) {
        TableColumn<LevelRow, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setCellValueFactory(data -> new SimpleStringProperty(value.apply(data.getValue())));
        return column;
    }

    /** One line of advice, wrapped to the page's width; a group's heading ("▸ Character mira · …") in bold. */
    private static Label line(String text) {
        Label line = new Label(text.strip());
        line.setWrapText(true);
        line.setMaxWidth(Double.MAX_VALUE);
        boolean heading = text.startsWith("▸");
        line.pseudoClassStateChanged(HEADING, heading);
        line.setPadding(new Insets(heading ? 8 : 0, 0, 0, heading ? 0 : 14));
        return line;
    }
}
