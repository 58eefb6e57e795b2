package dev.hydra.ui.review;

import dev.hydra.services.review.ReviewState;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;

/** One thumbnail with its state (accepted / rejected), rating and selection, for the grid and the filmstrip. */
final class Tile extends StackPane {

    private static final PseudoClass ACCEPTED = PseudoClass.getPseudoClass("accepted");
    private static final PseudoClass REJECTED = PseudoClass.getPseudoClass("rejected");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    private final ImageView image = new ImageView();
    private final Label badge = new Label();
    private ReviewItem item;

    Tile(double size) {
        getStyleClass().add("hl-tile");
        setPrefSize(size, size);
        setMinSize(size, size);
        setMaxSize(size, size);
        image.setFitWidth(size - 8);
        image.setFitHeight(size - 8);
        image.setPreserveRatio(true);
        badge.getStyleClass().add("hl-tile-badge");
        StackPane.setAlignment(badge, Pos.BOTTOM_LEFT);
        getChildren().addAll(image, badge);
    }

    void show(ReviewItem shown, boolean current, boolean selected, ThumbnailImages thumbnails) {
        boolean changed = item == null || shown == null || !item.contentHash().equals(shown.contentHash());
        item = shown;
        if (shown == null) {
            image.setImage(null);
            badge.setText("");
            setVisible(false);
            return;
        }
        setVisible(true);
        if (changed) {
            image.setImage(null);
            thumbnails.load(shown, loaded -> {
                if (item != null && item.contentHash().equals(shown.contentHash())) {
                    image.setImage(loaded);
                }
            });
        }
        pseudoClassStateChanged(ACCEPTED, shown.state() == ReviewState.ACCEPTED);
        pseudoClassStateChanged(REJECTED, shown.state() == ReviewState.REJECTED);
        pseudoClassStateChanged(SELECTED, selected);
        pseudoClassStateChanged(CURRENT, current);
        String stars = shown.rating() == null ? "" : "★".repeat(shown.rating());
        String flag = switch (shown.state()) {
            case ACCEPTED -> "✓ ";
            case REJECTED -> "✗ ";
            case PENDING -> "";
        };
        String predicted = shown.predicted() == null || shown.state() != ReviewState.PENDING ? ""
                : " " + Math.round(100 * shown.predicted()) + "%";
        badge.setText(flag + stars + (shown.flags().isEmpty() ? "" : " ⚠") + predicted);
        badge.setVisible(!badge.getText().isBlank());
    }

    ReviewItem item() {
        return item;
    }
}
