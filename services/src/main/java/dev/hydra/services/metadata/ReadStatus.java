package dev.hydra.services.metadata;

/** How well a file could be read. */
public enum ReadStatus {
    /** Read completely. */
    OK,
    /** Read, but something is off (a bad CRC, a chunk over a limit, an unparseable graph); see the problems. */
    WARNING,
    /** Not readable as an image at all (not an image, truncated header, unreadable file). */
    ERROR
}
