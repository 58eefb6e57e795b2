package dev.hydra.services.testing;

import dev.hydra.services.config.LearningConfig;
import dev.hydra.services.learning.AcceptanceModel;
import dev.hydra.services.learning.Analysis;
import dev.hydra.services.learning.AssetFactors;
import dev.hydra.services.learning.Evaluation;
import dev.hydra.services.learning.FactorKind;
import dev.hydra.services.learning.Factors;
import dev.hydra.services.learning.LearningReport;
import dev.hydra.services.learning.Observation;
import dev.hydra.services.learning.Recommendation;
import dev.hydra.services.metadata.ImageMetadata;
import dev.hydra.services.metadata.Lora;
import dev.hydra.services.metadata.MetadataSource;
import dev.hydra.services.metadata.ReadStatus;
import dev.hydra.services.metadata.SamplerPass;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A simulated generator with a hidden preference, for the learning benchmark and its test. It makes images with
 * random settings (as a user exploring does), labels them from a hidden acceptance probability plus label noise,
 * and scores what the learning recommends against the best settings (the oracle) and random ones.
 *
 * <p>The hidden preference is the issue's: checkpoint alpha is accepted 80 % of the time and beta 40 % (gamma 60 %),
 * over the images the user makes with random other settings; CFG 5–7 is better; one character (ada) fails with one
 * LoRA (inkwash_v2). On the log-odds scale, beside the checkpoint: CFG 5–7 +0.8, extreme CFG (3 or 10) −1.5;
 * dpmpp_2m +0.4, euler_ancestral −0.4; 12 steps −1; the prompt phrase "crowd" −1; ada with inkwash_v2 −4. The
 * checkpoints' own log-odds are solved so that their acceptance over random settings is exactly 80/40/60 %. Each label
 * is drawn from that probability (the label noise: an image the taste accepts 80 % of the time is rejected one time
 * in five for reasons no setting explains); a noisier user can also flip a share of the labels. Scheduler, scene
 * and the other prompt phrases do not matter. Reject reasons: hands (more often at high CFG), face, composition.
 */
public final class PreferenceSimulator {

    public static final List<String> CHECKPOINTS = List.of("alpha_xl.safetensors", "beta_xl.safetensors",
            "gamma_xl.safetensors");
    public static final List<String> SAMPLERS = List.of("euler", "euler_ancestral", "dpmpp_2m", "dpmpp_2m_sde");
    public static final List<String> SCHEDULERS = List.of("normal", "karras");
    public static final List<Double> CFGS = List.of(3.0, 4.5, 6.0, 7.0, 8.5, 10.0);
    public static final List<Integer> STEPS = List.of(12, 20, 28, 40);
    public static final List<String> LORAS = List.of("none", "freckles_v1.safetensors", "inkwash_v2.safetensors");
    public static final List<String> CHARACTERS = List.of("mira", "jonas", "ada");
    public static final List<String> SCENES = List.of("cafe", "forest");
    private static final List<String> EXTRAS = List.of("crowd", "close-up portrait", "soft light", "rain",
            "golden hour", "full body", "smiling", "night");
    /** The example: checkpoint A accepted 80 %, B 40 % (and a third in between). */
    public static final Map<String, Double> CHECKPOINT_RATES = Map.of("alpha_xl.safetensors", 0.8,
            "beta_xl.safetensors", 0.4, "gamma_xl.safetensors", 0.6);
    /** The share of prompts with each extra phrase. */
    private static final double EXTRA_SHARE = 0.25;

    private final SplittableRandom random;
    private final LearningConfig config;
    private final double flips;
    private final Map<String, Double> checkpointLogOdds;
    private long clock;

    /** A user whose labels are drawn from the hidden acceptance probability, nothing more. */
    public PreferenceSimulator(long seed, LearningConfig config) {
        this(seed, config, 0);
    }

    /**
     * @param flips the share of labels flipped after they are drawn: a user less consistent than the hidden
     *              preference alone makes them (the checkpoints' acceptance still averages 80/40/60 %)
     */
    public PreferenceSimulator(long seed, LearningConfig config, double flips) {
        this.random = new SplittableRandom(seed);
        this.config = config;
        this.flips = flips;
        this.checkpointLogOdds = checkpointLogOdds(flips);
    }

    /** One generated image's settings. */
    public record Setup(String checkpoint, String sampler, String scheduler, double cfg, int steps, String lora,
            String character, String scene, List<String> extras) {
    }

    public Setup randomSetup() {
        List<String> extras = new ArrayList<>();
        for (String extra : EXTRAS) {
            if (random.nextDouble() < EXTRA_SHARE) {
                extras.add(extra);
            }
        }
        return new Setup(pick(CHECKPOINTS), pick(SAMPLERS), pick(SCHEDULERS), pick(CFGS), pick(STEPS), pick(LORAS),
                pick(CHARACTERS), pick(SCENES), extras);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The hidden probability that the simulated user accepts the image (flipped labels included). */
    public double acceptance(Setup s) {
        return flipped(checkpointLogOdds.get(s.checkpoint()) + effects(s), flips);
    }

    /** Everything but the checkpoint, on the log-odds scale. */
    private static double effects(Setup s) {
        double logOdds = s.cfg() >= 5 && s.cfg() <= 7 ? 0.8 : s.cfg() <= 3.5 || s.cfg() > 9 ? -1.5 : 0;
        logOdds += switch (s.sampler()) {
            case "dpmpp_2m" -> 0.4;
            case "euler_ancestral" -> -0.4;
            default -> 0;
        };
        logOdds += s.steps() < 15 ? -1 : 0;
        logOdds += s.extras().contains("crowd") ? -1 : 0;
        if (s.character().equals("ada") && s.lora().equals("inkwash_v2.safetensors")) {
            logOdds -= 4;
        }
        return logOdds;
    }

    private static double flipped(double logOdds, double flips) {
        double p = 1 / (1 + Math.exp(-logOdds));
        return p * (1 - flips) + (1 - p) * flips;
    }

    /**
     * Each checkpoint's own log-odds, solved (by bisection) so that its acceptance averaged over every combination
     * of the other settings the simulator draws — "crowd" in a quarter of the prompts — is the rate.
     */
    private static Map<String, Double> checkpointLogOdds(double flips) {
        List<Setup> others = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (String sampler : SAMPLERS) {
            for (double cfg : CFGS) {
                for (int steps : STEPS) {
                    for (String lora : LORAS) {
                        for (String character : CHARACTERS) {
                            for (boolean crowd : new boolean[] {false, true}) {
                                others.add(new Setup(null, sampler, "normal", cfg, steps, lora, character, "cafe",
                                        crowd ? List.of("crowd") : List.of()));
                                weights.add(crowd ? EXTRA_SHARE : 1 - EXTRA_SHARE);
                            }
                        }
                    }
                }
            }
        }
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> logOdds = new HashMap<>();
        CHECKPOINT_RATES.forEach((checkpoint, rate) -> {
            double low = -20;
            double high = 20;
            for (int i = 0; i < 100; i++) {
                double mid = (low + high) / 2;
                double mean = 0;
                for (int j = 0; j < others.size(); j++) {
                    mean += weights.get(j) * flipped(mid + effects(others.get(j)), flips);
                }
                if (mean / total < rate) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            logOdds.put(checkpoint, (low + high) / 2);
        });
        return Map.copyOf(logOdds);
    }

    /** The image's metadata as the reader would produce it for a ComfyUI graph with these settings. */
    public static ImageMetadata metadata(Setup s) {
        String prompt = String.join(", ", concat(List.of("masterpiece", s.character(), s.scene()), s.extras()));
        List<Lora> loras = s.lora().equals("none") ? List.of() : List.of(new Lora(s.lora(), 0.8, 0.8));
        SamplerPass pass = new SamplerPass("3", "KSampler", true, BigInteger.valueOf(42), s.steps(), s.cfg(),
                s.sampler(), s.scheduler(), 1.0, List.of(prompt), List.of("blurry"), false, s.checkpoint(),
                "CheckpointLoaderSimple", loras, 832, 1216, 1, "EmptyLatentImage", false);
        return new ImageMetadata(ReadStatus.OK, "png", 832, 1216, MetadataSource.COMFYUI, List.of(pass), Map.of(),
                Map.of(), List.of());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public static AssetFactors factors(Setup s) {
        return Factors.of(metadata(s), s.character(), s.scene(), Set.of());
    }

    /** One labelled decision on a random image. */
    public Observation decideOne(long id) {
        Setup s = randomSetup();
        boolean accepted = random.nextDouble() < acceptance(s);
        Set<String> reasons = new HashSet<>();
        if (!accepted) {
            if (random.nextDouble() < (s.cfg() > 8 ? 0.6 : 0.2)) {
                reasons.add("hands");
            }
            if (random.nextDouble() < 0.2) {
                reasons.add("face");
            }
            if (random.nextDouble() < 0.1) {
                reasons.add("composition");
            }
        }
        clock += 1000;
        return new Observation(id, Instant.ofEpochMilli(clock), factors(s), accepted, reasons);
    }

    public List<Observation> decide(int count) {
        List<Observation> decisions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            decisions.add(decideOne(i + 1));
        }
        return decisions;
    }

    /** What the learning achieved after some decisions. */
    public record Score(int decisions, double recommended, double oracle, double random, double auc, double oracleAuc,
            Double heldOutAuc, int recommendationsWithoutEvidence) {

        public double recVsOracle() {
            return recommended / oracle;
        }

        public double recVsRandom() {
            return recommended / random;
        }
    }

    /**
     * Scores the learning after the given decisions: (a) the expected acceptance of images made with each character's
     * recommended settings, the oracle's best settings, and random settings (averaged over characters, scenes and
     * prompts); (b) the AUC of the live model's predictions on {@code testImages} fresh images.
     */
    public Score score(List<Observation> decisions, int testImages) {
        return score(decisions, testImages, AcceptanceModel.Priors.DEFAULT);
    }

    public Score score(List<Observation> decisions, int testImages, AcceptanceModel.Priors priors) {
        LearningReport report = new Analysis(config).report(decisions, 0);
        AcceptanceModel model = new AcceptanceModel(priors);
        decisions.forEach(o -> model.learn(o.factors(), o.accepted()));
        int withoutEvidence = 0;
        double recommended = 0;
        double oracle = 0;
        double randomMean = 0;
        List<Setup> prompts = new ArrayList<>();
        SplittableRandom promptRandom = new SplittableRandom(7);
        for (int i = 0; i < 40; i++) {
            List<String> extras = new ArrayList<>();
            for (String extra : EXTRAS) {
                if (promptRandom.nextDouble() < EXTRA_SHARE) {
                    extras.add(extra);
                }
            }
            prompts.add(new Setup(null, null, null, 0, 0, null, null, SCENES.get(i % SCENES.size()), extras));
        }
        for (String character : CHARACTERS) {
            Recommendation rec = report.recommendationFor(character);
            for (Recommendation.Advice advice : rec.settings()) {
                if (advice.posterior().evidence() < config.minEvidence()) {
                    withoutEvidence++;
                }
            }
            double best = 0;
            double sum = 0;
            int grid = 0;
            for (String ckpt : CHECKPOINTS) {
                for (String sampler : SAMPLERS) {
                    for (String scheduler : SCHEDULERS) {
                        for (double cfg : CFGS) {
                            for (int steps : STEPS) {
                                for (String lora : LORAS) {
                                    double mean = 0;
                                    for (Setup p : prompts) {
                                        mean += acceptance(new Setup(ckpt, sampler, scheduler, cfg, steps, lora,
                                                character, p.scene(), p.extras()));
                                    }
                                    mean /= prompts.size();
                                    best = Math.max(best, mean);
                                    sum += mean;
                                    grid++;
                                }
                            }
                        }
                    }
                }
            }
            oracle += best / CHARACTERS.size();
            randomMean += sum / grid / CHARACTERS.size();
            double following = 0;
            for (Setup p : prompts) {
                following += acceptance(recommended(report, character, p));
            }
            recommended += following / prompts.size() / CHARACTERS.size();
        }
        List<Boolean> labels = new ArrayList<>();
        double[] scores = new double[testImages];
        double[] truth = new double[testImages];
        for (int i = 0; i < testImages; i++) {
            Setup s = randomSetup();
            truth[i] = acceptance(s);
            labels.add(random.nextDouble() < truth[i]);
            scores[i] = model.predict(factors(s)).acceptance();
        }
        return new Score(decisions.size(), recommended, oracle, randomMean, Evaluation.auc(labels, scores),
                Evaluation.auc(labels, truth), report.quality().auc(), withoutEvidence);
    }

    /**
     * The image a user following the recommendation makes: each recommended setting, and for a setting without
     * a recommendation (not enough evidence, even overall) a random one.
     */
    private Setup recommended(LearningReport report, String character, Setup prompt) {
        String ckpt = report.advice(character, FactorKind.CHECKPOINT).map(a -> a.value()).orElse(pick(CHECKPOINTS));
        String sampler = report.advice(character, FactorKind.SAMPLER).map(a -> a.value()).orElse(pick(SAMPLERS));
        String scheduler = report.advice(character, FactorKind.SCHEDULER).map(a -> a.value()).orElse(pick(SCHEDULERS));
        double cfg = report.advice(character, FactorKind.CFG).map(a -> Double.parseDouble(a.value())).orElse(pick(CFGS));
        int steps = report.advice(character, FactorKind.STEPS).map(a -> Integer.parseInt(a.value())).orElse(pick(STEPS));
        String lora = report.advice(character, FactorKind.LORA).map(a -> a.factor().level()).orElse(pick(LORAS));
        return new Setup(ckpt, sampler, scheduler, cfg, steps, lora, character, prompt.scene(), prompt.extras());
    }
}
