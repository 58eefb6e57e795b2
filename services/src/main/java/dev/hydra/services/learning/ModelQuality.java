package dev.hydra.services.learning;

/**
 * How well the model predicts decisions it has not seen: trained on the earliest decisions, tested on the latest
 * (a time-ordered split), next to the baseline that predicts the training share of accepts for everything.
 *
 * @param auc             area under the ROC curve on the test part (0.5 is chance; null when the test part has only
 *                        accepts or only rejects)
 * @param logLoss         mean negative log-likelihood of the test decisions under the model (lower is better)
 * @param baselineRate    acceptance rate of the training part
 * @param baselineLogLoss the same for the baseline
 * @param note            why there are no figures yet, or null
 */
public record ModelQuality(int trained, int tested, Double auc, Double logLoss, Double baselineRate,
        Double baselineLogLoss, String note) {

    static ModelQuality notYet(int decided, String note) {
        return new ModelQuality(decided, 0, null, null, null, null, note);
    }

    /** Whether the model beats the baseline on the held-out decisions. */
    public boolean beatsBaseline() {
        return logLoss != null && baselineLogLoss != null && logLoss < baselineLogLoss;
    }
}
