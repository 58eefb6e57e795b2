package dev.hydra.services.metadata;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Checks every chunk's CRC, which metadata-extractor does not do. Streams the file (no chunk is held in memory),
 * so a damaged image is named as damaged instead of being trusted.
 */
final class PngIntegrity {

    private static final int MAX_REPORTED = 3;

    private PngIntegrity() {
    }

    /** Problems found: chunks whose CRC does not match, or the point where the file ends early. */
    static List<String> check(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        List<String> problems = new ArrayList<>();
        byte[] buffer = new byte[64 * 1024];
        int bad = 0;
        try {
            in.skipNBytes(8);
            while (true) {
                long length = Integer.toUnsignedLong(in.readInt());
                byte[] type = new byte[4];
                in.readFully(type);
                CRC32 crc = new CRC32();
                crc.update(type);
                long left = length;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new EOFException();
                    }
                    crc.update(buffer, 0, n);
                    left -= n;
                }
                long stored = Integer.toUnsignedLong(in.readInt());
                String name = new String(type, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (stored != crc.getValue() && ++bad <= MAX_REPORTED) {
                    problems.add("the " + name + " chunk fails its CRC check: the file is damaged"
                            + (isText(name) ? ", so this metadata may be wrong" : ""));
                }
                if (name.equals("IEND")) {
                    break;
                }
            }
        } catch (EOFException e) {
            problems.add("the PNG is truncated (it ends before its IEND chunk)");
        }
        if (bad > MAX_REPORTED) {
            problems.add((bad - MAX_REPORTED) + " more chunks fail their CRC check");
        }
        return problems;
    }

    private static boolean isText(String type) {
        return type.equals("tEXt") || type.equals("zTXt") || type.equals("iTXt");
    }
}
