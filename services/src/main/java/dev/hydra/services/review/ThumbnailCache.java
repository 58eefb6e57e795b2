package dev.hydra.services.review;

import dev.hydra.services.imaging.ImageCodec;
import dev.hydra.services.imaging.Pixels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * JPEG thumbnails on disk, named by content hash (so a moved or copied picture shares one), made in the background
 * with bounded concurrency: a grid scrolled through 20,000 images asks for many, and only a few decode at once.
 * Requests for the same picture while it is being made share one job.
 */
public final class ThumbnailCache implements AutoCloseable {

    /** Longer side of a thumbnail, in pixels: sharp in grid cells up to 160 px on a 2x screen. */
    public static final int SIZE = 320;

    private final Path directory;
    private final Semaphore slots;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();

    public ThumbnailCache(Path directory, int concurrency) {
        this.directory = directory;
        this.slots = new Semaphore(concurrency);
    }

    public Path pathFor(String contentHash) {
        return directory.resolve(contentHash.substring(0, 2)).resolve(contentHash + ".jpg");
    }

    /** The thumbnail's file, made first if needed; fails when the image cannot be decoded. */
    public CompletableFuture<Path> thumbnail(String contentHash, Path image) {
        Path target = pathFor(contentHash);
        if (Files.exists(target)) {
            return CompletableFuture.completedFuture(target);
        }
        return inFlight.computeIfAbsent(contentHash, hash -> CompletableFuture.supplyAsync(() -> {
            slots.acquireUninterruptibly();
            try {
                if (!Files.exists(target)) {
                    ImageCodec.writeJpeg(ImageCodec.decode(image, SIZE), target);
                }
                return target;
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            } finally {
                slots.release();
                inFlight.remove(hash);
            }
        }, workers));
    }

    /** Stores a thumbnail made from pixels the caller already decoded (the quality check does). */
    void store(String contentHash, Pixels pixels) throws IOException {
        Path target = pathFor(contentHash);
        if (!Files.exists(target)) {
            ImageCodec.writeJpeg(ImageCodec.shrink(pixels, SIZE), target);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
