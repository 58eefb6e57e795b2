package dev.hydra.ui.review;

import dev.hydra.services.review.LibraryService;

/**
 * What the review screen needs from the rest of the application, built by the composition root.
 *
 * @param library     the asset library at work (rescans, watches, checks)
 * @param thumbnails  thumbnail files by content hash
 * @param learning    predicted acceptance, the Learning page, comparisons and re-generation
 */
public record ReviewServices(LibraryService library, Thumbnailer thumbnails, ReviewSettings settings,
        LearningServices learning) {

    public ReviewServices(LibraryService library, Thumbnailer thumbnails, ReviewSettings settings) {
        this(library, thumbnails, settings, LearningServices.NONE);
    }
}
