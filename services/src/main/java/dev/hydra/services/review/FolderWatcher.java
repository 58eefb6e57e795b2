package dev.hydra.services.review;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches library folders (subfolders included, through directory-watcher) and indexes new or changed images once
 * they have been quiet for the settle time, so a file still being written (ComfyUI saves in several writes) is read
 * whole. A file that cannot be read is remembered with the reason until it changes again and reads fine.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

    private final AssetLibrary library;
    private final Duration settle;
    private final Consumer<IndexOutcome> listener;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots = new Semaphore(2);
    private final Map<Path, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<Path, IndexOutcome> problems = new ConcurrentHashMap<>();
    private final List<DirectoryWatcher> watchers = new ArrayList<>();

    /** @param listener told about every file indexed (from a background thread) */
    public FolderWatcher(AssetLibrary library, Duration settle, Consumer<IndexOutcome> listener) {
        this.library = library;
        this.settle = settle;
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("folder-watch")
                .factory());
    }

    /** Starts watching a folder; files already there are the importer's job. */
    public synchronized void watch(Path folder) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        DirectoryWatcher watcher = DirectoryWatcher.builder().path(root).fileHashing(false)
                .listener(event -> onEvent(root, event)).build();
        watcher.watchAsync(workers);
        watchers.add(watcher);
        LOG.info("Watching {}", root);
    }

    /** Files that could not be indexed, with why. */
    public List<IndexOutcome> problems() {
        return problems.values().stream().sorted(java.util.Comparator.comparing(IndexOutcome::file)).toList();
    }

    private void onEvent(Path root, DirectoryChangeEvent event) {
        Path file = event.path();
        if (event.isDirectory() || file == null || !DatabaseAssetLibrary.looksLikeImage(file)) {
            return;
        }
        switch (event.eventType()) {
            case CREATE, MODIFY -> schedule(root, file);
            case DELETE -> problems.remove(file);
            case OVERFLOW -> LOG.warn("Too many changes at once under {}; new files are picked up at the next scan",
                    root);
        }
    }

    private void schedule(Path root, Path file) {
        pending.compute(file, (path, previous) -> {
            if (previous != null) {
                previous.cancel(false);
            }
            return timer.schedule(() -> workers.submit(() -> index(root, path)), settle.toMillis(),
                    TimeUnit.MILLISECONDS);
        });
    }

    private void index(Path root, Path file) {
        pending.remove(file);
        if (!Files.isRegularFile(file)) {
            return;
        }
        slots.acquireUninterruptibly();
        try {
            IndexOutcome outcome = library.register(file, AssetOrigin.folder(root));
            if (outcome.kind() == IndexOutcome.Kind.FAILED) {
                problems.put(file, outcome);
                LOG.warn("Cannot index {}: {}", file, outcome.message());
            } else {
                problems.remove(file);
            }
            listener.accept(outcome);
        } catch (RuntimeException e) {
            LOG.error("Indexing {} failed", file, e);
        } finally {
            slots.release();
        }
    }

    @Override
    public synchronized void close() {
        for (DirectoryWatcher watcher : watchers) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("Closing a folder watcher", e);
            }
        }
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
