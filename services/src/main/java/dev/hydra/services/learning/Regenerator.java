package dev.hydra.services.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hydra.services.comfy.ComfyGraphs;
import dev.hydra.services.json.Json;
import dev.hydra.services.learning.Recommendation.Advice;
import dev.hydra.services.metadata.MetadataSource;
import dev.hydra.services.metadata.SamplerPass;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobQueue;
import dev.hydra.services.queue.JobSpec;
import dev.hydra.services.queue.JobTypes;
import dev.hydra.services.review.Asset;
import dev.hydra.services.review.AssetLibrary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Re-generates an image through the queue (spec §4, "re-queue recipe"): its own ComfyUI graph, every seed drawn
 * anew in [0, 2^50), and — when asked — the recommended checkpoint, sampler, scheduler, CFG and steps for its
 * character (only values ComfyUI's /object_info lists) and the negative-prompt phrases mapped from the character's
 * frequent reject reasons. Nothing else in the graph changes. The job names the image as its parent, so the new
 * image joins the library as its child.
 */
public final class Regenerator {

    private final AssetLibrary library;
    private final PreferenceLearning learning;
    private final JobQueue queue;
    private final ComfyChoices choices;
    private final RandomGenerator random;

    public Regenerator(AssetLibrary library, PreferenceLearning learning, JobQueue queue, ComfyChoices choices,
            RandomGenerator random) {
        this.library = library;
        this.learning = learning;
        this.queue = queue;
        this.choices = choices;
        this.random = random;
    }

    /**
     * @param applySettings  substitute the recommended settings
     * @param applyNegatives add the negative-prompt phrases
     */
    public record Options(boolean applySettings, boolean applyNegatives) {
        public static final Options SEED_ONLY = new Options(false, false);
    }

    /**
     * The graph to queue and what changed, in words ("seed 3.seed → 123…", "sampler euler → dpmpp_2m (…)").
     *
     * @param notes what was wanted but not done, and why (e.g. a recommended checkpoint ComfyUI does not list)
     */
    public record Plan(long parentId, String parentFile, ObjectNode graph, List<String> changes, List<String> notes) {
    }

    /** A queued re-generation. */
    public record Regeneration(Job job, Plan plan) {
    }

    /**
     * Works out the re-generation without queueing it.
     *
     * @throws IllegalArgumentException when the image cannot be re-generated (unknown, or no ComfyUI graph)
     */
    public Plan plan(long assetId, Options options) {
        Asset asset = library.get(assetId).orElseThrow(() -> new IllegalArgumentException("no image " + assetId));
        String file = asset.path().getFileName().toString();
        String text = asset.metadata().rawText().get("prompt");
        SamplerPass pass = asset.metadata().finalPass().orElse(null);
        if (asset.metadata().source() != MetadataSource.COMFYUI || text == null || pass == null
                || pass.nodeId() == null) {
            throw new IllegalArgumentException(file + " has no ComfyUI graph (its metadata is "
                    + asset.metadata().source().label() + "): only images made by ComfyUI can be re-generated");
        }
        ObjectNode graph = parse(file, text);
        List<String> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Long> seeds = ComfyGraphs.randomizeSeeds(graph, random);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException(file + ": its graph has no literal seed to change, and ComfyUI answers an "
                    + "identical graph from its cache without a new image");
        }
        seeds.forEach((input, seed) -> changes.add("seed " + input + " → " + seed));
        if (options.applySettings() || options.applyNegatives()) {
            LearningReport report = learning.report();
            if (options.applySettings()) {
                substitute(graph, pass, report, asset.character(), changes, notes);
            }
            if (options.applyNegatives()) {
                addNegatives(graph, pass, report.recommendationFor(asset.character()), changes, notes);
            }
        }
        return new Plan(assetId, file, graph, changes, notes);
    }

    /** Plans and queues the re-generation of an image. */
    public Regeneration submit(long assetId, Options options) {
        Plan plan = plan(assetId, options);
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.set("graph", plan.graph());
        payload.put("seed", "keep");
        payload.put("parentAsset", assetId);
        ObjectNode lineage = payload.putObject("extraPngInfo").putObject("hydra-regeneration");
        lineage.put("parentAsset", assetId).put("parentFile", plan.parentFile());
        plan.changes().forEach(lineage.putArray("changes")::add);
        String parentJob = library.get(assetId).map(a -> a.origin().jobId()).orElse(null);
        Job job = queue.submit(JobSpec.of(JobTypes.IMAGE_GENERATION, "Re-generate " + plan.parentFile(), payload)
                .withParent(parentJob));
        return new Regeneration(job, plan);
    }

    private static ObjectNode parse(String file, String text) {
        try {
            JsonNode graph = Json.mapper().readTree(text);
            String problem = ComfyGraphs.problem(graph);
            if (problem != null) {
                throw new IllegalArgumentException(file + ": " + problem);
            }
            return (ObjectNode) graph;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": its ComfyUI graph is not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    private void substitute(ObjectNode graph, SamplerPass pass, LearningReport report, String character,
            List<String> changes, List<String> notes) {
        String sampler = pass.nodeId();
        Optional<Advice> checkpoint = report.advice(character, FactorKind.CHECKPOINT);
        if (checkpoint.isPresent() && !checkpoint.get().value().equals(pass.model())) {
            String loader = GraphEdits.checkpointLoader(graph, sampler);
            String loaderClass = loader == null ? null : graph.path(loader).path("class_type").asText();
            if (loader == null) {
                notes.add("checkpoint: no checkpoint loader with a literal ckpt_name feeds the sampler");
            } else if (listed(loaderClass, "ckpt_name", checkpoint.get(), notes)) {
                ((ObjectNode) graph.get(loader).get("inputs")).put("ckpt_name", checkpoint.get().value());
                changes.add(describe("checkpoint", pass.model(), checkpoint.get()));
            }
        }
        combo(graph, pass, report, character, FactorKind.SAMPLER, "sampler_name", pass.samplerName(),
                List.of("sampler"), changes, notes);
        combo(graph, pass, report, character, FactorKind.SCHEDULER, "scheduler", pass.scheduler(),
                List.of("sigmas"), changes, notes);
        report.advice(character, FactorKind.CFG).filter(a -> a.value() != null).ifPresent(advice -> {
            double cfg = Double.parseDouble(advice.value());
            if (pass.cfg() == null || pass.cfg() != cfg) {
                written(GraphEdits.set(graph, sampler, "cfg", DoubleNode.valueOf(cfg), List.of("guider")),
                        describe("CFG", pass.cfg(), advice), "CFG", changes, notes);
            }
        });
        report.advice(character, FactorKind.STEPS).filter(a -> a.value() != null).ifPresent(advice -> {
            int steps = Integer.parseInt(advice.value());
            if (pass.steps() == null || pass.steps() != steps) {
                written(GraphEdits.set(graph, sampler, "steps", IntNode.valueOf(steps), List.of("sigmas")),
                        describe("steps", pass.steps(), advice), "steps", changes, notes);
            }
        });
    }

    private void combo(ObjectNode graph, SamplerPass pass, LearningReport report, String character, FactorKind kind,
            String input, String current, List<String> via, List<String> changes, List<String> notes) {
        Optional<Advice> advice = report.advice(character, kind);
        if (advice.isEmpty() || advice.get().value().equals(current)) {
            return;
        }
        String samplerClass = graph.path(pass.nodeId()).path("class_type").asText();
        String owner = samplerClass.startsWith("KSampler") ? samplerClass
                : kind == FactorKind.SAMPLER ? "KSamplerSelect" : "BasicScheduler";
        if (listed(owner, input, advice.get(), notes)) {
            written(GraphEdits.set(graph, pass.nodeId(), input, TextNode.valueOf(advice.get().value()), via),
                    describe(kind.label(), current, advice.get()), kind.label(), changes, notes);
        }
    }

    private boolean listed(String nodeClass, String input, Advice advice, List<String> notes) {
        try {
            List<String> options = choices.options(nodeClass, input);
            if (options.contains(advice.value())) {
                return true;
            }
            notes.add(advice.factor().kind().label() + " " + advice.value() + " is recommended but ComfyUI does not "
                    + "list it for " + nodeClass + "." + input + "; kept as it was");
        } catch (ComfyChoices.ChoicesUnavailable e) {
            notes.add(advice.factor().kind().label() + " kept: cannot ask ComfyUI which values it lists ("
                    + e.getMessage() + ")");
        }
        return false;
    }

    private static void written(String node, String change, String what, List<String> changes, List<String> notes) {
        if (node == null) {
            notes.add(what + ": the graph gives it through a link whose source has no literal value; kept as it was");
        } else {
            changes.add(change);
        }
    }

    private static String describe(String what, Object before, Advice advice) {
        return String.format(Locale.ROOT, "%s %s → %s (accepted %.0f %% of %d%s)", what, before == null ? "—" : before,
                advice.value(), 100 * advice.posterior().mean(), advice.posterior().evidence(),
                advice.posterior().evidence() == advice.overall().evidence() ? "" : " for this character");
    }

    private static void addNegatives(ObjectNode graph, SamplerPass pass, Recommendation recommendation,
            List<String> changes, List<String> notes) {
        for (Recommendation.NegativeAddition addition : recommendation.negatives()) {
            List<String> phrases = Arrays.stream(addition.phrases().split(",")).map(String::strip).toList();
            List<String> added = GraphEdits.addNegative(graph, pass.nodeId(), phrases);
            if (added == null) {
                notes.add("negative prompt: no literal negative text feeds the sampler; nothing added");
                return;
            }
            if (!added.isEmpty()) {
                changes.add(String.format(Locale.ROOT, "negative + \"%s\" (%s in %.0f %% of the rejects)",
                        String.join(", ", added), addition.reason(), 100 * addition.share()));
            }
        }
    }
}
