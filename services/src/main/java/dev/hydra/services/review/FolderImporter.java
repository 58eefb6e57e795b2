package dev.hydra.services.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Indexes every image under a folder (subfolders included), a few files at a time: hashing and parsing are CPU
 * work, so more threads than cores only add contention. Files already indexed at the same path and size are not
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
        AssetOrigin origin = AssetOrigin.folder(root);
        AtomicInteger added = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger(unchanged);
        AtomicInteger skipped = new AtomicInteger();
        List<IndexOutcome> failed = Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(parallelism);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Path file : files) {
                workers.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        IndexOutcome outcome = library.register(file, origin);
                        switch (outcome.kind()) {
                            case ADDED -> added.incrementAndGet();
                            case DUPLICATE -> duplicates.incrementAndGet();
                            case SKIPPED -> skipped.incrementAndGet();
                            case FAILED -> failed.add(outcome);
                        }
                        progress.accept(outcome);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        failed.sort(Comparator.comparing(IndexOutcome::file));
        return new ImportReport(added.get(), duplicates.get(), skipped.get(), failed);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
