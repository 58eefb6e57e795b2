package dev.hydra.services.learning;

import dev.hydra.services.review.Asset;
import dev.hydra.services.review.ReviewState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chosen/rejected pairs for preference training (DPO-style datasets): two images of the same prompt and character,
 * from a side-by-side comparison (the preferred one is chosen), or from decisions (an accepted image against a
 * rejected one). Decision pairs are bounded: within a prompt, each rejected image is paired with one accepted image
 * and each accepted image with one rejected image (round robin), so a prompt with a images accepted and r rejected
 * gives max(a, r) pairs, not a × r.
 */
public final class PreferencePairs {

    private PreferencePairs() {
    }

    /**
     * @param source "comparison" or "decision"
     */
    public record Pair(String prompt, String character, Asset chosen, Asset rejected, String source) {
    }

    /** @param assets the assets with their metadata (raw text not needed) */
    public static List<Pair> of(List<Asset> assets, List<Comparison> comparisons) {
        Map<Long, Asset> byId = new HashMap<>();
        assets.forEach(a -> byId.put(a.id(), a));
        List<Pair> pairs = new ArrayList<>();
        for (Comparison c : comparisons) {
            Asset better = byId.get(c.betterId());
            Asset worse = byId.get(c.worseId());
            if (better != null && worse != null && key(better) != null && key(better).equals(key(worse))) {
                pairs.add(new Pair(key(better).getFirst(), better.character(), better, worse, "comparison"));
            }
        }
        Map<List<String>, List<Asset>> groups = new LinkedHashMap<>();
        assets.stream().sorted(Comparator.comparingLong(Asset::id)).forEach(asset -> {
            List<String> key = key(asset);
            if (key != null && asset.state() != ReviewState.PENDING) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(asset);
            }
        });
        for (var group : groups.entrySet()) {
            List<Asset> accepted = group.getValue().stream().filter(a -> a.state() == ReviewState.ACCEPTED).toList();
            List<Asset> rejected = group.getValue().stream().filter(a -> a.state() == ReviewState.REJECTED).toList();
            if (accepted.isEmpty() || rejected.isEmpty()) {
                continue;
            }
            Set<List<Long>> seen = new HashSet<>();
            for (int i = 0; i < Math.max(accepted.size(), rejected.size()); i++) {
                Asset chosen = accepted.get(i % accepted.size());
                Asset worse = rejected.get(i % rejected.size());
                if (seen.add(List.of(chosen.id(), worse.id()))) {
                    pairs.add(new Pair(group.getKey().getFirst(), chosen.character(), chosen, worse, "decision"));
                }
            }
        }
        return pairs;
    }

    /** (positive prompt, character), or null without a prompt. */
    private static List<String> key(Asset asset) {
        String prompt = asset.metadata().finalPass().map(p -> p.positiveText()).orElse(null);
        return prompt == null || prompt.isBlank() ? null
                : List.of(prompt.strip(), Objects.toString(asset.character(), ""));
    }
}
