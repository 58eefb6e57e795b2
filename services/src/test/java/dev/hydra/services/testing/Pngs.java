package dev.hydra.services.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a real PNG (grey pixels) with tEXt chunks before IDAT, the way ComfyUI's SaveImage (PIL) does, and reads
 * the tEXt chunks back. Enough for fakes and tests; no image library needed.
 */
public final class Pngs {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Pngs() {
    }

    public static byte[] write(int width, int height, Map<String, String> textChunks) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(SIGNATURE);
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(ihdr);
            header.writeInt(width);
            header.writeInt(height);
            header.write(new byte[] {8, 2, 0, 0, 0});
            chunk(out, "IHDR", ihdr.toByteArray());
            for (var text : textChunks.entrySet()) {
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                data.write(text.getKey().getBytes(StandardCharsets.ISO_8859_1));
                data.write(0);
                data.write(text.getValue().getBytes(StandardCharsets.ISO_8859_1));
                chunk(out, "tEXt", data.toByteArray());
            }
            ByteArrayOutputStream pixels = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(pixels, new Deflater(4))) {
                byte[] row = new byte[1 + width * 3];
                java.util.Arrays.fill(row, 1, row.length, (byte) 0x80);
                for (int y = 0; y < height; y++) {
                    deflate.write(row);
                }
            }
            chunk(out, "IDAT", pixels.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tEXt chunks of a PNG, in file order. */
    public static Map<String, String> textChunks(byte[] png) {
        Map<String, String> texts = new LinkedHashMap<>();
        int at = SIGNATURE.length;
        while (at + 8 <= png.length) {
            int length = ((png[at] & 0xff) << 24) | ((png[at + 1] & 0xff) << 16) | ((png[at + 2] & 0xff) << 8)
                    | (png[at + 3] & 0xff);
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("tEXt")) {
                String data = new String(png, at + 8, length, StandardCharsets.ISO_8859_1);
                int zero = data.indexOf('\0');
                texts.put(data.substring(0, zero), data.substring(zero + 1));
            }
            at += 12 + length;
        }
        return texts;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream stream = new DataOutputStream(out);
        stream.writeInt(data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        stream.write(typeBytes);
        stream.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        stream.writeInt((int) crc.getValue());
    }
}
