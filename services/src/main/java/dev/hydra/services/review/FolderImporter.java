package dev.hydra.services.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Indexes every image under a folder (subfolders included): files are hashed and parsed one per core (CPU work,
 * so more threads only add contention) and stored in batches. Files already indexed at the same path and size are not
 * read again, so rescanning a large folder at start-up is cheap. A file that cannot be read is reported and the
 * rest go on.
 */
public final class FolderImporter {

    private final AssetLibrary library;
    private final int parallelism;

    public FolderImporter(AssetLibrary library, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.library = library;
        this.parallelism = parallelism;
    }

    public FolderImporter(AssetLibrary library) {
        this(library, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Indexes the folder and remembers it as a library folder.
     *
     * @param progress told after each file read (from worker threads)
     */
    public ImportReport importFolder(Path folder, Consumer<IndexOutcome> progress) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a folder");
        }
        library.addFolder(root);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(Files::isRegularFile).filter(DatabaseAssetLibrary::looksLikeImage).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Map<Path, Long> known = library.indexedFiles();
        List<Path> toRead = files.stream().filter(f -> !Long.valueOf(sizeOf(f)).equals(known.get(f))).toList();
        return index(root, toRead, files.size() - toRead.size(), progress);
    }

    private ImportReport index(Path root, List<Path> files, int unchanged, Consumer<IndexOutcome> progress) {
        int[] counts = new int[3];
        List<IndexOutcome> failed = new ArrayList<>();
        library.registerAll(files, AssetOrigin.folder(root), parallelism, outcome -> {
            switch (outcome.kind()) {
                case ADDED -> counts[0]++;
                case DUPLICATE -> counts[1]++;
                case SKIPPED -> counts[2]++;
                case FAILED -> failed.add(outcome);
            }
            progress.accept(outcome);
        });
        failed.sort(Comparator.comparing(IndexOutcome::file));
        return new ImportReport(counts[0], counts[1] + unchanged, counts[2], failed);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
