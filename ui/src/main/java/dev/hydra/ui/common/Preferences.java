package dev.hydra.ui.common;

import java.util.Optional;

/**
 * User preferences that outlive the process. Implementations answer from memory and write in the background, so
 * view models may call them on the UI thread.
 */
public interface Preferences {

    Optional<String> get(String key);

    void put(String key, String value);

    /** Kept in memory only, for tests and when the database is unavailable. */
    static Preferences inMemory() {
        java.util.Map<String, String> values = new java.util.concurrent.ConcurrentHashMap<>();
        return new Preferences() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public void put(String key, String value) {
                values.put(key, value);
            }
        };
    }
}
