package dev.hydra.ui.shell;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The palette's card: a search field over the matching commands. Up/Down choose, Enter runs, Esc closes. */
final class CommandPaletteView extends VBox {

    private final CustomTextField search = new CustomTextField();

    CommandPaletteView(CommandPaletteViewModel vm) {
        getStyleClass().addAll("hl-card", "hl-palette");
        setMaxSize(560, 420);
        setSpacing(8);

        search.setPromptText("Type a view or an action…");
        search.setLeft(new FontIcon(Feather.SEARCH));
        search.textProperty().bindBidirectional(vm.queryProperty());
        search.getStyleClass().add(Styles.LARGE);

        ListView<PaletteCommand> results = new ListView<>(vm.results());
        results.getStyleClass().add("hl-palette-results");
        results.setCellFactory(list -> new CommandCell());
        results.setPlaceholder(new Label("No matching view or action"));
        results.setFocusTraversable(false);
        vm.selectedIndexProperty().subscribe(index -> {
            results.getSelectionModel().select(index.intValue());
            if (index.intValue() >= 0) {
                results.scrollTo(index.intValue());
            }
        });
        results.setOnMouseClicked(e -> {
            vm.selectedIndexProperty().set(results.getSelectionModel().getSelectedIndex());
            vm.runSelected();
        });
        VBox.setVgrow(results, Priority.ALWAYS);

        search.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case DOWN -> vm.moveSelection(1);
                case UP -> vm.moveSelection(-1);
                case ENTER -> vm.runSelected();
                case ESCAPE -> vm.close();
                default -> {
                    return;
                }
            }
            e.consume();
        });
        getChildren().addAll(search, results);
    }

    void focusSearch() {
        search.requestFocus();
    }

    private static final class CommandCell extends ListCell<PaletteCommand> {
        @Override
        protected void updateItem(PaletteCommand command, boolean empty) {
            super.updateItem(command, empty);
            if (empty || command == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label title = new Label(command.title());
            Label group = new Label(command.group());
            group.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            Label shortcut = new Label(command.shortcut());
            shortcut.getStyleClass().add("hl-kbd");
            shortcut.setVisible(!command.shortcut().isEmpty());
            HBox row = new HBox(10, title, group, spacer, shortcut);
            row.setAlignment(Pos.CENTER_LEFT);
            setGraphic(row);
            setText(null);
        }
    }

}
