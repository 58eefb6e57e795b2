package dev.hydra.services.review;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * What the grid and the filmstrip need of an asset: small, so 20,000 of them are cheap to hold.
 *
 * @param qualityFlags  empty until checked
 * @param decidedAt     when the current decision was made (null while pending)
 * @param parentAssetId the image this one re-generates, or null
 */
public record AssetSummary(long id, String contentHash, Path path, Integer imageWidth, Integer imageHeight,
        Instant createdAt, String character, String scene, String checkpoint, Set<QualityFlag> qualityFlags,
        ReviewState state, Integer rating, Set<String> reasons, Instant decidedAt, Long parentAssetId) {

    public AssetSummary {
        qualityFlags = Set.copyOf(qualityFlags);
        reasons = Set.copyOf(reasons);
    }
}
