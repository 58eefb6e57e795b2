package dev.hydra.services.learning;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.numbers.gamma.Erfcx;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * P(accept | factors): a Bayesian probit regression over the factor levels, learned online with the AdPredictor
 * update (Graepel et al., ICML 2010) and refined by expectation propagation (Minka, UAI 2001). Every weight is a
 * Gaussian belief. A decision updates the weights of the image's levels at once, in closed form (assumed-density
 * filtering), so the model learns after each decision without a training pass. One pass in decision order, though,
 * judges the first decisions while every other weight was still unknown; before the model next predicts, a few EP
 * sweeps revisit each decision with what the others taught since (each decision keeps its message to the weights,
 * and is re-weighed against the rest), which brings the beliefs close to the full posterior of all decisions at a
 * cost of microseconds per decision. Features: a bias, every factor level, and each character crossed with each LoRA
 * (a LoRA that fails for one character only). A comparison of two images updates the same weights with the
 * difference of their features (Thurstone–Mosteller, the probit form of Bradley–Terry). Not thread-safe:
 * {@link PreferenceLearning} guards it.
 */
public final class AcceptanceModel {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    /** A weight's variance never drops below this, so the model keeps adapting to a taste that changes. */
    private static final double MIN_VARIANCE = 1e-4;
    /** EP sweeps stop when no weight's mean moved by more than this in a sweep (on the probit scale)... */
    private static final double CONVERGED = 1e-3;
    /** ...or after this many (a new decision on top of a converged model takes two or three). */
    private static final int MAX_SWEEPS = 50;
    /**
     * Decisions whose messages are kept for the sweeps (the latest); older ones stay in the beliefs as learned. Bounds
     * memory (about 2 KB a decision) and the sweeps' time.
     */
    static final int KEPT = 5_000;

    /**
     * Settings crossed with the character: LoRAs and checkpoints are often made for (or fail with) one character;
     * crossing every setting would split the evidence too thinly to learn from a few hundred decisions.
     */
    static final Set<FactorKind> CROSSED = EnumSet.of(FactorKind.LORA);

    private final Priors priors;
    private final Map<String, double[]> weights = new HashMap<>();
    private final Deque<Site> sites = new ArrayDeque<>();
    private boolean refined = true;
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

    /**
     * One decision or comparison as EP keeps it: the weights it touches ({@code [mean, variance]}, shared with the
     * model), its inputs, its label, and its current message to each weight in natural parameters.
     */
    private static final class Site {
        final double[][] weights;
        final double[] x;
        final int y;
        final double noise;
        final double[] precision;
        final double[] shift;

        Site(double[][] weights, double[] x, int y, double noise) {
            this.weights = weights;
            this.x = x;
            this.y = y;
            this.noise = noise;
            this.precision = new double[x.length];
            this.shift = new double[x.length];
        }
    }

    /** The probability that an image with these factors is accepted, and how sure the model is. */
    public Prediction predict(AssetFactors factors) {
        refine();
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
        double[][] touched = new double[x.size()][];
        double[] values = new double[x.size()];
        int i = 0;
        for (var e : x.entrySet()) {
            touched[i] = weight(e.getKey(), true);
            values[i++] = e.getValue();
        }
        Site site = new Site(touched, values, y, noise);
        include(site);
        sites.addLast(site);
        if (sites.size() > KEPT) {
            sites.removeFirst();
        }
        refined = false;
    }

    /** The EP sweeps, when a decision or comparison came since the last: until the beliefs stop moving. */
    private void refine() {
        if (refined) {
            return;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double moved = 0;
            for (Site site : sites) {
                moved = Math.max(moved, include(site));
            }
            if (moved < CONVERGED) {
                break;
            }
        }
        refined = true;
    }

    /**
     * Takes the site's message out of its weights (the cavity: what all other decisions say), applies the probit
     * update for its label, and keeps the difference as its new message. The first time, the message is empty and
     * this is the AdPredictor update.
     *
     * @return how far the mean of a weight moved, at most
     */
    private static double include(Site site) {
        int n = site.x.length;
        double[] cavityMean = new double[n];
        double[] cavityVariance = new double[n];
        double mean = 0;
        double total = site.noise;
        for (int i = 0; i < n; i++) {
            double[] w = site.weights[i];
            double precision = 1 / w[1] - site.precision[i];
            if (precision <= 0) {
                return 0;
            }
            cavityVariance[i] = 1 / precision;
            cavityMean[i] = (w[0] / w[1] - site.shift[i]) * cavityVariance[i];
            mean += site.x[i] * cavityMean[i];
            total += site.x[i] * site.x[i] * cavityVariance[i];
        }
        double sigma = Math.sqrt(total);
        double t = site.y * mean / sigma;
        double v = SQRT_2_OVER_PI / Erfcx.value(-t / Math.sqrt(2));
        double shrink = v * (v + t);
        double moved = 0;
        for (int i = 0; i < n; i++) {
            double[] w = site.weights[i];
            double xi = site.x[i];
            double before = w[0];
            w[0] = cavityMean[i] + site.y * xi * cavityVariance[i] / sigma * v;
            moved = Math.max(moved, Math.abs(w[0] - before));
            w[1] = Math.max(MIN_VARIANCE, cavityVariance[i] * (1 - xi * xi * cavityVariance[i] / total * shrink));
            site.precision[i] = 1 / w[1] - 1 / cavityVariance[i];
            site.shift[i] = w[0] / w[1] - cavityMean[i] / cavityVariance[i];
        }
        return moved;
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
