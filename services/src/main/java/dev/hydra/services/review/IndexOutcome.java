package dev.hydra.services.review;

import java.nio.file.Path;

/**
 * What happened to one file offered to the library.
 *
 * @param assetId the asset (new or existing), null when the file was not indexed
 * @param message for SKIPPED and FAILED, why, in one sentence
 */
public record IndexOutcome(Path file, Kind kind, Long assetId, String message) {

    public enum Kind {
        /** A new asset. */
        ADDED,
        /** Same content as an asset already in the library (moved or copied): nothing new. */
        DUPLICATE,
        /** Not an image we index (wrong extension), or not finished being written. */
        SKIPPED,
        /** Could not be read at all; the message says why. */
        FAILED
    }
}
