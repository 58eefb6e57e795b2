package dev.hydra.services.learning;

import java.util.Comparator;
import java.util.List;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/** Honest figures for the model: a time-ordered split, never a test on what it learned from. */
public final class Evaluation {

    /** Below this many held-out decisions the figures would be noise. */
    static final int MIN_TEST = 10;
    private static final double EPSILON = 1e-6;

    private Evaluation() {
    }

    /**
     * Trains a fresh model on the earliest {@code 1 - testShare} of the decisions (in decision order, one update
     * each, as the live model learns) and measures it on the latest {@code testShare}.
     */
    public static ModelQuality timeOrdered(List<Observation> observations, double testShare) {
        List<Observation> ordered = observations.stream().sorted(Comparator.comparing(Observation::decidedAt)
                .thenComparing(Observation::assetId)).toList();
        int tested = (int) Math.round(ordered.size() * testShare);
        int trained = ordered.size() - tested;
        if (tested < MIN_TEST || trained < MIN_TEST) {
            return ModelQuality.notYet(ordered.size(), "not enough decisions yet: the held-out test needs at least "
                    + needed(testShare) + " decisions (" + ordered.size() + " so far)");
        }
        AcceptanceModel model = new AcceptanceModel();
        long accepts = 0;
        for (Observation o : ordered.subList(0, trained)) {
            model.learn(o.factors(), o.accepted());
            accepts += o.accepted() ? 1 : 0;
        }
        double rate = Math.clamp((double) accepts / trained, EPSILON, 1 - EPSILON);
        List<Observation> test = ordered.subList(trained, ordered.size());
        double[] predicted = new double[test.size()];
        double loss = 0;
        double baselineLoss = 0;
        for (int i = 0; i < test.size(); i++) {
            Observation o = test.get(i);
            predicted[i] = Math.clamp(model.predict(o.factors()).acceptance(), EPSILON, 1 - EPSILON);
            loss -= Math.log(o.accepted() ? predicted[i] : 1 - predicted[i]);
            baselineLoss -= Math.log(o.accepted() ? rate : 1 - rate);
        }
        return new ModelQuality(trained, tested, auc(test.stream().map(Observation::accepted).toList(), predicted),
                loss / tested, rate, baselineLoss / tested, null);
    }

    /** The fewest decisions whose split leaves {@link #MIN_TEST} on both sides. */
    private static int needed(double testShare) {
        int needed = 2 * MIN_TEST;
        while (Math.round(needed * testShare) < MIN_TEST || needed - Math.round(needed * testShare) < MIN_TEST) {
            needed++;
        }
        return needed;
    }

    /**
     * The probability that a random accept scores above a random reject (ties count half): the Mann–Whitney U of
     * the accepts' scores against the rejects', divided by the number of pairs. Null with one class only.
     */
    public static Double auc(List<Boolean> accepted, double[] scores) {
        int positives = (int) accepted.stream().filter(a -> a).count();
        int negatives = accepted.size() - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        int p = 0;
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            if (accepted.get(i)) {
                pos[p++] = scores[i];
            } else {
                neg[n++] = scores[i];
            }
        }
        return MannWhitneyUTest.withDefaults().statistic(pos, neg) / ((double) positives * negatives);
    }
}
