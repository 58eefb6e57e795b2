package dev.hydra.services.review;

import dev.hydra.services.imaging.ImageCodec;
import dev.hydra.services.imaging.Pixels;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the automated quality checks in the background, one image at a time (indexing stays fast; checks need the
 * pixels): decodes a reduced copy, measures it, flags it, finds near-duplicates by perceptual hash, writes the
 * thumbnail from the same decode, and applies the auto-reject rules, which are ordinary decisions by
 * "auto:RULE": visible and undoable.
 */
public final class AssetAnalyzer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssetAnalyzer.class);
    private static final int ANALYSIS_SIZE = 512;

    private final DatabaseAssetLibrary library;
    private final QualityChecks checks;
    private final Set<QualityFlag> autoReject;
    private final ThumbnailCache thumbnails;
    private final LongConsumer analysed;
    private final Map<Long, Long> hashes = new ConcurrentHashMap<>();
    private final Semaphore work = new Semaphore(0);
    private volatile boolean running = true;
    private Thread worker;

    /** @param analysed told the id of each asset checked (from the background thread) */
    public AssetAnalyzer(DatabaseAssetLibrary library, QualityChecks checks, Set<QualityFlag> autoReject,
            ThumbnailCache thumbnails, LongConsumer analysed) {
        this.library = library;
        this.checks = checks;
        this.autoReject = Set.copyOf(autoReject);
        this.thumbnails = thumbnails;
        this.analysed = analysed;
    }

    public synchronized void start() {
        if (worker == null) {
            hashes.putAll(library.perceptualHashes());
            worker = Thread.ofVirtual().name("asset-analyzer").start(this::loop);
        }
    }

    /** New assets are waiting: check them now rather than at the next poll. */
    public void nudge() {
        work.release();
    }

    /** Checks every asset not yet checked, on the calling thread; returns how many were checked. */
    public int analyzePending() {
        int done = 0;
        List<DatabaseAssetLibrary.Unchecked> batch;
        while (running && !(batch = library.unchecked(50)).isEmpty()) {
            for (DatabaseAssetLibrary.Unchecked asset : batch) {
                analyze(asset);
                done++;
            }
        }
        return done;
    }

    private void loop() {
        while (running) {
            try {
                analyzePending();
                work.tryAcquire(5, TimeUnit.SECONDS);
                work.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Quality checks stopped for a round", e);
            }
        }
    }

    private void analyze(DatabaseAssetLibrary.Unchecked asset) {
        try {
            Pixels pixels = ImageCodec.decode(asset.path(), ANALYSIS_SIZE);
            QualityMeasures measures = QualityMeasures.of(pixels);
            Long duplicateOf = nearest(asset.id(), measures.perceptualHash());
            Set<QualityFlag> flags = checks.flags(measures, asset.metadata(), duplicateOf != null);
            library.storeQuality(asset.id(), flags, measures, duplicateOf, null);
            hashes.put(asset.id(), measures.perceptualHash());
            thumbnails.store(asset.contentHash(), pixels);
            for (QualityFlag flag : flags) {
                if (autoReject.contains(flag)) {
                    library.autoReject(asset.id(), flag);
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Quality check of {} failed: {}", asset.path(), e.getMessage());
            library.storeQuality(asset.id(), Set.of(), null, null, "cannot decode the image: " + e.getMessage());
        }
        analysed.accept(asset.id());
    }

    /** A hash whose bits are all equal (a flat or evenly shaded image) says nothing about structure: never a match. */
    private Long nearest(long id, long hash) {
        if (hash == 0 || hash == -1) {
            return null;
        }
        Long best = null;
        for (Map.Entry<Long, Long> other : hashes.entrySet()) {
            if (other.getKey() != id && Long.bitCount(other.getValue() ^ hash) <= checks.duplicateDistance()
                    && (best == null || other.getKey() < best)) {
                best = other.getKey();
            }
        }
        return best;
    }

    @Override
    public void close() {
        running = false;
        work.release();
        if (worker != null) {
            worker.interrupt();
        }
    }
}
