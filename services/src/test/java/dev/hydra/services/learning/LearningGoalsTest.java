package dev.hydra.services.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.config.LearningConfig;
import dev.hydra.services.testing.PreferenceSimulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The goals on the simulator with a fixed seed: after 200 decisions the recommended settings reach at
 * least 90 % of the oracle's acceptance, predicted acceptance has an AUC of at least 0.8, and no recommendation
 * comes without its evidence. A behaviour test (what the learning concludes), not a timed one.
 */
class LearningGoalsTest {

    @Test
    void after200DecisionsTheRecommendationsReachTheGoalsOnTheSimulator() {
        PreferenceSimulator simulator = new PreferenceSimulator(20261121L, LearningConfig.DEFAULT);
        List<Observation> decisions = simulator.decide(200);

        PreferenceSimulator.Score score = simulator.score(decisions, 2000);

        assertThat(score.recVsOracle()).as("recommended vs oracle acceptance: %s", score).isGreaterThanOrEqualTo(0.9);
        assertThat(score.recVsRandom()).as("recommended vs random acceptance: %s", score).isGreaterThan(1.2);
        assertThat(score.auc()).as("AUC of predicted acceptance on fresh images: %s", score).isGreaterThanOrEqualTo(0.8);
        assertThat(score.recommendationsWithoutEvidence()).isZero();
    }

    /** A user who also flips 5 % of their labels: the recommendations still reach 90 % of the oracle. */
    @Test
    void aNoisierUserStillGetsRecommendationsNearTheOracle() {
        PreferenceSimulator simulator = new PreferenceSimulator(20261121L, LearningConfig.DEFAULT, 0.05);

        PreferenceSimulator.Score score = simulator.score(simulator.decide(200), 2000);

        assertThat(score.recVsOracle()).as("recommended vs oracle acceptance: %s", score).isGreaterThanOrEqualTo(0.9);
        assertThat(score.auc()).as("AUC of predicted acceptance: %s", score).isGreaterThan(0.7)
                .isLessThan(score.oracleAuc());
    }
}
