package dev.hydra.services.learning;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.numbers.gamma.Erfcx;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * P(accept | factors): an online Bayesian probit regression over the factor levels (the AdPredictor update of
 * Graepel et al., ICML 2010). Every weight is a Gaussian belief; one decision updates the weights of the image's
 * levels in closed form (assumed-density filtering), so the model learns after each decision without a training
 * pass. Features: a bias, every factor level, and each character crossed with each setting (a LoRA that fails for
 * one character only). A comparison of two images updates the same weights with the difference of their features
 * (Thurstone–Mosteller, the probit form of Bradley–Terry). Not thread-safe: {@link Learning} guards it.
 */
public final class AcceptanceModel {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    /** A weight's variance never drops below this, so the model keeps adapting to a taste that changes. */
    private static final double MIN_VARIANCE = 1e-4;

    /**
     * Settings crossed with the character: LoRAs and checkpoints are often made for (or fail with) one character;
     * crossing every setting would split the evidence too thinly to learn from a few hundred decisions.
     */
    static final java.util.Set<FactorKind> CROSSED = java.util.EnumSet.of(FactorKind.LORA);

    private final Priors priors;
    private final Map<String, double[]> weights = new HashMap<>();
    private long decisions;
    private long comparisons;

    public AcceptanceModel() {
        this(Priors.DEFAULT);
    }

    public AcceptanceModel(Priors priors) {
        this.priors = priors;
    }

    /**
     * Prior variances of the weights by group: how far one group alone may move a prediction before any evidence.
     * Many small effects (prompt phrases) get a small prior each, so together they cannot drown the settings.
     */
    public record Priors(double bias, double level, double interaction, double token, double noise) {
        public static final Priors DEFAULT = new Priors(1.0, 0.4, 0.3, 0.02, 1.0);
    }

    /** The probability that an image with these factors is accepted, and how sure the model is. */
    public Prediction predict(AssetFactors factors) {
        Map<String, Double> x = features(factors);
        double mean = 0;
        double variance = 0;
        for (var e : x.entrySet()) {
            double[] w = weight(e.getKey(), false);
            mean += e.getValue() * w[0];
            variance += e.getValue() * e.getValue() * w[1];
        }
        double p = STANDARD.cumulativeProbability(mean / Math.sqrt(priors.noise() + variance));
        return new Prediction(p, Math.sqrt(variance));
    }

    /** One decision: accepted or rejected. */
    public void learn(AssetFactors factors, boolean accepted) {
        update(features(factors), accepted ? 1 : -1, priors.noise());
        decisions++;
    }

    /** One comparison: {@code better} was preferred to {@code worse} (same prompt, side by side). */
    public void learnPreference(AssetFactors better, AssetFactors worse) {
        Map<String, Double> difference = new LinkedHashMap<>(features(better));
        features(worse).forEach((key, value) -> difference.merge(key, -value, Double::sum));
        difference.values().removeIf(v -> v == 0);
        if (!difference.isEmpty()) {
            update(difference, 1, 2 * priors.noise());
        }
        comparisons++;
    }

    public long decisions() {
        return decisions;
    }

    public long comparisons() {
        return comparisons;
    }

    private void update(Map<String, Double> x, int y, double noise) {
        double mean = 0;
        double total = noise;
        for (var e : x.entrySet()) {
            double[] w = weight(e.getKey(), true);
            mean += e.getValue() * w[0];
            total += e.getValue() * e.getValue() * w[1];
        }
        double sigma = Math.sqrt(total);
        double t = y * mean / sigma;
        double v = SQRT_2_OVER_PI / Erfcx.value(-t / Math.sqrt(2));
        double w = v * (v + t);
        for (var e : x.entrySet()) {
            double[] weight = weights.get(e.getKey());
            double xi = e.getValue();
            weight[0] += y * xi * weight[1] / sigma * v;
            weight[1] = Math.max(MIN_VARIANCE, weight[1] * (1 - xi * xi * weight[1] / total * w));
        }
    }

    private double[] weight(String key, boolean create) {
        double[] w = weights.get(key);
        if (w == null) {
            w = new double[] {0, priorVariance(key)};
            if (create) {
                weights.put(key, w);
            }
        }
        return w;
    }

    private double priorVariance(String key) {
        if (key.equals("bias")) {
            return priors.bias();
        }
        if (key.startsWith("token=")) {
            return priors.token();
        }
        return key.contains(" × ") ? priors.interaction() : priors.level();
    }

    /** The model's inputs for an image: bias, levels, character × setting. */
    static Map<String, Double> features(AssetFactors factors) {
        Map<String, Double> x = new LinkedHashMap<>();
        x.put("bias", 1.0);
        for (Factor factor : factors.factors()) {
            if (factor.kind() != FactorKind.CHARACTER) {
                x.put(factor.kind() == FactorKind.TOKEN ? "token=" + factor.level() : factor.key(), 1.0);
            }
        }
        String character = factors.character() == null ? "(none)" : factors.character();
        x.put(FactorKind.CHARACTER.key() + "=" + character, 1.0);
        for (Factor factor : factors.factors()) {
            if (CROSSED.contains(factor.kind())) {
                x.put(character + " × " + factor.key(), 1.0);
            }
        }
        return x;
    }

    /**
     * @param acceptance predicted probability of an accept
     * @param spread     the standard deviation of the model's score (the probit's latent scale): large when the
     *                   image's levels have little evidence
     */
    public record Prediction(double acceptance, double spread) {

        /** How far from a coin flip: 0 at 50 %, 1 at 0 % or 100 %. "Uncertain first" shows the lowest first. */
        public double certainty() {
            return Math.abs(2 * acceptance - 1);
        }
    }
}
