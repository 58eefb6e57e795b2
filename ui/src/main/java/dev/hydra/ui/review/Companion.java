package dev.hydra.ui.review;

import java.nio.file.Path;

/**
 * The image shown beside the current one: its parent (the image it re-generates) or its newest re-generation.
 *
 * @param parent true when it is the current image's parent (shown on the left)
 */
public record Companion(long id, Path path, String caption, boolean parent) {
}
