package dev.hydra.services.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library at work while the window is open: on start it rescans every library folder (hydra.yaml's and the ones
 * the user added), watches them for new files, and runs the quality checks in the background. Listeners hear when
 * the library changed, so views reload (they coalesce the bursts).
 */
public final class LibraryService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LibraryService.class);

    /** What changed: an asset was added or checked, or a folder scan finished. */
    public record Change(Kind kind, Long assetId, String message) {
        public enum Kind { ADDED, CHECKED, SCANNED, PROBLEM }
    }

    private final AssetLibrary library;
    private final FolderImporter importer;
    private final FolderWatcher watcher;
    private final AssetAnalyzer analyzer;
    private final List<Path> configuredFolders;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    public LibraryService(AssetLibrary library, List<Path> configuredFolders,
            java.util.function.Function<java.util.function.LongConsumer, AssetAnalyzer> analyzerFactory) {
        this.library = library;
        this.configuredFolders = List.copyOf(configuredFolders);
        this.importer = new FolderImporter(library);
        this.watcher = new FolderWatcher(library, Duration.ofMillis(750), this::indexed);
        this.analyzer = analyzerFactory.apply(id -> publish(new Change(Change.Kind.CHECKED, id, null)));
    }

    public AssetLibrary library() {
        return library;
    }

    /** Rescans and watches every library folder, and starts the checks; returns at once (work runs in background). */
    public void start() {
        analyzer.start();
        Thread.ofVirtual().name("library-scan").start(() -> {
            Set<Path> folders = new LinkedHashSet<>();
            configuredFolders.forEach(f -> folders.add(f.toAbsolutePath().normalize()));
            folders.addAll(library.folders());
            for (Path folder : folders) {
                if (!Files.isDirectory(folder)) {
                    publish(new Change(Change.Kind.PROBLEM, null, "The library folder " + folder + " does not exist "
                            + "(any more); its images stay in the library"));
                    continue;
                }
                try {
                    scanAndWatch(folder);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Cannot scan {}", folder, e);
                    publish(new Change(Change.Kind.PROBLEM, null, "Cannot scan " + folder + ": " + e.getMessage()));
                }
            }
        });
    }

    /** Adds a folder: indexes what is there, then watches it. Blocking; call from a background thread. */
    public ImportReport addFolder(Path folder) throws IOException {
        return scanAndWatch(folder.toAbsolutePath().normalize());
    }

    private ImportReport scanAndWatch(Path folder) throws IOException {
        watcher.watch(folder);
        ImportReport report = importer.importFolder(folder, this::indexed);
        analyzer.nudge();
        publish(new Change(Change.Kind.SCANNED, null, folder + ": " + report.added() + " new, "
                + report.failed().size() + " could not be read"));
        return report;
    }

    /**
     * An image registered elsewhere (a queue job's output): checked in the background and announced like one found
     * in a folder, so the review screen shows it at once.
     */
    public void added(IndexOutcome outcome) {
        indexed(outcome);
    }

    /** Files the watcher could not index, with why. */
    public List<IndexOutcome> problems() {
        return watcher.problems();
    }

    /** @return stops listening */
    public AutoCloseable subscribe(Consumer<Change> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void indexed(IndexOutcome outcome) {
        if (outcome.kind() == IndexOutcome.Kind.ADDED) {
            analyzer.nudge();
            publish(new Change(Change.Kind.ADDED, outcome.assetId(), null));
        } else if (outcome.kind() == IndexOutcome.Kind.FAILED) {
            publish(new Change(Change.Kind.PROBLEM, null, outcome.file() + ": " + outcome.message()));
        }
    }

    private void publish(Change change) {
        for (Consumer<Change> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("A library listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        watcher.close();
        analyzer.close();
    }
}
