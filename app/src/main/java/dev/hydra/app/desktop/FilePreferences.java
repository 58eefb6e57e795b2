package dev.hydra.app.desktop;

import dev.hydra.ui.common.Preferences;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's preferences in a small properties file in the data directory. It is read once at start: a local
 * file, so the first frame never waits on the database (which may be a PostgreSQL server) or the network. Every
 * change rewrites the whole file atomically on one background thread, so the UI never waits for the disk.
 */
final class FilePreferences implements Preferences, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FilePreferences.class);

    private final Path file;
    private final Map<String, String> values;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("preferences-writer").daemon().factory());

    private FilePreferences(Path file, Map<String, String> values) {
        this.file = file;
        this.values = new ConcurrentHashMap<>(values);
    }

    /** Reads the file if it exists. A file that cannot be parsed is moved aside (never lost) and defaults apply. */
    static FilePreferences load(Path file) {
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stored.load(in);
            } catch (IOException | IllegalArgumentException e) {
                stored.clear();
                moveAside(file, e);
            }
        }
        Map<String, String> values = new ConcurrentHashMap<>();
        stored.stringPropertyNames().forEach(key -> values.put(key, stored.getProperty(key)));
        return new FilePreferences(file, values);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) {
        if (value.equals(values.put(key, value))) {
            return;
        }
        writer.execute(this::save);
    }

    /** Finishes pending writes. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Preferences were still being written to {} at exit", file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void save() {
        Properties snapshot = new Properties();
        snapshot.putAll(values);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                snapshot.store(out, "Hydra Control window preferences (rewritten by the app)");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not save preferences to {}", file, e);
        }
    }

    private static void moveAside(Path file, Exception problem) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("Could not read preferences {}; kept it as {} and started with defaults", file, aside, problem);
        } catch (IOException e) {
            LOG.warn("Could not read preferences {}; starting with defaults", file, problem);
        }
    }
}
