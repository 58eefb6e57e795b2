package dev.hydra.services.review;

import dev.hydra.services.metadata.ImageMetadata;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * One image in the library, with everything known about it.
 *
 * @param contentHash  SHA-256 of the file's bytes, hex; the same picture at two paths is one asset
 * @param createdAt    when the file was made (its modification time)
 * @param metadata     the generation metadata (parsed, with the raw text it came from)
 * @param character    from the configured mapping (filename prefix, subfolder, prompt tag), or null
 * @param qualityFlags null until the background check has run
 * @param decidedBy    "user", or "auto:RULE" for an auto-reject rule
 */
public record Asset(long id, String contentHash, Path path, long fileSize, Instant createdAt, Instant indexedAt,
        AssetOrigin origin, String character, String scene, ImageMetadata metadata, Set<QualityFlag> qualityFlags,
        Long duplicateOf, ReviewState state, Integer rating, Set<String> reasons, Instant decidedAt,
        String decidedBy) {

    public Asset {
        reasons = Set.copyOf(reasons);
        qualityFlags = qualityFlags == null ? null : Set.copyOf(qualityFlags);
    }
}
