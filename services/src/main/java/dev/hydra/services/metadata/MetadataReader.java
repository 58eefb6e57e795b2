package dev.hydra.services.metadata;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.riff.RiffReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.webp.WebpDirectory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.services.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the generation metadata of PNG, JPEG and WebP images (spec §3–5): every PNG text chunk, a ComfyUI
 * API-format {@code prompt} graph, A1111/Forge {@code parameters}, and for JPEG/WebP the EXIF UserComment. When a
 * file has both a graph and {@code parameters}, the graph is trusted. Never throws for bad data: whatever could not
 * be read becomes a problem in the result, with the status saying how bad it is. Thread-safe.
 */
public final class MetadataReader {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final MetadataLimits limits;

    public MetadataReader(MetadataLimits limits) {
        this.limits = limits;
    }

    public MetadataReader() {
        this(MetadataLimits.DEFAULT);
    }

    /** Reads a file; an unreadable file is an {@link ReadStatus#ERROR} result naming why. */
    public ImageMetadata read(Path file) {
        try (InputStream head = Files.newInputStream(file)) {
            byte[] magic = head.readNBytes(12);
            return read(magic, () -> Files.newInputStream(file));
        } catch (IOException e) {
            return ImageMetadata.unreadable(null, "cannot read the file: " + describe(e));
        }
    }

    /** Reads an image held in memory (a download, or a file the indexer already read to hash it). */
    public ImageMetadata read(byte[] bytes) {
        try {
            return read(Arrays.copyOf(bytes, Math.min(12, bytes.length)), () -> new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            return ImageMetadata.unreadable(null, "cannot read the image: " + describe(e));
        }
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    private ImageMetadata read(byte[] magic, Source source) throws IOException {
        if (magic.length >= 8 && Arrays.equals(Arrays.copyOf(magic, 8), PNG)) {
            return png(source);
        }
        if (magic.length >= 3 && (magic[0] & 0xff) == 0xff && (magic[1] & 0xff) == 0xd8 && (magic[2] & 0xff) == 0xff) {
            return exif("jpeg", source);
        }
        if (magic.length >= 12 && new String(magic, 0, 4, StandardCharsets.ISO_8859_1).equals("RIFF")
                && new String(magic, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
            return exif("webp", source);
        }
        return ImageMetadata.unreadable(null, magic.length == 0 ? "the file is empty"
                : "not an image this reader understands (PNG, JPEG or WebP)");
    }

    private ImageMetadata png(Source source) throws IOException {
        PngText.Contents contents;
        try (InputStream in = source.open()) {
            contents = PngText.read(in, limits);
        }
        List<String> problems = new ArrayList<>(contents.problems());
        try (InputStream in = source.open()) {
            for (String problem : PngIntegrity.check(in)) {
                if (!problems.contains(problem) && !(problem.contains("truncated") && problems.stream()
                        .anyMatch(p -> p.contains("truncated")))) {
                    problems.add(problem);
                }
            }
        }
        if (contents.width() == null) {
            return new ImageMetadata(ReadStatus.ERROR, "png", null, null, MetadataSource.NONE, List.of(), Map.of(),
                    Map.of(), problems.isEmpty() ? List.of("the PNG has no image header") : problems);
        }
        return interpret("png", contents.width(), contents.height(), contents.chunks(), problems);
    }

    private ImageMetadata exif(String format, Source source) {
        Metadata metadata;
        try (InputStream in = source.open()) {
            if (format.equals("jpeg")) {
                metadata = JpegMetadataReader.readMetadata(in);
            } else {
                metadata = new Metadata();
                new RiffReader().processRiff(new CappedStreamReader(in, limits.maxChunkBytes()),
                        new com.drew.metadata.webp.WebpRiffHandler(metadata));
            }
        } catch (IOException | com.drew.imaging.ImageProcessingException | RuntimeException e) {
            return ImageMetadata.unreadable(format, "not a readable " + format.toUpperCase() + ": " + describe(e));
        }
        Integer width = dimension(metadata, JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH,
                WebpDirectory.TAG_IMAGE_WIDTH);
        Integer height = dimension(metadata, JpegDirectory.class, JpegDirectory.TAG_IMAGE_HEIGHT,
                WebpDirectory.TAG_IMAGE_HEIGHT);
        List<TextChunk> texts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Directory directory : metadata.getDirectories()) {
            directory.getErrors().forEach(error -> problems.add(directory.getName() + ": " + error));
        }
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (exif != null && exif.containsTag(ExifSubIFDDirectory.TAG_USER_COMMENT)) {
            String comment = userComment(exif.getByteArray(ExifSubIFDDirectory.TAG_USER_COMMENT));
            if (comment != null && !comment.isBlank()) {
                texts.add(new TextChunk("UserComment", comment, "EXIF"));
            }
        }
        return interpret(format, width, height, texts, problems);
    }

    private static Integer dimension(Metadata metadata, Class<JpegDirectory> jpeg, int jpegTag, int webpTag) {
        JpegDirectory sof = metadata.getFirstDirectoryOfType(jpeg);
        if (sof != null && sof.containsTag(jpegTag)) {
            return sof.getInteger(jpegTag);
        }
        WebpDirectory webp = metadata.getFirstDirectoryOfType(WebpDirectory.class);
        return webp != null && webp.containsTag(webpTag) ? webp.getInteger(webpTag) : null;
    }

    /** EXIF UserComment: an 8-byte charset code, then the text (A1111 writes "UNICODE\0" + UTF-16). */
    static String userComment(byte[] raw) {
        if (raw == null || raw.length < 8) {
            return raw == null ? null : new String(raw, StandardCharsets.ISO_8859_1).strip();
        }
        String code = new String(raw, 0, 8, StandardCharsets.ISO_8859_1);
        byte[] body = Arrays.copyOfRange(raw, 8, raw.length);
        String text;
        if (code.startsWith("UNICODE")) {
            boolean bigEndian = body.length >= 2 && body[0] == 0 && body[1] != 0;
            text = new String(body, bigEndian ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
        } else if (code.startsWith("ASCII") || code.startsWith("\0\0\0\0\0\0\0\0")) {
            text = PngText.utf8OrLatin1(body, 0, body.length);
        } else {
            text = PngText.utf8OrLatin1(raw, 0, raw.length);
        }
        return text.replace("\0", "").strip();
    }

    private ImageMetadata interpret(String format, Integer width, Integer height, List<TextChunk> chunks,
            List<String> problems) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (TextChunk chunk : chunks) {
            raw.putIfAbsent(chunk.keyword(), chunk.text());
        }
        MetadataSource source = MetadataSource.NONE;
        List<SamplerPass> passes = List.of();
        Map<String, String> extra = Map.of();

        Optional<ComfyGraph> graph = graph(raw.get("prompt"), "prompt", problems);
        String parameters = raw.containsKey("parameters") ? raw.get("parameters") : raw.get("UserComment");
        if (graph.isEmpty() && parameters != null && parameters.strip().startsWith("{")) {
            graph = graph(parameters, raw.containsKey("parameters") ? "parameters" : "UserComment", new ArrayList<>());
        }
        if (graph.isPresent()) {
            source = MetadataSource.COMFYUI;
            if (graph.get().size() > limits.maxGraphNodes()) {
                problems.add("the graph has " + graph.get().size() + " nodes, over the limit of "
                        + limits.maxGraphNodes() + "; it was not analysed");
            } else {
                passes = graph.get().passes();
                problems.addAll(graph.get().problems());
            }
        } else if (parameters != null && parameters.strip().startsWith("{")) {
            source = MetadataSource.JSON_PARAMETERS;
        } else if (parameters != null) {
            Optional<A1111Parameters.Parsed> parsed = A1111Parameters.parse(parameters);
            if (parsed.isPresent()) {
                source = MetadataSource.A1111;
                passes = List.of(parsed.get().pass());
                extra = parsed.get().extra();
            }
        } else if (raw.containsKey("workflow")) {
            source = MetadataSource.WORKFLOW_ONLY;
        }
        ReadStatus status = problems.isEmpty() ? ReadStatus.OK : ReadStatus.WARNING;
        return new ImageMetadata(status, format, width, height, source, passes, extra, raw, problems);
    }

    private static Optional<ComfyGraph> graph(String text, String chunk, List<String> problems) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.mapper().readTree(text);
            Optional<ComfyGraph> graph = ComfyGraph.of(root);
            if (graph.isEmpty()) {
                problems.add("the " + chunk + " chunk is JSON but not a ComfyUI graph (no node has a class_type)");
            }
            return graph;
        } catch (JsonProcessingException e) {
            problems.add("the " + chunk + " chunk is not valid JSON (" + firstLine(e.getOriginalMessage()) + ")");
            return Optional.empty();
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : firstLine(message);
    }
}
