package dev.hydra.ui.review;

import dev.hydra.services.learning.LevelStats;
import java.util.Locale;

/**
 * One row of the Learning page's acceptance table.
 *
 * @param mean  posterior mean acceptance (0–1)
 * @param lower 5 % quantile
 * @param upper 95 % quantile
 * @param enough at least learning.minEvidence decisions
 */
public record LevelRow(String kind, String level, long accepted, long rejected, double mean, double lower,
        double upper, boolean enough) {

    static LevelRow of(LevelStats stats) {
        var p = stats.posterior();
        return new LevelRow(stats.factor().kind().label(), stats.factor().level(), p.accepted(), p.rejected(),
                p.mean(), p.lower(), p.upper(), stats.enoughEvidence());
    }

    /** "62 % (51–72 %)", or "not enough evidence" below the threshold. */
    public String acceptanceText() {
        return enough ? String.format(Locale.ROOT, "%.0f %% (%.0f–%.0f %%)", 100 * mean, 100 * lower, 100 * upper)
                : "not enough evidence";
    }

    /** "12 ✓ · 5 ✗" */
    public String evidenceText() {
        return accepted + " ✓ · " + rejected + " ✗";
    }
}
