package dev.hydra.services.review;

import java.util.Map;

/**
 * Counts for {@code hydra review stats}.
 *
 * @param byState        pending / accepted / rejected → count
 * @param byCheckpoint   checkpoint → state → count ("(none)" for images without metadata)
 * @param byCharacter    character → state → count ("(none)" for unmapped images)
 */
public record ReviewStats(long total, Map<String, Long> byState, Map<String, Map<String, Long>> byCheckpoint,
        Map<String, Map<String, Long>> byCharacter) {
}
