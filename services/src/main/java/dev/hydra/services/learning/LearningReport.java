package dev.hydra.services.learning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the Learning page shows, computed from the decisions at one moment.
 *
 * @param decisions   decided images learned from
 * @param comparisons side-by-side preferences learned from
 * @param overall     acceptance of everything
 * @param levels      acceptance per factor level over all images (sorted by kind, then best first)
 * @param byCharacter the same per character
 * @param quality     the model's held-out figures
 * @param recommendations for everything, then per character, then per scene
 * @param minEvidence the evidence threshold in force
 */
public record LearningReport(int decisions, long comparisons, BetaPosterior overall, List<LevelStats> levels,
        Map<String, List<LevelStats>> byCharacter, ModelQuality quality, List<Recommendation> recommendations,
        int minEvidence) {

    public LearningReport {
        levels = List.copyOf(levels);
        byCharacter = Collections.unmodifiableMap(new LinkedHashMap<>(byCharacter));
        recommendations = List.copyOf(recommendations);
    }

    /**
     * The recommended level of one setting for a character: the character's own when it has enough evidence,
     * otherwise the overall one (null character: the overall one).
     */
    public Optional<Recommendation.Advice> advice(String character, FactorKind kind) {
        Optional<Recommendation.Advice> own = recommendationFor(character).advice(kind);
        return own.isPresent() ? own : recommendations.getFirst().advice(kind);
    }

    /** The recommendation for a character (or the overall one when the character has none). */
    public Recommendation recommendationFor(String character) {
        return recommendations.stream().filter(r -> character != null && character.equals(r.character()))
                .findFirst().orElse(recommendations.getFirst());
    }
}
