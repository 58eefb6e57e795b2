package dev.hydra.services.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hydra.services.config.LearningConfig;
import dev.hydra.services.testing.PreferenceSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Beta posteriors, the AUC, the held-out evaluation, and the model's online updates. */
class LearningStatisticsTest {

    @Test
    void aBetaPosteriorHasTheMeanAndTheCentral90PercentIntervalOfBeta() {
        BetaPosterior p = BetaPosterior.of(8, 2);
        assertThat(p.mean()).isCloseTo(9.0 / 12, within(1e-12));
        assertThat(p.evidence()).isEqualTo(10);
        // one accept: Beta(2, 1), whose CDF is x², so its quantiles are the square roots of 0.05 and 0.95
        BetaPosterior one = BetaPosterior.of(1, 0);
        assertThat(one.lower()).isCloseTo(Math.sqrt(0.05), within(1e-9));
        assertThat(one.upper()).isCloseTo(Math.sqrt(0.95), within(1e-9));
        assertThat(one.mean()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(BetaPosterior.of(0, 0).mean()).isEqualTo(0.5);
    }

    @Test
    void theAucIsTheShareOfAcceptRejectPairsRankedRightWithTiesCountingHalf() {
        List<Boolean> labels = List.of(true, true, false, false);
        assertThat(Evaluation.auc(labels, new double[] {0.9, 0.8, 0.1, 0.2})).isEqualTo(1.0);
        assertThat(Evaluation.auc(labels, new double[] {0.1, 0.2, 0.9, 0.8})).isEqualTo(0.0);
        assertThat(Evaluation.auc(labels, new double[] {0.5, 0.5, 0.5, 0.5})).isEqualTo(0.5);
        assertThat(Evaluation.auc(labels, new double[] {0.9, 0.3, 0.5, 0.1})).isEqualTo(0.75);
        assertThat(Evaluation.auc(List.of(true, true), new double[] {0.1, 0.2})).isNull();
    }

    @Test
    void theHeldOutTestUsesOnlyTheLatestDecisionsAndNamesTheBaseline() {
        PreferenceSimulator simulator = new PreferenceSimulator(5, LearningConfig.DEFAULT);
        List<Observation> decisions = simulator.decide(300);

        ModelQuality quality = Evaluation.timeOrdered(decisions, 0.2);

        assertThat(quality.trained()).isEqualTo(240);
        assertThat(quality.tested()).isEqualTo(60);
        assertThat(quality.auc()).isGreaterThan(0.7);
        assertThat(quality.beatsBaseline()).as("log-loss %s vs %s", quality.logLoss(), quality.baselineLogLoss())
                .isTrue();
        long acceptedFirst = decisions.subList(0, 240).stream().filter(Observation::accepted).count();
        assertThat(quality.baselineRate()).isCloseTo(acceptedFirst / 240.0, within(1e-9));
        assertThat(Evaluation.timeOrdered(decisions.subList(0, 20), 0.2).note()).contains("not enough decisions");
    }

    @Test
    void eachDecisionMovesThePredictionOfImagesThatShareItsLevels() {
        AcceptanceModel model = new AcceptanceModel();
        AssetFactors good = PreferenceSimulator.factors(new PreferenceSimulator.Setup("alpha_xl.safetensors", "euler",
                "normal", 6.0, 28, "none", "mira", "cafe", List.of()));
        AssetFactors bad = PreferenceSimulator.factors(new PreferenceSimulator.Setup("beta_xl.safetensors", "euler",
                "normal", 6.0, 28, "none", "mira", "cafe", List.of()));
        assertThat(model.predict(good).acceptance()).isCloseTo(0.5, within(1e-9));
        double spreadBefore = model.predict(good).spread();

        for (int i = 0; i < 5; i++) {
            model.learn(good, true);
            model.learn(bad, false);
        }

        assertThat(model.predict(good).acceptance()).isGreaterThan(0.5).isGreaterThan(model.predict(bad).acceptance() + 0.2);
        assertThat(model.predict(bad).acceptance()).isLessThan(0.4);
        assertThat(model.predict(good).spread()).as("evidence makes it surer").isLessThan(spreadBefore);
        assertThat(model.decisions()).isEqualTo(10);
    }

    /**
     * One online pass judges the first decisions while everything else is unknown, so the same decisions in another
     * order would predict differently; the EP sweeps revisit each decision with all the others, and the predictions
     * no longer depend on the order the user decided in.
     */
    @Test
    void theSameDecisionsInAnotherOrderPredictTheSame() {
        List<Observation> decisions = new PreferenceSimulator(3, LearningConfig.DEFAULT).decide(150);
        AcceptanceModel forwards = new AcceptanceModel();
        decisions.forEach(o -> forwards.learn(o.factors(), o.accepted()));
        AcceptanceModel backwards = new AcceptanceModel();
        decisions.reversed().forEach(o -> backwards.learn(o.factors(), o.accepted()));

        PreferenceSimulator fresh = new PreferenceSimulator(4, LearningConfig.DEFAULT);
        for (int i = 0; i < 200; i++) {
            AssetFactors image = PreferenceSimulator.factors(fresh.randomSetup());
            assertThat(forwards.predict(image).acceptance()).as("image %d", i)
                    .isCloseTo(backwards.predict(image).acceptance(), within(0.02));
        }
    }

    @Test
    void aComparisonFavoursTheLevelsOfThePreferredImageOnly() {
        AcceptanceModel model = new AcceptanceModel();
        AssetFactors left = PreferenceSimulator.factors(new PreferenceSimulator.Setup("alpha_xl.safetensors",
                "dpmpp_2m", "normal", 6.0, 28, "none", "mira", "cafe", List.of()));
        AssetFactors right = PreferenceSimulator.factors(new PreferenceSimulator.Setup("alpha_xl.safetensors",
                "euler", "normal", 6.0, 28, "none", "mira", "cafe", List.of()));

        for (int i = 0; i < 3; i++) {
            model.learnPreference(left, right);
        }

        assertThat(model.predict(left).acceptance()).isGreaterThan(0.5);
        assertThat(model.predict(right).acceptance()).isLessThan(0.5);
        assertThat(model.comparisons()).isEqualTo(3);
    }

    @Test
    void recommendationsNeedEvidenceAndNameTheirCounts() {
        LearningConfig config = new LearningConfig(8, null, null, null, null);
        List<Observation> few = new ArrayList<>();
        PreferenceSimulator simulator = new PreferenceSimulator(9, config);
        for (int i = 0; i < 6; i++) {
            few.add(simulator.decideOne(i));
        }
        LearningReport report = new Analysis(config).report(few, 0);
        assertThat(report.recommendations().getFirst().settings()).as("6 decisions cannot reach 8 per level")
                .isEmpty();
        assertThat(report.levels()).allSatisfy(level -> assertThat(level.enoughEvidence()).isFalse());

        LearningReport more = new Analysis(config).report(simulator.decide(800), 0);
        assertThat(more.recommendations()).allSatisfy(r -> assertThat(r.settings()).allSatisfy(advice ->
                assertThat(advice.posterior().evidence()).isGreaterThanOrEqualTo(8)));
        assertThat(more.recommendationFor("ada").avoid()).as("ada fails with inkwash_v2")
                .anySatisfy(level -> assertThat(level.factor()).isEqualTo(new Factor(FactorKind.LORA,
                        "inkwash_v2.safetensors")));
        assertThat(more.recommendationFor("ada").advice(FactorKind.LORA)).hasValueSatisfying(advice ->
                assertThat(advice.factor().level()).isNotEqualTo("inkwash_v2.safetensors"));
        assertThat(more.recommendations().getFirst().negatives()).anySatisfy(n -> {
            assertThat(n.reason()).isEqualTo("hands");
            assertThat(n.phrases()).isEqualTo("bad hands, extra fingers, fused fingers");
        });
        assertThat(more.recommendations().getFirst().riskyTokens()).anySatisfy(token ->
                assertThat(token.factor().level()).isEqualTo("crowd"));
    }

    @Test
    void factorsComeFromTheMetadataWithFixedBuckets() {
        AssetFactors factors = PreferenceSimulator.factors(new PreferenceSimulator.Setup("alpha_xl.safetensors",
                "euler", "karras", 7.0, 12, "freckles_v1.safetensors", "mira", "cafe", List.of("(Crowd:1.2)",
                "close-up portrait")));

        assertThat(factors.factors()).contains(new Factor(FactorKind.CHECKPOINT, "alpha_xl.safetensors"),
                new Factor(FactorKind.CFG, "5–7"), new Factor(FactorKind.STEPS, "1–14"),
                new Factor(FactorKind.LORA, "freckles_v1.safetensors"),
                new Factor(FactorKind.LORA_STRENGTH, "freckles_v1.safetensors @ 0.5–0.8"),
                new Factor(FactorKind.SIZE, "832×1216 portrait"), new Factor(FactorKind.CHARACTER, "mira"),
                new Factor(FactorKind.SCENE, "cafe"), new Factor(FactorKind.TOKEN, "crowd"),
                new Factor(FactorKind.TOKEN, "close-up portrait"));
        assertThat(factors.of(FactorKind.TOKEN)).as("the character and scene names are those factors, not phrases")
                .extracting(Factor::level).doesNotContain("mira", "cafe").contains("masterpiece");
        assertThat(Factors.tokens("<lora:ink:0.7> masterpiece, (red scarf:1.2), [blue eyes]\nsoft light. 1girl"))
                .containsExactly("masterpiece", "red scarf", "blue eyes", "soft light", "1girl");
        assertThat(Factors.cfgBucket(9.5)).isEqualTo("9+");
        assertThat(Factors.stepsBucket(50)).isEqualTo("50+");
        assertThat(Set.of(Factors.strengthBucket(1.2))).containsExactly(">1.0");
    }
}
