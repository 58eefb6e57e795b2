package dev.hydra.services.review;

import dev.hydra.services.imaging.Pixels;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;

/**
 * The numbers behind the quality flags, measured on a reduced grey copy of the image.
 *
 * @param meanLuma          mean brightness 0–255
 * @param lumaSpread        standard deviation of brightness
 * @param laplacianVariance variance of the 4-neighbour Laplacian: low means little edge detail (blur, flat fill)
 * @param clippedShare      share of pixels at 0–2 or 253–255
 * @param perceptualHash    64-bit difference hash (dHash): similar pictures differ in few bits
 */
public record QualityMeasures(double meanLuma, double lumaSpread, double laplacianVariance, double clippedShare,
        long perceptualHash) {

    public static QualityMeasures of(Pixels pixels) {
        double[] luma = pixels.luma();
        DoubleStatistics brightness = DoubleStatistics.of(java.util.EnumSet.of(Statistic.MEAN,
                Statistic.STANDARD_DEVIATION), luma);
        int w = pixels.width();
        int h = pixels.height();
        DoubleStatistics laplacian = DoubleStatistics.builder(Statistic.VARIANCE).build();
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                laplacian.accept(luma[i - 1] + luma[i + 1] + luma[i - w] + luma[i + w] - 4 * luma[i]);
            }
        }
        long clipped = 0;
        for (double value : luma) {
            if (value <= 2.5 || value >= 252.5) {
                clipped++;
            }
        }
        double variance = laplacian.getCount() == 0 ? 0 : laplacian.getAsDouble(Statistic.VARIANCE);
        return new QualityMeasures(brightness.getAsDouble(Statistic.MEAN),
                luma.length < 2 ? 0 : brightness.getAsDouble(Statistic.STANDARD_DEVIATION), variance,
                luma.length == 0 ? 0 : (double) clipped / luma.length, differenceHash(luma, w, h));
    }

    /** dHash: shrink to 9x8 by area averaging, one bit per horizontal neighbour pair (left brighter than right). */
    static long differenceHash(double[] luma, int w, int h) {
        double[] small = new double[9 * 8];
        for (int row = 0; row < 8; row++) {
            for (int col = 0; col < 9; col++) {
                int x0 = col * w / 9;
                int x1 = Math.max(x0 + 1, (col + 1) * w / 9);
                int y0 = row * h / 8;
                int y1 = Math.max(y0 + 1, (row + 1) * h / 8);
                double sum = 0;
                int n = 0;
                for (int y = y0; y < Math.min(y1, h); y++) {
                    for (int x = x0; x < Math.min(x1, w); x++) {
                        sum += luma[y * w + x];
                        n++;
                    }
                }
                small[row * 9 + col] = n == 0 ? 0 : sum / n;
            }
        }
        long hash = 0;
        for (int row = 0; row < 8; row++) {
            for (int col = 0; col < 8; col++) {
                hash = (hash << 1) | (small[row * 9 + col] > small[row * 9 + col + 1] ? 1 : 0);
            }
        }
        return hash;
    }
}
