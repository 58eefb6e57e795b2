package dev.hydra.services.review;

import java.util.Locale;

/** How an image entered the library. */
public enum AssetSource {
    /** A folder the user added (watched, subfolders included). */
    FOLDER,
    /** Downloaded from a ComfyUI server's history. */
    COMFYUI,
    /** Produced by a queue job (generation or re-generation). */
    JOB;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AssetSource fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
