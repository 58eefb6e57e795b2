package dev.hydra.ui.review;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** Makes (or finds) the thumbnail file of an image; the services' ThumbnailCache in production. */
@FunctionalInterface
public interface Thumbnailer {

    CompletableFuture<Path> thumbnail(String contentHash, Path image);
}
