package dev.hydra.ui.review;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The right-hand column: the generation metadata, quality flags, the character's reference, the last decisions. */
final class MetadataPanel extends VBox {

    private final GridPane facts = new GridPane();
    private final Label title = new Label();
    private final Label decision = new Label();
    private final Label predicted = new Label();
    private final VBox flags = new VBox(4);
    private final ImageView reference = new ImageView();
    private final Label referenceCaption = new Label();
    private final VBox referenceBox = new VBox(4, referenceCaption, reference);

    MetadataPanel(ReviewViewModel vm) {
        getStyleClass().add("hl-metadata-panel");
        setSpacing(10);
        setPadding(new Insets(12));
        setPrefWidth(360);
        setMinWidth(300);
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        decision.getStyleClass().add("hl-decision");
        facts.setHgap(10);
        facts.setVgap(6);
        reference.setFitWidth(300);
        reference.setFitHeight(300);
        reference.setPreserveRatio(true);
        referenceCaption.getStyleClass().add(Styles.TEXT_MUTED);
        referenceBox.managedProperty().bind(referenceBox.visibleProperty());

        predicted.setId("review-predicted");
        predicted.getStyleClass().add(Styles.TEXT_MUTED);
        predicted.managedProperty().bind(predicted.visibleProperty());
        vm.currentProperty().subscribe(item -> {
            predicted.setVisible(item != null && item.predicted() != null);
            predicted.setText(item == null || item.predicted() == null ? "" : "Predicted acceptance "
                    + Math.round(100 * item.predicted()) + " %");
        });
        ScrollPane scroll = new ScrollPane(new VBox(10, title, decision, predicted, flags, facts, referenceBox));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);

        Label recentTitle = new Label("Last decisions · Ctrl+Z undoes the top one");
        recentTitle.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        ListView<DecisionRow> recent = new ListView<>(vm.recentDecisions());
        recent.setId("review-recent");
        recent.setFocusTraversable(false);
        recent.setFixedCellSize(22);
        recent.setPrefHeight(10 * 22 + 4);
        recent.setMinHeight(10 * 22 + 4);
        recent.getStyleClass().addAll(Styles.DENSE, "hl-recent");
        recent.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(DecisionRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.text());
            }
        });
        getChildren().addAll(scroll, recentTitle, recent);

        vm.detailsProperty().subscribe(this::show);
        vm.referenceProperty().subscribe(path -> {
            referenceBox.setVisible(path != null);
            reference.setImage(path == null ? null : new javafx.scene.image.Image(path.toUri().toString(), 300, 300,
                    true, true, true));
            referenceCaption.setText(path == null ? "" : "Reference: " + vm.currentProperty().get().character());
        });
    }

    private void show(ReviewDetails details) {
        facts.getChildren().clear();
        flags.getChildren().clear();
        if (details == null) {
            title.setText("");
            decision.setText("");
            return;
        }
        title.setText(details.fileName());
        decision.setText(details.decision());
        for (String flag : details.flags()) {
            Label chip = new Label(flag);
            chip.getStyleClass().add(flag.startsWith("quality not") ? "hl-flag-muted" : "hl-flag");
            flags.getChildren().add(chip);
        }
        for (String problem : details.problems()) {
            Label warning = new Label("⚠ " + problem);
            warning.setWrapText(true);
            warning.getStyleClass().add("hl-flag");
            flags.getChildren().add(warning);
        }
        int row = 0;
        row = fact(row, "Prompt", details.positive());
        row = fact(row, "Negative", details.negative());
        row = fact(row, "Checkpoint", details.checkpoint());
        row = fact(row, "LoRAs", details.loras().isEmpty() ? ReviewDetails.NONE : String.join("\n", details.loras()));
        row = fact(row, "Sampler", details.sampler());
        row = fact(row, "Steps", details.steps());
        row = fact(row, "CFG", details.cfg());
        row = fact(row, "Seed", details.seed());
        row = fact(row, "Denoise", details.denoise());
        row = fact(row, "Size", details.generationSize() + " requested · " + details.imageSize() + " pixels");
        row = fact(row, "Character", details.character());
        row = fact(row, "Scene", details.scene());
        row = fact(row, "Source", details.source());
        List<String> others = details.otherPasses();
        if (!others.isEmpty()) {
            row = fact(row, "First pass", String.join("\n", others));
        }
        fact(row, "File", details.path());
    }

    private int fact(int row, String name, String value) {
        Label key = new Label(name);
        key.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        key.setMinWidth(72);
        GridPane.setValignment(key, javafx.geometry.VPos.TOP);
        Label text = new Label(value);
        text.setWrapText(true);
        text.setMaxWidth(260);
        text.getStyleClass().add("hl-fact");
        facts.addRow(row, key, text);
        return row + 1;
    }
}
