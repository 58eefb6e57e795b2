package dev.hydra.ui.review;

import javafx.css.PseudoClass;
import javafx.scene.layout.Region;

/**
 * A 0–100 % track with the 90 % interval as a bar and the posterior mean as a tick: the Learning page's picture of
 * one acceptance rate. Muted when there is not enough evidence.
 */
final class IntervalBar extends Region {

    private final Region track = new Region();
    private final Region interval = new Region();
    private final Region mean = new Region();
    private double lower;
    private double upper;
    private double centre;

    IntervalBar() {
        getStyleClass().add("hl-interval");
        track.getStyleClass().add("hl-interval-track");
        interval.getStyleClass().add("hl-interval-bar");
        mean.getStyleClass().add("hl-interval-mean");
        getChildren().addAll(track, interval, mean);
        setPrefSize(160, 14);
        setMinHeight(14);
    }

    void show(LevelRow row) {
        lower = row.lower();
        upper = row.upper();
        centre = row.mean();
        pseudoClassStateChanged(PseudoClass.getPseudoClass("weak"), !row.enough());
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        track.resizeRelocate(0, h / 2 - 1, w, 2);
        interval.resizeRelocate(lower * w, 2, Math.max(2, (upper - lower) * w), h - 4);
        mean.resizeRelocate(Math.max(0, centre * w - 1), 0, 2, h);
    }
}
