package dev.hydra.ui.review;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The key list shown on "?": every review key, including the configured reason keys. */
final class HelpOverlay extends StackPane {

    HelpOverlay(Map<String, String> reasonKeys) {
        getStyleClass().add("hl-help-overlay");
        setId("review-help");
        GridPane keys = new GridPane();
        keys.setHgap(16);
        keys.setVgap(6);
        List<String[]> rows = new ArrayList<>(List.of(
                new String[] {"P  or  A", "accept, then the next image"},
                new String[] {"X  or  R", "reject, then the next image"},
                new String[] {"U", "unflag (back to pending)"},
                new String[] {"Space", "skip to the next image"},
                new String[] {"←  →", "previous / next"},
                new String[] {"1 – 5", "rating"},
                new String[] {"Z", "zoom to 100 %; drag to move"},
                new String[] {"G", "grid; Shift+click or Shift+arrows select, then A / X decide them all"},
                new String[] {"Ctrl+Z", "undo the last decision (the last 10 are listed on the right)"},
                new String[] {"Shift+R", "re-generate the image just rejected (rejects the current one first): new "
                        + "seed, learned settings if switched on in the ⟳ menu"},
                new String[] {"Shift+C", "compare two images of one prompt: ← or → picks the better, Esc leaves"},
                new String[] {"Shift+L", "learning: acceptance by setting, model quality, recommendations"},
                new String[] {"?", "this help; Esc closes it"}));
        StringBuilder reasons = new StringBuilder();
        reasonKeys.entrySet().forEach(e ->
                reasons.append(reasons.isEmpty() ? "" : "   ").append(e.getKey()).append(" ").append(e.getValue()));
        rows.add(6, new String[] {"after X / R", "the reason: " + reasons});
        int row = 0;
        for (String[] pair : rows) {
            Label key = new Label(pair[0]);
            key.getStyleClass().add("hl-kbd");
            key.setMinWidth(Region.USE_PREF_SIZE);
            Label what = new Label(pair[1]);
            what.setWrapText(true);
            keys.addRow(row++, key, what);
        }
        Label title = new Label("Review keys");
        title.getStyleClass().add(Styles.TITLE_3);
        Label note = new Label("Each decision is saved before the next image shows.");
        note.getStyleClass().add(Styles.TEXT_MUTED);
        VBox card = new VBox(12, title, keys, note);
        card.getStyleClass().add("hl-help-card");
        card.setPadding(new Insets(20));
        card.setMaxSize(620, USE_PREF_SIZE);
        setAlignment(Pos.CENTER);
        getChildren().add(card);
    }
}
