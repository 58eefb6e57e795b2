package dev.hydra.services.review;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * What the grid and the filmstrip need of an asset: small, so 20,000 of them are cheap to hold.
 *
 * @param qualityFlags empty until checked
 */
public record AssetSummary(long id, String contentHash, Path path, Integer imageWidth, Integer imageHeight,
        Instant createdAt, String character, String scene, String checkpoint, Set<QualityFlag> qualityFlags,
        ReviewState state, Integer rating, Set<String> reasons) {

    public AssetSummary {
        qualityFlags = Set.copyOf(qualityFlags);
        reasons = Set.copyOf(reasons);
    }
}
