package dev.hydra.services.review;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The images under review and the decisions on them. Every method blocks and is safe to call from any thread;
 * a method that records a decision returns only after the decision is committed to the database.
 */
public interface AssetLibrary {

    /**
     * Adds one image file: hash, metadata, size, character and scene. The queue calls this for each file a job
     * produced ({@link AssetOrigin#job}); the folder watcher and the ComfyUI importer call it too. Never throws for a
     * bad file: the outcome says what happened.
     */
    IndexOutcome register(Path file, AssetOrigin origin);

    /**
     * Adds many files: read and parsed {@code parallelism} at a time, stored in batches. {@code progress} hears each
     * outcome (on the calling thread).
     */
    void registerAll(List<Path> files, AssetOrigin origin, int parallelism,
            java.util.function.Consumer<IndexOutcome> progress);

    /** The assets matching the filters, sorted by creation time. */
    List<AssetSummary> list(AssetQuery query);

    Optional<Asset> get(long id);

    /**
     * Many assets at once with their parsed metadata, for learning: the raw text chunks are left out (the metadata
     * map {@code rawText} is empty), which keeps a read of 20,000 assets cheap. Unknown ids are skipped.
     */
    List<Asset> metadataOf(Collection<Long> ids);

    /** The re-generations of an asset (assets whose parent it is), oldest first. */
    List<AssetSummary> children(long id);

    /**
     * Records a decision and commits it before returning.
     *
     * @param state   ACCEPTED, REJECTED, or PENDING (unflag)
     * @param rating  1–5, or null to keep the current rating
     * @param reasons reason labels (face, hands, ...); replaced, not added to
     */
    Decision decide(long assetId, ReviewState state, Integer rating, Set<String> reasons);

    /** Sets only the rating (1–5), keeping the state. Committed on return. */
    Decision rate(long assetId, int rating);

    /** The same decision on many assets, in one transaction (grid batch accept/reject). */
    List<Decision> decideAll(Collection<Long> assetIds, ReviewState state);

    /**
     * Reverts a decision: the asset goes back to what it was before. Refused (empty) when a later decision on the
     * same asset exists, so an undo never silently overwrites newer work.
     */
    Optional<Decision> undo(long decisionId);

    /** The newest decisions first. */
    List<Decision> recentDecisions(int limit);

    ReviewStats stats();

    /**
     * Moves the files of the given assets that are rejected into {@code trashDir} (nothing is deleted; the asset,
     * its metadata and decisions stay, pointing at the new place). Assets that are not rejected are left alone.
     * The only way the application removes an image from its folder, and only after the user confirmed.
     */
    List<IndexOutcome> moveRejectedToTrash(Collection<Long> assetIds, Path trashDir);

    /** Distinct checkpoints and characters, for filter choices. */
    List<String> checkpoints();

    List<String> characters();

    /** Every indexed path with its file size, so a rescan can skip files it already knows. */
    java.util.Map<Path, Long> indexedFiles();

    /** Folders the user added (watched), oldest first. */
    List<Path> folders();

    void addFolder(Path folder);
}
