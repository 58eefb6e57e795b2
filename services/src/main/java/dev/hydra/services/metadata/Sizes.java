package dev.hydra.services.metadata;

import java.util.Locale;

/** Byte counts for messages. */
final class Sizes {

    private Sizes() {
    }

    static String describe(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
