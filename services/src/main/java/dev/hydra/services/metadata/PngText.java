package dev.hydra.services.metadata;

import com.drew.imaging.png.PngChunk;
import com.drew.imaging.png.PngChunkReader;
import com.drew.imaging.png.PngChunkType;
import com.drew.imaging.png.PngHeader;
import com.drew.imaging.png.PngProcessingException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a PNG's size and every text chunk (tEXt, zTXt, iTXt) through metadata-extractor's chunk reader, with our
 * own limits on chunk size and on inflation (the library has neither), and our own text decoding: tEXt is UTF-8
 * when valid (some writers put raw UTF-8 there), else Latin-1 as the PNG specification says.
 */
final class PngText {

    private static final Set<PngChunkType> WANTED = Set.of(PngChunkType.IHDR, PngChunkType.tEXt, PngChunkType.zTXt,
            PngChunkType.iTXt);

    record Contents(Integer width, Integer height, List<TextChunk> chunks, List<String> problems) {
    }

    private PngText() {
    }

    /** Never throws for bad data: what could not be read is a problem in the result. */
    static Contents read(InputStream in, MetadataLimits limits) throws IOException {
        List<String> problems = new ArrayList<>();
        Iterable<PngChunk> chunks;
        try {
            chunks = new PngChunkReader().extract(new CappedStreamReader(in, limits.maxChunkBytes()), WANTED);
        } catch (CappedStreamReader.ChunkTooLargeException e) {
            return new Contents(null, null, List.of(), List.of(e.getMessage()));
        } catch (EOFException e) {
            return new Contents(null, null, List.of(), List.of("the PNG is truncated (it ends before its IEND "
                    + "chunk), so its metadata could not be read"));
        } catch (PngProcessingException e) {
            return new Contents(null, null, List.of(), List.of("not a valid PNG: " + e.getMessage()));
        }
        Integer width = null;
        Integer height = null;
        List<TextChunk> texts = new ArrayList<>();
        for (PngChunk chunk : chunks) {
            PngChunkType type = chunk.getType();
            try {
                if (type.equals(PngChunkType.IHDR)) {
                    PngHeader header = new PngHeader(chunk.getBytes());
                    width = header.getImageWidth();
                    height = header.getImageHeight();
                } else {
                    TextChunk text = decode(type.getIdentifier(), chunk.getBytes(), limits);
                    if (text != null) {
                        texts.add(text);
                    }
                }
            } catch (PngProcessingException | BadChunkException e) {
                problems.add(type.getIdentifier() + " chunk skipped: " + e.getMessage());
            }
        }
        return new Contents(width, height, texts, problems);
    }

    private static TextChunk decode(String type, byte[] data, MetadataLimits limits) throws BadChunkException {
        int zero = indexOf(data, 0);
        if (zero < 1 || zero > 79) {
            throw new BadChunkException("no keyword");
        }
        String keyword = new String(data, 0, zero, StandardCharsets.ISO_8859_1);
        return switch (type) {
            case "tEXt" -> new TextChunk(keyword, utf8OrLatin1(data, zero + 1, data.length), type);
            case "zTXt" -> {
                if (data.length < zero + 2 || data[zero + 1] != 0) {
                    throw new BadChunkException("'" + keyword + "' uses an unknown compression method");
                }
                byte[] text = inflate(keyword, data, zero + 2, limits.maxInflatedBytes());
                yield new TextChunk(keyword, utf8OrLatin1(text, 0, text.length), type);
            }
            default -> {
                // iTXt: keyword 0 flag method language 0 translated-keyword 0 text (UTF-8)
                if (data.length < zero + 3) {
                    throw new BadChunkException("'" + keyword + "' is cut short");
                }
                boolean compressed = data[zero + 1] != 0;
                int languageEnd = indexOf(data, zero + 3);
                int translatedEnd = languageEnd < 0 ? -1 : indexOf(data, languageEnd + 1);
                if (translatedEnd < 0) {
                    throw new BadChunkException("'" + keyword + "' is cut short");
                }
                byte[] text = compressed ? inflate(keyword, data, translatedEnd + 1, limits.maxInflatedBytes())
                        : java.util.Arrays.copyOfRange(data, translatedEnd + 1, data.length);
                yield new TextChunk(keyword, new String(text, StandardCharsets.UTF_8), type);
            }
        };
    }

    static String utf8OrLatin1(byte[] data, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] inflate(String keyword, byte[] data, int from, int limit) throws BadChunkException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, from, data.length - from);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new BadChunkException("'" + keyword + "' has a cut-off compressed stream");
                }
                if (out.size() + n > limit) {
                    throw new BadChunkException("'" + keyword + "' inflates past the " + Sizes.describe(limit)
                            + " limit, so it was not read");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new BadChunkException("'" + keyword + "' has a corrupt compressed stream (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    static final class BadChunkException extends Exception {
        BadChunkException(String message) {
            super(message);
        }
    }
}
