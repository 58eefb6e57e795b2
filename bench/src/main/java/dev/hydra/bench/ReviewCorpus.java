package dev.hydra.bench;

import dev.hydra.services.testing.PngFiles;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Benchmark inputs made from the real fixtures: every file is a fixture (or an enlarged fixture) with one extra
 * tEXt chunk, so each has its own content hash while keeping the fixture's metadata and pixels.
 */
final class ReviewCorpus {

    static final List<String> FIXTURES = List.of("comfyui_lora_multiple.png", "comfyui_sdxlturbo_samplercustom.png",
            "comfyui_z_image_turbo_unet.png", "comfyui_area_2pass_cropped.png", "a1111_sd15_text_cropped.png",
            "a1111_sdwebui_itxt.png");

    private ReviewCorpus() {
    }

    /** {@code count} files cycling through the six fixtures, in subfolders of 1,000. */
    static List<Path> fromFixtures(Path dir, int count) throws IOException {
        List<byte[]> bases = FIXTURES.stream().map(PngFiles::fixture).toList();
        List<Path> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path sub = Files.createDirectories(dir.resolve(String.format("batch_%02d", i / 1000)));
            byte[] png = PngFiles.withChunksAfterHeader(bases.get(i % bases.size()),
                    PngFiles.text("hydra-bench", Integer.toString(i)));
            files.add(Files.write(sub.resolve(String.format("ComfyUI_%05d_.png", i)), png));
        }
        return files;
    }

    /**
     * {@code count} large images (2–8 megapixels): the ComfyUI fixtures enlarged to 1920×1080, 2560×1440, 3072×2048
     * and 3840×2160, each carrying its fixture's metadata chunks.
     */
    static List<Path> large(Path dir, int count) throws IOException {
        int[][] sizes = {{1920, 1080}, {2560, 1440}, {3072, 2048}, {3840, 2160}};
        List<String> sources = List.of("comfyui_z_image_turbo_unet.png", "comfyui_sdxlturbo_samplercustom.png",
                "a1111_sdwebui_itxt.png");
        List<byte[]> bases = new ArrayList<>();
        for (String source : sources) {
            byte[] fixture = PngFiles.fixture(source);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(fixture));
            for (int[] size : sizes) {
                bases.add(withMetadataOf(fixture, enlarge(image, size[0], size[1])));
            }
        }
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] png = PngFiles.withChunksAfterHeader(bases.get(i % bases.size()),
                    PngFiles.text("hydra-bench", "large " + i));
            files.add(Files.write(dir.resolve(String.format("large_%04d.png", i)), png));
        }
        return files;
    }

    private static byte[] enlarge(BufferedImage image, int width, int height) throws IOException {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(target, "png", out);
        return out.toByteArray();
    }

    /** The new pixels with the text chunks of the original (copied verbatim, CRCs included). */
    private static byte[] withMetadataOf(byte[] original, byte[] pixels) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        int at = 8;
        while (at + 8 <= original.length) {
            int length = java.nio.ByteBuffer.wrap(original, at, 4).getInt();
            String type = new String(original, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (type.equals("tEXt") || type.equals("iTXt") || type.equals("zTXt")) {
                chunks.write(original, at, length + 12);
            }
            at += length + 12;
        }
        return PngFiles.withChunksAfterHeader(pixels, chunks.toByteArray());
    }
}
