package dev.hydra.services.learning;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The acceptance rate of a factor level as a Beta posterior: a uniform Beta(1, 1) prior (or a given one) updated with
 * the accepted and rejected counts; its mean and central 90 % interval come from Commons Statistics.
 *
 * @param accepted decisions that accepted an image with this level
 * @param rejected decisions that rejected one
 * @param mean     posterior mean acceptance
 * @param lower    5 % quantile
 * @param upper    95 % quantile
 */
public record BetaPosterior(long accepted, long rejected, double mean, double lower, double upper) {

    /** With the uniform prior Beta(1, 1). */
    public static BetaPosterior of(long accepted, long rejected) {
        return withPrior(accepted, rejected, 1, 1);
    }

    /** With a Beta(alpha, beta) prior, e.g. centred on the overall rate of the level (partial pooling). */
    public static BetaPosterior withPrior(long accepted, long rejected, double alpha, double beta) {
        double a = alpha + accepted;
        double b = beta + rejected;
        BetaDistribution posterior = BetaDistribution.of(a, b);
        return new BetaPosterior(accepted, rejected, posterior.getMean(), posterior.inverseCumulativeProbability(0.05),
                posterior.inverseCumulativeProbability(0.95));
    }

    /** Decisions behind it: the evidence count shown next to every figure. */
    public long evidence() {
        return accepted + rejected;
    }
}
