package dev.hydra.ui.controls;

import java.util.List;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/** One thin bar per CPU core, filled to its busy share (0–1). Styled by CSS (.hl-core-bars .bar/.track). */
public final class CoreBars extends Region {

    private static final double GAP = 2;
    private List<Double> fractions = List.of();

    public CoreBars() {
        getStyleClass().add("hl-core-bars");
        setMinHeight(14);
    }

    /** New figures move the bars; only a change in the number of cores adds or removes nodes (and their CSS). */
    public void setFractions(List<Double> newFractions) {
        boolean sameCount = newFractions.size() == fractions.size();
        fractions = List.copyOf(newFractions);
        if (sameCount) {
            requestLayout();
            return;
        }
        getChildren().clear();
        for (int i = 0; i < fractions.size(); i++) {
            Rectangle track = new Rectangle();
            track.getStyleClass().add("track");
            Rectangle bar = new Rectangle();
            bar.getStyleClass().add("bar");
            getChildren().addAll(track, bar);
        }
        requestLayout();
    }

    @Override
    protected double computePrefHeight(double width) {
        return 22;
    }

    @Override
    protected double computePrefWidth(double height) {
        return Math.max(40, fractions.size() * 8);
    }

    @Override
    protected void layoutChildren() {
        int count = fractions.size();
        if (count == 0) {
            return;
        }
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        double barWidth = Math.max(1, (width - GAP * (count - 1)) / count);
        for (int i = 0; i < count; i++) {
            double x = snappedLeftInset() + i * (barWidth + GAP);
            Rectangle track = (Rectangle) getChildren().get(2 * i);
            Rectangle bar = (Rectangle) getChildren().get(2 * i + 1);
            track.setX(x);
            track.setY(snappedTopInset());
            track.setWidth(barWidth);
            track.setHeight(height);
            double filled = height * fractions.get(i);
            bar.setX(x);
            bar.setY(snappedTopInset() + height - filled);
            bar.setWidth(barWidth);
            bar.setHeight(filled);
        }
    }
}
