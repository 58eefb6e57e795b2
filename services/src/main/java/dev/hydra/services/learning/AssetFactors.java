package dev.hydra.services.learning;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What learning knows about one image: its factor levels and the concrete settings behind them (a bucket such as
 * CFG 5–7 is learned; the value 6.5 is what a re-generation writes).
 *
 * @param factors    every factor level of the image
 * @param settings   the final pass's concrete settings (null fields where the metadata says nothing)
 * @param positive   the positive prompt as written (for pairs and the export)
 * @param negative   the negative prompt as written
 */
public record AssetFactors(SortedSet<Factor> factors, Settings settings, String character, String scene,
        String positive, String negative) {

    public AssetFactors {
        factors = Collections.unmodifiableSortedSet(new TreeSet<>(factors));
    }

    public boolean has(Factor factor) {
        return factors.contains(factor);
    }

    /** The levels of one kind (several for LoRAs and tokens, at most one otherwise). */
    public List<Factor> of(FactorKind kind) {
        return factors.stream().filter(f -> f.kind() == kind).toList();
    }

    /** Factors without the prompt tokens and flags: the generation settings, character and scene. */
    public Set<Factor> settingsAndContext() {
        Set<Factor> kept = new TreeSet<>();
        for (Factor factor : factors) {
            if (factor.kind() != FactorKind.TOKEN && factor.kind() != FactorKind.FLAG) {
                kept.add(factor);
            }
        }
        return kept;
    }

    /**
     * The same image had it been made with {@code level} instead of its own level of that kind (a LoRA level
     * replaces all LoRAs and their strengths).
     */
    public AssetFactors with(Factor level) {
        TreeSet<Factor> changed = new TreeSet<>();
        for (Factor factor : factors) {
            boolean replaced = factor.kind() == level.kind()
                    || level.kind() == FactorKind.LORA && factor.kind() == FactorKind.LORA_STRENGTH;
            if (!replaced) {
                changed.add(factor);
            }
        }
        changed.add(level);
        return new AssetFactors(changed, settings, character, scene, positive, negative);
    }

    /** The concrete values of the final sampling pass. */
    public record Settings(String checkpoint, String sampler, String scheduler, Double cfg, Integer steps) {
    }
}
