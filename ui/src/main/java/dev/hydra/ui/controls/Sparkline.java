package dev.hydra.ui.controls;

import javafx.scene.layout.Region;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import java.util.ArrayList;
import java.util.List;

/**
 * A small line chart of recent values, oldest on the left. Styled by CSS (.hl-sparkline .line / .area). Cheap:
 * two paths rebuilt on layout, no chart axes or animation.
 */
public final class Sparkline extends Region {

    private final Path line = new Path();
    private final Path area = new Path();
    private final double fixedMax;
    private double[] values = new double[0];

    /** @param fixedMax the value at the top edge, or NaN to scale to the largest value shown */
    public Sparkline(double fixedMax) {
        this.fixedMax = fixedMax;
        getStyleClass().add("hl-sparkline");
        line.getStyleClass().add("line");
        area.getStyleClass().add("area");
        area.setManaged(false);
        line.setManaged(false);
        getChildren().addAll(area, line);
        setMinSize(40, 16);
    }

    public void setValues(double[] newValues) {
        double[] next = newValues == null ? new double[0] : newValues;
        if (!java.util.Arrays.equals(values, next)) {
            values = next;
            requestLayout();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 180;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 36;
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double width = getWidth() - left - snappedRightInset();
        double height = getHeight() - top - snappedBottomInset();
        List<PathElement> stroke = new ArrayList<>();
        List<PathElement> fill = new ArrayList<>();
        double[] values = downsample(this.values, Math.max(2, (int) (width / 2)));
        if (values.length >= 2 && width > 0 && height > 0) {
            double max = Double.isNaN(fixedMax) ? Math.max(1e-9, max(values)) : fixedMax;
            double step = width / (values.length - 1);
            fill.add(new MoveTo(left, top + height));
            for (int i = 0; i < values.length; i++) {
                double x = left + i * step;
                double y = top + height - Math.max(0, Math.min(1, values[i] / max)) * height;
                stroke.add(i == 0 ? new MoveTo(x, y) : new LineTo(x, y));
                fill.add(new LineTo(x, y));
            }
            fill.add(new LineTo(left + width, top + height));
            fill.add(new ClosePath());
        }
        line.getElements().setAll(stroke);
        area.getElements().setAll(fill);
    }

    /** At most {@code points} values: the mean of each run, so 15 minutes of seconds fit the pixels they get. */
    static double[] downsample(double[] values, int points) {
        if (values.length <= points) {
            return values;
        }
        double[] out = new double[points];
        for (int p = 0; p < points; p++) {
            int start = (int) ((long) p * values.length / points);
            int end = (int) ((long) (p + 1) * values.length / points);
            double sum = 0;
            for (int i = start; i < end; i++) {
                sum += values[i];
            }
            out[p] = sum / Math.max(1, end - start);
        }
        return out;
    }

    private static double max(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, value);
        }
        return max;
    }
}
