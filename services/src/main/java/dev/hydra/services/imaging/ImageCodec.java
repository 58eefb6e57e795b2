package dev.hydra.services.imaging;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Decodes images headless with the JDK's ImageIO (PNG, JPEG; WebP when a plug-in is present) and writes JPEG
 * thumbnails. The only place outside the UI that touches pixels, and the only one allowed java.awt.image: the
 * services module has no JavaFX, and ImageIO is the decoder every JDK ships.
 */
public final class ImageCodec {

    private ImageCodec() {
    }

    /**
     * Decodes {@code file} so that its longer side is at most {@code maxSide}: subsampled while decoding (cheap),
     * then smoothly scaled.
     *
     * @throws IOException when the file is not a decodable image
     */
    public static Pixels decode(Path file, int maxSide) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot open " + file);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no decoder for this image format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > 200_000_000L) {
                    throw new IOException("the image is " + width + "x" + height + ", too large to decode");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(width, height) / (2 * maxSide));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage decoded = reader.read(0, param);
                BufferedImage scaled = scale(decoded, maxSide);
                int[] rgb = scaled.getRGB(0, 0, scaled.getWidth(), scaled.getHeight(), null, 0, scaled.getWidth());
                return new Pixels(scaled.getWidth(), scaled.getHeight(), rgb, width, height);
            } catch (RuntimeException e) {
                throw new IOException("the image data is damaged: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Writes pixels as a JPEG (quality 0.85), atomically: a reader never sees half a file. */
    public static void writeJpeg(Pixels pixels, Path target) throws IOException {
        BufferedImage image = new BufferedImage(pixels.width(), pixels.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, pixels.width(), pixels.height(), pixels.rgb(), 0, pixels.width());
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".thumb", ".tmp");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (OutputStream out = Files.newOutputStream(temporary);
                ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A smaller copy whose longer side is at most {@code maxSide}. */
    public static Pixels shrink(Pixels pixels, int maxSide) {
        if (Math.max(pixels.width(), pixels.height()) <= maxSide) {
            return pixels;
        }
        BufferedImage image = new BufferedImage(pixels.width(), pixels.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, pixels.width(), pixels.height(), pixels.rgb(), 0, pixels.width());
        BufferedImage scaled = scale(image, maxSide);
        return new Pixels(scaled.getWidth(), scaled.getHeight(),
                scaled.getRGB(0, 0, scaled.getWidth(), scaled.getHeight(), null, 0, scaled.getWidth()),
                pixels.sourceWidth(), pixels.sourceHeight());
    }

    private static BufferedImage scale(BufferedImage source, int maxSide) {
        int w = source.getWidth();
        int h = source.getHeight();
        double factor = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * factor));
        int th = Math.max(1, (int) Math.round(h * factor));
        BufferedImage target = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
