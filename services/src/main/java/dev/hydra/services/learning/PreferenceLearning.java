package dev.hydra.services.learning;

import dev.hydra.services.config.LearningConfig;
import dev.hydra.services.review.Asset;
import dev.hydra.services.review.AssetLibrary;
import dev.hydra.services.review.AssetQuery;
import dev.hydra.services.review.AssetSummary;
import dev.hydra.services.review.QualityFlag;
import dev.hydra.services.review.ReviewState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The live learning: follows the decisions in the asset library and the comparisons, keeps the model up to date
 * (one online update per new decision or comparison; a changed or undone decision, which an online model cannot
 * forget, rebuilds it from the log in decision order), and answers the Learning page and the review screen.
 * Every method blocks on the database and is safe from any thread (one at a time).
 */
public final class PreferenceLearning {

    private final AssetLibrary library;
    private final Comparisons comparisons;
    private final LearningConfig config;
    private final Map<Long, AssetFactors> factors = new HashMap<>();
    /** What the model learned per asset: its decision as it was then. */
    private final Map<Long, Learned> learned = new HashMap<>();
    private final Map<Long, Observation> observations = new LinkedHashMap<>();
    private AcceptanceModel model = new AcceptanceModel();
    private long lastComparison;
    private long comparisonCount;

    public PreferenceLearning(AssetLibrary library, Comparisons comparisons, LearningConfig config) {
        this.library = library;
        this.comparisons = comparisons;
        this.config = config;
    }

    public LearningConfig config() {
        return config;
    }

    private record Learned(boolean accepted, Instant decidedAt, Set<String> reasons) {
    }

    /** Catches up with every decision and comparison made since the last call (by anyone, on any instance). */
    public synchronized void refresh() {
        List<AssetSummary> all = library.list(AssetQuery.ALL);
        Map<Long, AssetSummary> decided = new LinkedHashMap<>();
        boolean rebuild = false;
        Set<Long> stale = new HashSet<>();
        for (AssetSummary summary : all) {
            AssetFactors known = factors.get(summary.id());
            if (known == null || !flags(known).equals(keys(summary.qualityFlags()))) {
                stale.add(summary.id());
            }
            if (summary.state() == ReviewState.PENDING) {
                continue;
            }
            decided.put(summary.id(), summary);
            Learned before = learned.get(summary.id());
            rebuild |= before != null && !before.equals(learnedOf(summary));
        }
        rebuild |= learned.keySet().stream().anyMatch(id -> !decided.containsKey(id));
        load(stale);
        List<Comparison> newComparisons = comparisons.all().stream().filter(c -> c.id() > lastComparison).toList();
        load(newComparisons.stream().flatMap(c -> Stream.of(c.betterId(), c.worseId()))
                .filter(id -> !factors.containsKey(id)).toList());
        if (rebuild) {
            rebuild(decided);
            return;
        }
        List<AssetSummary> fresh = decided.values().stream().filter(s -> !learned.containsKey(s.id()))
                .sorted(Comparator.comparing(AssetSummary::decidedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        for (AssetSummary summary : fresh) {
            learn(summary);
        }
        for (Comparison comparison : newComparisons) {
            learn(comparison);
        }
    }

    private void rebuild(Map<Long, AssetSummary> decided) {
        model = new AcceptanceModel();
        learned.clear();
        observations.clear();
        lastComparison = 0;
        comparisonCount = 0;
        record Event(Instant at, AssetSummary decision, Comparison comparison) {
        }
        List<Event> events = new ArrayList<>();
        decided.values().forEach(s -> events.add(new Event(s.decidedAt() == null ? Instant.EPOCH : s.decidedAt(), s,
                null)));
        comparisons.all().forEach(c -> events.add(new Event(c.decidedAt(), null, c)));
        events.sort(Comparator.comparing(Event::at));
        for (Event event : events) {
            if (event.decision() != null) {
                learn(event.decision());
            } else {
                learn(event.comparison());
            }
        }
    }

    private void learn(AssetSummary summary) {
        AssetFactors f = factors.get(summary.id());
        if (f == null) {
            return;
        }
        Learned label = learnedOf(summary);
        model.learn(f, label.accepted());
        learned.put(summary.id(), label);
        observations.put(summary.id(), new Observation(summary.id(), summary.decidedAt() == null ? Instant.EPOCH
                : summary.decidedAt(), f, label.accepted(), label.reasons()));
    }

    private void learn(Comparison comparison) {
        AssetFactors better = factors.get(comparison.betterId());
        AssetFactors worse = factors.get(comparison.worseId());
        if (better != null && worse != null) {
            model.learnPreference(better, worse);
            comparisonCount++;
        }
        lastComparison = Math.max(lastComparison, comparison.id());
    }

    private static Learned learnedOf(AssetSummary summary) {
        return new Learned(summary.state() == ReviewState.ACCEPTED, summary.decidedAt(),
                summary.reasons());
    }

    private void load(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            for (Asset asset : library.metadataOf(ids)) {
                factors.put(asset.id(), Factors.of(asset));
            }
        }
    }

    private static Set<String> flags(AssetFactors f) {
        Set<String> keys = new TreeSet<>();
        f.of(FactorKind.FLAG).forEach(flag -> keys.add(flag.level()));
        return keys;
    }

    private static Set<String> keys(Set<QualityFlag> flags) {
        Set<String> keys = new TreeSet<>();
        flags.forEach(flag -> keys.add(flag.key()));
        return keys;
    }

    /** The tables, the model's held-out quality and the recommendations, as of now. */
    public synchronized LearningReport report() {
        refresh();
        return new Analysis(config).report(List.copyOf(observations.values()), comparisonCount, model);
    }

    /** Predicted acceptance of these assets (unknown ids and images without metadata get the base rate). */
    public synchronized Map<Long, AcceptanceModel.Prediction> predictions(Collection<Long> ids) {
        refresh();
        Map<Long, AcceptanceModel.Prediction> predictions = new HashMap<>();
        AssetFactors none = new AssetFactors(new TreeSet<>(), new AssetFactors.Settings(null, null, null, null, null),
                null, null, null, null);
        for (long id : ids) {
            predictions.put(id, model.predict(Objects.requireNonNullElse(factors.get(id), none)));
        }
        return predictions;
    }

    /** The factors of an asset (read if not known yet), or null when there is no such asset. */
    public synchronized AssetFactors factors(long id) {
        if (!factors.containsKey(id)) {
            load(List.of(id));
        }
        return factors.get(id);
    }

    /** Records a side-by-side judgement (committed) and learns from it at once. */
    public synchronized Comparison compare(long betterId, long worseId) {
        Comparison comparison = comparisons.record(betterId, worseId, "user");
        refresh();
        return comparison;
    }

    /** Every comparison made so far, oldest first. */
    public List<Comparison> comparisons() {
        return comparisons.all();
    }

    /** Decisions learned from so far. */
    public synchronized int decisions() {
        return observations.size();
    }
}
