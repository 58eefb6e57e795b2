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
 * the Learning page shows. Ten simulated users (seeds 1–10): median and spread. Each user's decisions grow: the
 * 100-decision state is the 50-decision one plus 50 more.
 */
final class LearningBenchmark implements Callable<String> {

    private static final int[] CHECKPOINTS = {50, 100, 200, 500};
    private static final int SEEDS = 10;
    private static final int TEST_IMAGES = 2000;

    @Override
    public String call() {
        System.out.printf(Locale.ROOT, "learning: %d simulated users (seeds 1-%d), %d fresh images per AUC, "
                + "learning.minEvidence %d%n", SEEDS, SEEDS, TEST_IMAGES, LearningConfig.DEFAULT.minEvidence());
        List<List<PreferenceSimulator.Score>> byCheckpoint = new ArrayList<>();
        long start = System.nanoTime();
        for (int ignored : CHECKPOINTS) {
            byCheckpoint.add(new ArrayList<>());
        }
        for (int seed = 1; seed <= SEEDS; seed++) {
            PreferenceSimulator simulator = new PreferenceSimulator(seed, LearningConfig.DEFAULT);
            List<Observation> decisions = simulator.decide(CHECKPOINTS[CHECKPOINTS.length - 1]);
            for (int i = 0; i < CHECKPOINTS.length; i++) {
                byCheckpoint.get(i).add(simulator.score(decisions.subList(0, CHECKPOINTS[i]), TEST_IMAGES));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
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
                at200 = new double[] {median(vsOracle), median(auc), median(vsRandom)};
            }
        }
        System.out.printf(Locale.ROOT, "goals at 200 decisions: rec/oracle >= 0.90 %s, AUC >= 0.80 %s; %.1f s%n",
                at200[0] >= 0.9 ? "met" : "NOT met", at200[1] >= 0.8 ? "met" : "NOT met", seconds);
        return String.format(Locale.ROOT, "rec_vs_oracle_200=%.3f auc_200=%.3f rec_vs_random_200=%.3f", at200[0],
                at200[1], at200[2]);
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
