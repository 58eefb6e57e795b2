package dev.hydra.ui.chat;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hydra.services.chat.Passage;
import dev.hydra.ui.common.Lists;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The memory side panel: core memory blocks to read and edit, archival memory to search and add to. */
final class MemoryPanelView extends ScrollPane {

    MemoryPanelView(MemoryPanelViewModel vm) {
        getStyleClass().addAll("hl-memory-panel", Tweaks.EDGE_TO_EDGE);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        Label core = heading("Core memory");
        Label status = muted();
        status.textProperty().bind(vm.statusProperty());
        VBox blocks = new VBox(10);
        Lists.render(vm.blocks(), () -> blocks.getChildren().setAll(vm.blocks().stream()
                .map(block -> (Node) block(block, vm)).toList()));

        Label archival = heading("Archival memory");
        TextField query = new TextField();
        query.setPromptText("Search passages");
        query.textProperty().bindBidirectional(vm.queryProperty());
        query.setOnAction(e -> vm.search());
        HBox.setHgrow(query, Priority.ALWAYS);
        Button search = new Button(null, new FontIcon(Feather.SEARCH));
        search.setOnAction(e -> vm.search());
        Label archivalStatus = muted();
        archivalStatus.textProperty().bind(vm.archivalStatusProperty());
        VBox passages = new VBox(6);
        Lists.render(vm.passages(), () -> passages.getChildren().setAll(vm.passages().stream()
                .map(passage -> (Node) passage(passage, vm)).toList()));
        TextArea add = new TextArea();
        add.setPromptText("Something the agent should remember");
        add.setPrefRowCount(2);
        add.setWrapText(true);
        add.textProperty().bindBidirectional(vm.newPassageProperty());
        Button addButton = new Button("Add to archival memory", new FontIcon(Feather.PLUS));
        addButton.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.newPassageProperty().get() == null
                || vm.newPassageProperty().get().isBlank(), vm.newPassageProperty()));
        addButton.setOnAction(e -> vm.addPassage());

        VBox content = new VBox(10, core, status, blocks, archival, new HBox(6, query, search), archivalStatus, passages,
                add, addButton);
        content.setPadding(new Insets(12));
        setContent(content);
    }

    private static Node block(MemoryBlockViewModel block, MemoryPanelViewModel vm) {
        Label label = new Label(block.label());
        label.getStyleClass().add(Styles.TEXT_BOLD);
        Label chars = new Label();
        chars.getStyleClass().add("caption");
        chars.textProperty().bind(Bindings.createStringBinding(block::charsText, block.chars()));
        Label changed = new Label("changed by the agent", new FontIcon(Feather.EDIT_3));
        changed.getStyleClass().add("hl-changed-badge");
        changed.visibleProperty().bind(block.changedByAgentProperty());
        changed.managedProperty().bind(block.changedByAgentProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, label, changed, spacer, chars);
        header.setAlignment(Pos.CENTER_LEFT);

        TextArea editor = new TextArea();
        editor.setWrapText(true);
        editor.setPrefRowCount(4);
        editor.textProperty().bindBidirectional(block.draftProperty());
        editor.editableProperty().bind(block.readOnlyProperty().not());
        editor.setId("memory-" + block.label());
        Label before = new Label();
        before.setWrapText(true);
        before.setMinHeight(Region.USE_PREF_SIZE);
        before.getStyleClass().add("hl-memory-before");
        before.textProperty().bind(Bindings.concat("Before: ", block.previousValueProperty()));
        before.visibleProperty().bind(block.changedByAgentProperty());
        before.managedProperty().bind(block.changedByAgentProperty());
        Button save = new Button("Save", new FontIcon(Feather.SAVE));
        save.getStyleClass().add(Styles.ACCENT);
        save.setId("save-" + block.label());
        save.disableProperty().bind(block.dirty().not().or(block.savingProperty()));
        save.setOnAction(e -> vm.save(block));
        Button revert = new Button("Revert");
        revert.disableProperty().bind(block.dirty().not());
        revert.setOnAction(e -> vm.revert(block));
        Label problem = new Label();
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(block.problemProperty());
        VBox card = new VBox(6, header, before, editor, new HBox(6, save, revert), problem);
        card.getStyleClass().add("hl-memory-block");
        block.changedByAgentProperty().subscribe(v -> card.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("changed"), v));
        return card;
    }

    private static Node passage(Passage passage, MemoryPanelViewModel vm) {
        Label text = new Label(passage.text());
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Label when = new Label(EntryView.format(passage.createdAt()) + (passage.tags().isEmpty() ? ""
                : "  ·  " + String.join(", ", passage.tags())));
        when.getStyleClass().add("caption");
        Button delete = new Button(null, new FontIcon(Feather.TRASH_2));
        delete.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON);
        delete.setOnAction(e -> vm.delete(passage));
        VBox box = new VBox(2, new HBox(6, text, delete), when);
        box.getStyleClass().add("hl-passage");
        return box;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TITLE_4);
        return label;
    }

    private static Label muted() {
        Label label = new Label();
        label.setWrapText(true);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }
}
