package dev.hydra.services.learning;

import dev.hydra.services.config.LearningConfig;
import dev.hydra.services.learning.Recommendation.Advice;
import dev.hydra.services.learning.Recommendation.NegativeAddition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.commons.statistics.descriptive.Median;

/** Acceptance tables and recommendations from a set of decisions. */
public final class Analysis {

    /** How many decisions' worth of weight the overall rate of a level carries inside a character's posterior. */
    static final double POOLING = 12;
    /** Images per group over which a level's predicted acceptance is averaged (the latest decided). */
    static final int SAMPLE = 300;
    private static final List<FactorKind> RECOMMENDED = List.of(FactorKind.CHECKPOINT, FactorKind.SAMPLER,
            FactorKind.SCHEDULER, FactorKind.CFG, FactorKind.STEPS, FactorKind.LORA);

    private final LearningConfig config;

    public Analysis(LearningConfig config) {
        this.config = config;
    }

    /** With a model trained on these decisions in decision order (as the live model is). */
    public LearningReport report(List<Observation> observations, long comparisons) {
        AcceptanceModel model = new AcceptanceModel();
        observations.stream().sorted(Comparator.comparing(Observation::decidedAt))
                .forEach(o -> model.learn(o.factors(), o.accepted()));
        return report(observations, comparisons, model);
    }

    /**
     * @param model the live model: it ranks the candidate levels of a setting (each level put in place of the images'
     *              own, the predictions averaged), which separates a setting's effect from the others' that happened
     *              to come with it; the Beta posteriors are the evidence shown beside it
     */
    public LearningReport report(List<Observation> observations, long comparisons, AcceptanceModel model) {
        Map<Factor, long[]> overallCounts = counts(observations, o -> true);
        List<LevelStats> levels = table(overallCounts);
        Map<String, List<LevelStats>> byCharacter = new TreeMap<>();
        for (String character : distinct(observations, true)) {
            byCharacter.put(character, table(counts(observations, o -> character.equals(o.factors().character()))));
        }
        List<Recommendation> recommendations = new ArrayList<>();
        recommendations.add(recommend("all", null, null, observations, overallCounts, model));
        for (String character : distinct(observations, true)) {
            recommendations.add(recommend("character " + character, character, null, observations.stream()
                    .filter(o -> character.equals(o.factors().character())).toList(), overallCounts, model));
        }
        for (String scene : distinct(observations, false)) {
            recommendations.add(recommend("scene " + scene, null, scene, observations.stream()
                    .filter(o -> scene.equals(o.factors().scene())).toList(), overallCounts, model));
        }
        long accepted = observations.stream().filter(Observation::accepted).count();
        return new LearningReport(observations.size(), comparisons,
                BetaPosterior.of(accepted, observations.size() - accepted), levels, byCharacter,
                Evaluation.timeOrdered(observations, config.testShare()), recommendations, config.minEvidence());
    }

    private static TreeSet<String> distinct(List<Observation> observations, boolean characters) {
        TreeSet<String> names = new TreeSet<>();
        for (Observation o : observations) {
            String name = characters ? o.factors().character() : o.factors().scene();
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    /** factor → {accepted, rejected} */
    private static Map<Factor, long[]> counts(List<Observation> observations, Predicate<Observation> in) {
        Map<Factor, long[]> counts = new HashMap<>();
        for (Observation o : observations) {
            if (in.test(o)) {
                for (Factor factor : o.factors().factors()) {
                    counts.computeIfAbsent(factor, f -> new long[2])[o.accepted() ? 0 : 1]++;
                }
            }
        }
        return counts;
    }

    private List<LevelStats> table(Map<Factor, long[]> counts) {
        List<LevelStats> rows = new ArrayList<>();
        counts.forEach((factor, c) -> rows.add(new LevelStats(factor, BetaPosterior.of(c[0], c[1]),
                c[0] + c[1] >= config.minEvidence())));
        rows.sort(Comparator.comparing((LevelStats s) -> s.factor().kind())
                .thenComparing(s -> !s.enoughEvidence())
                .thenComparing(s -> -s.posterior().mean())
                .thenComparing(s -> s.factor().level()));
        return rows;
    }

    private Recommendation recommend(String group, String character, String scene, List<Observation> members,
            Map<Factor, long[]> overallCounts, AcceptanceModel model) {
        List<AssetFactors> sample = members.stream().sorted(Comparator.comparing(Observation::decidedAt).reversed())
                .limit(SAMPLE).map(Observation::factors).toList();
        long accepted = members.stream().filter(Observation::accepted).count();
        BetaPosterior base = BetaPosterior.of(accepted, members.size() - accepted);
        Map<Factor, long[]> counts = counts(members, o -> true);
        List<Advice> settings = new ArrayList<>();
        List<LevelStats> avoid = new ArrayList<>();
        for (FactorKind kind : RECOMMENDED) {
            Advice best = null;
            for (var entry : counts.entrySet()) {
                Factor factor = entry.getKey();
                long[] c = entry.getValue();
                if (factor.kind() != kind || c[0] + c[1] < config.minEvidence()) {
                    continue;
                }
                long[] all = overallCounts.get(factor);
                BetaPosterior overall = BetaPosterior.of(all[0], all[1]);
                BetaPosterior pooled = BetaPosterior.withPrior(c[0], c[1], POOLING * overall.mean(),
                        POOLING * (1 - overall.mean()));
                double predicted = predictedWith(model, sample, factor);
                if (best == null || predicted > best.predicted()) {
                    best = new Advice(factor, value(factor, members), predicted, pooled, overall);
                }
                if (pooled.upper() < base.mean()) {
                    avoid.add(new LevelStats(factor, pooled, true));
                }
            }
            if (best != null) {
                settings.add(best);
            }
        }
        avoid.sort(Comparator.comparing(s -> s.posterior().mean()));
        return new Recommendation(group, character, scene, base, settings, avoid, negatives(members),
                riskyTokens(counts, base));
    }

    /** The model's mean acceptance of the group's images had they been made with this level. */
    private static double predictedWith(AcceptanceModel model, List<AssetFactors> sample, Factor level) {
        double sum = 0;
        for (AssetFactors factors : sample) {
            sum += model.predict(factors.with(level)).acceptance();
        }
        return sample.isEmpty() ? 0 : sum / sample.size();
    }

    /** The concrete value behind a recommended level: the name itself, or the median of a bucket's accepted values. */
    private static String value(Factor factor, List<Observation> members) {
        return switch (factor.kind()) {
            case CFG, STEPS -> {
                List<Double> accepted = new ArrayList<>();
                List<Double> any = new ArrayList<>();
                for (Observation o : members) {
                    AssetFactors.Settings s = o.factors().settings();
                    Number value = factor.kind() == FactorKind.CFG ? s.cfg() : s.steps();
                    if (value != null && o.factors().has(factor)) {
                        any.add(value.doubleValue());
                        if (o.accepted()) {
                            accepted.add(value.doubleValue());
                        }
                    }
                }
                List<Double> chosen = accepted.isEmpty() ? any : accepted;
                if (chosen.isEmpty()) {
                    yield null;
                }
                double m = Median.withDefaults().evaluate(chosen.stream().mapToDouble(Double::doubleValue).toArray());
                yield factor.kind() == FactorKind.STEPS ? Long.toString(Math.round(m))
                        : String.format(Locale.ROOT, "%.1f", Math.round(m * 2) / 2.0);
            }
            case LORA -> null;
            default -> factor.level();
        };
    }

    private List<NegativeAddition> negatives(List<Observation> members) {
        long rejects = members.stream().filter(o -> !o.accepted()).count();
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (Observation o : members) {
            if (!o.accepted()) {
                o.reasons().forEach(r -> byReason.merge(r, 1L, Long::sum));
            }
        }
        List<NegativeAddition> additions = new ArrayList<>();
        byReason.forEach((reason, count) -> {
            String phrases = config.negativePrompts().get(reason);
            double share = (double) count / rejects;
            if (phrases != null && count >= 3 && share >= config.reasonShare()) {
                additions.add(new NegativeAddition(reason, count, share, phrases));
            }
        });
        additions.sort(Comparator.comparingLong(NegativeAddition::rejects).reversed());
        return additions;
    }

    /** Prompt phrases (with enough evidence) whose 90 % interval lies below the group's acceptance; worst first. */
    private List<LevelStats> riskyTokens(Map<Factor, long[]> counts, BetaPosterior base) {
        List<LevelStats> risky = new ArrayList<>();
        counts.forEach((factor, c) -> {
            if (factor.kind() == FactorKind.TOKEN && c[0] + c[1] >= config.minEvidence()) {
                BetaPosterior posterior = BetaPosterior.of(c[0], c[1]);
                if (posterior.upper() < base.mean()) {
                    risky.add(new LevelStats(factor, posterior, true));
                }
            }
        });
        risky.sort(Comparator.comparing(s -> s.posterior().mean()));
        return risky.size() > 10 ? risky.subList(0, 10) : risky;
    }
}
