package dev.hydra.bench;

import dev.hydra.services.config.LearningConfig;
import dev.hydra.services.learning.Observation;
import dev.hydra.services.testing.PreferenceSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * bench/run learning: the preference simulator (a hidden taste: checkpoint alpha 80 %, beta 40 %; CFG 5–7 better;
 * ada fails with one LoRA; …) labels random generations with noise; after 50, 100, 200 and 500 decisions the
 * learning is scored: (a) the acceptance of images made with the recommended settings against the oracle's best
 * settings and random settings; (b) the AUC of the model's predicted acceptance on 2,000 fresh images (next to the
 * AUC of the hidden probability itself, the ceiling that label noise allows) and on the time-ordered held-out split
 * the Learning page shows. Ten simulated users (seeds FIRST to FIRST+9; {@code bench/run learning [FIRST]}, default
 * 1): median and spread. Each user's decisions grow: the 100-decision state is the 50-decision one plus 50 more.
 */
final class LearningBenchmark implements Callable<String> {

    private static final int[] CHECKPOINTS = {50, 100, 200, 500};
    private static final int SEEDS = 10;
    private static final int TEST_IMAGES = 2000;
    private static final double NOISIER = 0.05;

    private final long firstSeed;

    LearningBenchmark(long firstSeed) {
        this.firstSeed = firstSeed;
    }

    @Override
    public String call() {
        System.out.printf(Locale.ROOT, "learning: %d simulated users (seeds %d-%d), %d fresh images per AUC, "
                + "learning.minEvidence %d%n", SEEDS, firstSeed, firstSeed + SEEDS - 1, TEST_IMAGES,
                LearningConfig.DEFAULT.minEvidence());
        long start = System.nanoTime();
        System.out.println("labels drawn from the hidden acceptance (the reference):");
        double[] reference = scenario(0);
        System.out.printf(Locale.ROOT, "a noisier user: %.0f %% of those labels flipped as well:%n", 100 * NOISIER);
        double[] noisier = scenario(NOISIER);
        System.out.printf(Locale.ROOT, "goals at 200 decisions (reference): rec/oracle >= 0.90 %s, AUC >= 0.80 %s; "
                + "%.1f s%n", reference[0] >= 0.9 ? "met" : "NOT met", reference[1] >= 0.8 ? "met" : "NOT met",
                (System.nanoTime() - start) / 1e9);
        return String.format(Locale.ROOT, "rec_vs_oracle_200=%.3f auc_200=%.3f rec_vs_random_200=%.3f "
                + "auc_ceiling_200=%.3f rec_vs_oracle_200_noisier=%.3f auc_200_noisier=%.3f "
                + "auc_ceiling_200_noisier=%.3f", reference[0], reference[1], reference[2], reference[3], noisier[0],
                noisier[1], noisier[3]);
    }

    /** Prints the table for one kind of user; returns the medians at 200 decisions: vs oracle, AUC, vs random, ceiling. */
    private double[] scenario(double flips) {
        List<List<PreferenceSimulator.Score>> byCheckpoint = new ArrayList<>();
        for (int ignored : CHECKPOINTS) {
            byCheckpoint.add(new ArrayList<>());
        }
        for (long seed = firstSeed; seed < firstSeed + SEEDS; seed++) {
            PreferenceSimulator simulator = new PreferenceSimulator(seed, LearningConfig.DEFAULT, flips);
            List<Observation> decisions = simulator.decide(CHECKPOINTS[CHECKPOINTS.length - 1]);
            for (int i = 0; i < CHECKPOINTS.length; i++) {
                byCheckpoint.get(i).add(simulator.score(decisions.subList(0, CHECKPOINTS[i]), TEST_IMAGES));
            }
        }
        System.out.println("decisions | rec/oracle median (min-max) | rec/random median (min-max) | AUC fresh median "
                + "(min-max) | AUC ceiling | AUC held-out median | recs without evidence");
        double[] at200 = null;
        for (int i = 0; i < CHECKPOINTS.length; i++) {
            List<PreferenceSimulator.Score> scores = byCheckpoint.get(i);
            double[] vsOracle = values(scores, PreferenceSimulator.Score::recVsOracle);
            double[] vsRandom = values(scores, PreferenceSimulator.Score::recVsRandom);
            double[] auc = values(scores, PreferenceSimulator.Score::auc);
            double[] ceiling = values(scores, PreferenceSimulator.Score::oracleAuc);
            double[] heldOut = scores.stream().filter(s -> s.heldOutAuc() != null)
                    .mapToDouble(PreferenceSimulator.Score::heldOutAuc).toArray();
            int withoutEvidence = scores.stream().mapToInt(PreferenceSimulator.Score::recommendationsWithoutEvidence)
                    .sum();
            System.out.printf(Locale.ROOT, "%9d | %s | %s | %s | %.3f | %s | %d%n", CHECKPOINTS[i], spread(vsOracle),
                    spread(vsRandom), spread(auc), median(ceiling), heldOut.length == 0 ? "n/a"
                            : String.format(Locale.ROOT, "%.3f", median(heldOut)), withoutEvidence);
            if (CHECKPOINTS[i] == 200) {
                at200 = new double[] {median(vsOracle), median(auc), median(vsRandom), median(ceiling)};
            }
        }
        return at200;
    }

    private static double[] values(List<PreferenceSimulator.Score> scores,
            ToDoubleFunction<PreferenceSimulator.Score> value) {
        return scores.stream().mapToDouble(value).toArray();
    }

    private static double median(double[] values) {
        return Median.withDefaults().evaluate(values.clone());
    }

    private static String spread(double[] values) {
        double[] range = Quantile.withDefaults().evaluate(values.clone(), 0, 1);
        return String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", median(values), range[0], range[1]);
    }
}
