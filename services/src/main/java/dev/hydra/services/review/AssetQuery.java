package dev.hydra.services.review;

import java.time.Instant;

/**
 * Filters of the review list; null means "any". The list is sorted by creation time.
 *
 * @param from        created at or after
 * @param until       created before
 * @param qualityFlag only assets with this flag
 * @param newestFirst sort newest first (default oldest first, the order images were made)
 */
public record AssetQuery(ReviewState state, String character, String checkpoint, Instant from, Instant until,
        QualityFlag qualityFlag, boolean newestFirst) {

    public static final AssetQuery ALL = new AssetQuery(null, null, null, null, null, null, false);

    public AssetQuery withState(ReviewState value) {
        return new AssetQuery(value, character, checkpoint, from, until, qualityFlag, newestFirst);
    }
}
