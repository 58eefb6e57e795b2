package dev.hydra.services.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds PNG test files: real fixtures with chunks added, replaced or damaged, and minimal images from scratch.
 * Every chunk written here has a correct CRC unless a test breaks it on purpose.
 */
public final class PngFiles {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngFiles() {
    }

    /** The bytes of a fixture under src/test/resources/fixtures/images. */
    public static byte[] fixture(String name) {
        try (InputStream in = PngFiles.class.getResourceAsStream("/fixtures/images/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One chunk: length, type, data, CRC. */
    public static byte[] chunk(String type, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(12 + data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        buffer.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
        return buffer.array();
    }

    public static byte[] text(String keyword, String text) {
        return chunk("tEXt", concat(keyword.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0},
                text.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] compressedText(String keyword, byte[] uncompressed) {
        return chunk("zTXt", concat(keyword.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 0},
                deflate(uncompressed)));
    }

    /** The PNG with {@code chunks} inserted right after IHDR (so before any image data). */
    public static byte[] withChunksAfterHeader(byte[] png, byte[]... chunks) {
        int ihdrEnd = 8 + 12 + ByteBuffer.wrap(png, 8, 4).getInt();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, ihdrEnd);
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }

    /** A valid grey image of the given size and level (0–255), with the given extra chunks. */
    public static byte[] grey(int width, int height, int level, byte[]... chunks) {
        return grey(width, height, (x, y) -> level, chunks);
    }

    /** A valid grey image whose level at (x, y) is {@code level.applyAsInt(x, y)} (0–255). */
    public static byte[] grey(int width, int height, java.util.function.IntBinaryOperator level, byte[]... chunks) {
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] raw = new byte[(width + 1) * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raw[y * (width + 1) + 1 + x] = (byte) level.applyAsInt(x, y);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        out.writeBytes(chunk("IHDR", header.array()));
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        out.writeBytes(chunk("IDAT", deflate(raw)));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    public static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
