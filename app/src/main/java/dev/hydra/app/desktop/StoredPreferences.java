package dev.hydra.app.desktop;

import dev.hydra.services.store.SettingsStore;
import dev.hydra.ui.common.Preferences;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Preferences kept in the database's settings table: read once at start, answered from memory, written in order
 * on one background thread so the UI never waits for the database.
 */
final class StoredPreferences implements Preferences, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoredPreferences.class);

    private final SettingsStore store;
    private final Map<String, String> values;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("preferences-writer").daemon().factory());

    StoredPreferences(SettingsStore store) {
        this.store = store;
        this.values = new ConcurrentHashMap<>(store.all());
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
        writer.execute(() -> {
            try {
                store.put(key, value);
            } catch (RuntimeException e) {
                LOG.warn("Could not save preference {}", key, e);
            }
        });
    }

    /** Finishes pending writes. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
}
