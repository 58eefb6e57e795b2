package dev.hydra.services.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Imports a ComfyUI server's history: downloads each output image (the original bytes, metadata intact) into
 * {@code <downloads>/<server>/<prompt id>/<subfolder>/<filename>} and registers it with source "comfyui". The prompt
 * id in the path keeps two pictures apart when the server reuses a file name (its counter restarts with an emptied
 * output folder), and lets a second import skip what it already fetched. One failed download is reported and the
 * others go on.
 */
public final class ComfyHistoryImporter {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._ -]");

    private final AssetLibrary library;
    private final Path downloads;

    public ComfyHistoryImporter(AssetLibrary library, Path downloads) {
        this.library = library;
        this.downloads = downloads;
    }

    /** @throws IOException when the history itself cannot be listed (the server is down) */
    public ImportReport importHistory(ComfyHistorySource server, int maxItems) throws IOException {
        int added = 0;
        int duplicates = 0;
        int skipped = 0;
        List<IndexOutcome> failed = new ArrayList<>();
        Path serverDir = downloads.resolve(safe(server.serverName()));
        for (ComfyHistorySource.OutputImage image : server.outputs(maxItems)) {
            if (!"output".equals(image.type())) {
                skipped++;
                continue;
            }
            Path target = target(serverDir, image);
            try {
                if (!Files.exists(target)) {
                    write(target, server.download(image));
                }
                IndexOutcome outcome = library.register(target, new AssetOrigin(AssetSource.COMFYUI,
                        server.serverName() + " " + image.promptId(), null, null));
                switch (outcome.kind()) {
                    case ADDED -> added++;
                    case DUPLICATE -> duplicates++;
                    case SKIPPED -> skipped++;
                    case FAILED -> failed.add(outcome);
                }
            } catch (IOException e) {
                failed.add(new IndexOutcome(target, IndexOutcome.Kind.FAILED, null, "download of " + image.filename()
                        + " (prompt " + image.promptId() + ") failed: " + e.getMessage()));
            }
        }
        return new ImportReport(added, duplicates, skipped, failed);
    }

    private static Path target(Path serverDir, ComfyHistorySource.OutputImage image) {
        Path dir = serverDir.resolve(safe(image.promptId()));
        if (image.subfolder() != null) {
            for (String part : image.subfolder().split("[/\\\\]")) {
                if (!part.isBlank() && !part.equals("..") && !part.equals(".")) {
                    dir = dir.resolve(safe(part));
                }
            }
        }
        return dir.resolve(safe(image.filename()));
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".download", ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String safe(String name) {
        String cleaned = UNSAFE.matcher(name == null ? "" : name).replaceAll("_");
        return cleaned.isBlank() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }
}
