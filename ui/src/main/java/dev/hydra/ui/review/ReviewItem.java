package dev.hydra.ui.review;

import dev.hydra.services.review.AssetSummary;
import dev.hydra.services.review.QualityFlag;
import dev.hydra.services.review.ReviewState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/** One image in the review list, as the grid and filmstrip show it. Immutable: a change replaces the item. */
public record ReviewItem(long id, String contentHash, Path path, Integer width, Integer height, Instant createdAt,
        String character, String checkpoint, Set<QualityFlag> flags, ReviewState state, Integer rating,
        Set<String> reasons) {

    static ReviewItem of(AssetSummary summary) {
        return new ReviewItem(summary.id(), summary.contentHash(), summary.path(), summary.imageWidth(),
                summary.imageHeight(), summary.createdAt(), summary.character(), summary.checkpoint(),
                summary.qualityFlags(), summary.state(), summary.rating(), summary.reasons());
    }

    ReviewItem decided(ReviewState newState, Integer newRating, Set<String> newReasons) {
        return new ReviewItem(id, contentHash, path, width, height, createdAt, character, checkpoint, flags, newState,
                newRating, Set.copyOf(newReasons));
    }

    public String fileName() {
        return path.getFileName().toString();
    }
}
