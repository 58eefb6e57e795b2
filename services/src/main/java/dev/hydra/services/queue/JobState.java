package dev.hydra.services.queue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a job is in its life. Terminal states are kept as history. */
public enum JobState {
    /** Queued, waiting for its turn (or for a free slot under the concurrency limits). */
    PENDING,
    /** Its GPU is busy, lacks VRAM, or it is outside its time window; re-checked every check interval. */
    WAITING_FOR_RESOURCES,
    RUNNING,
    /** An attempt failed with an error worth retrying; the next attempt is scheduled with backoff. */
    RETRYING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /** The name used in the database, the command line and JSON: lower case, e.g. waiting_for_resources. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public static JobState parse(String text) {
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (wanted.equals("WAITING")) {
            return WAITING_FOR_RESOURCES;
        }
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown state '" + text + "'; one of: " + ids()));
    }

    public static String ids() {
        return Arrays.stream(values()).map(JobState::id).collect(Collectors.joining(", "));
    }
}
