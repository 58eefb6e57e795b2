package dev.hydra.services.imaging;

/**
 * A decoded image at reduced size, as packed 0xRRGGBB values (alpha dropped, composited on black).
 *
 * @param sourceWidth  the full image's width (before reduction)
 */
public record Pixels(int width, int height, int[] rgb, int sourceWidth, int sourceHeight) {

    /** Luminance 0–255 per pixel (Rec. 601 weights). */
    public double[] luma() {
        double[] luma = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            luma[i] = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
        }
        return luma;
    }
}
