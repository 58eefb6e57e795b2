package dev.hydra.ui.review;

import dev.hydra.services.review.AssetSummary;
import dev.hydra.services.review.QualityFlag;
import dev.hydra.services.review.ReviewState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * One image in the review list, as the grid and filmstrip show it. Immutable: a change replaces the item.
 *
 * @param parentId  the image this one re-generates, or null
 * @param predicted the model's predicted acceptance (0–1), or null when there is no learning or no estimate yet
 */
public record ReviewItem(long id, String contentHash, Path path, Integer width, Integer height, Instant createdAt,
        String character, String checkpoint, Set<QualityFlag> flags, ReviewState state, Integer rating,
        Set<String> reasons, Long parentId, Double predicted) {

    static ReviewItem of(AssetSummary summary) {
        return new ReviewItem(summary.id(), summary.contentHash(), summary.path(), summary.imageWidth(),
                summary.imageHeight(), summary.createdAt(), summary.character(), summary.checkpoint(),
                summary.qualityFlags(), summary.state(), summary.rating(), summary.reasons(), summary.parentAssetId(),
                null);
    }

    ReviewItem decided(ReviewState newState, Integer newRating, Set<String> newReasons) {
        return new ReviewItem(id, contentHash, path, width, height, createdAt, character, checkpoint, flags, newState,
                newRating, Set.copyOf(newReasons), parentId, predicted);
    }

    ReviewItem withPredicted(Double acceptance) {
        return new ReviewItem(id, contentHash, path, width, height, createdAt, character, checkpoint, flags, state,
                rating, reasons, parentId, acceptance);
    }

    public String fileName() {
        return path.getFileName().toString();
    }
}
