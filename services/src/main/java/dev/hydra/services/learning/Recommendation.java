package dev.hydra.services.learning;

import java.util.List;
import java.util.Optional;

/**
 * What to generate for one character or scene (or for everything), and what to avoid, with the evidence behind each
 * line. A setting appears only when its level has at least {@code learning.minEvidence} decisions in this group.
 *
 * @param group     "all", "character mira", "scene cafe"
 * @param character the character, or null
 * @param scene     the scene, or null
 * @param base      the group's own acceptance
 * @param settings  the best level per setting (checkpoint, sampler, scheduler, CFG, steps, LoRA)
 * @param avoid     levels whose 90 % interval lies below the group's acceptance
 * @param negatives negative-prompt additions for the group's frequent reject reasons
 * @param riskyTokens prompt phrases accepted clearly less often than the group
 */
public record Recommendation(String group, String character, String scene, BetaPosterior base,
        List<Advice> settings, List<LevelStats> avoid, List<NegativeAddition> negatives, List<LevelStats> riskyTokens) {

    public Recommendation {
        settings = List.copyOf(settings);
        avoid = List.copyOf(avoid);
        negatives = List.copyOf(negatives);
        riskyTokens = List.copyOf(riskyTokens);
    }

    /** The recommended level of one setting, if there is one. */
    public Optional<Advice> advice(FactorKind kind) {
        return settings.stream().filter(a -> a.factor().kind() == kind).findFirst();
    }

    /**
     * One recommended setting.
     *
     * @param value     the concrete value a re-generation writes (for a bucket: the median of the accepted images in
     *                  it, e.g. CFG 6.0 for 5–7); null for a LoRA, which a re-generation does not change
     * @param predicted the model's acceptance of the group's images had they been made with this level (what
     *                  ranks the levels)
     * @param posterior the group's acceptance with this level (pooled toward the level's overall rate)
     * @param overall   the level's acceptance over all images
     */
    public record Advice(Factor factor, String value, double predicted, BetaPosterior posterior,
            BetaPosterior overall) {
    }

    /**
     * @param rejects how many of the group's rejects named the reason
     * @param share   their share of the group's rejects
     * @param phrases what to add to the negative prompt (from learning.negativePrompts)
     */
    public record NegativeAddition(String reason, long rejects, double share, String phrases) {
    }
}
