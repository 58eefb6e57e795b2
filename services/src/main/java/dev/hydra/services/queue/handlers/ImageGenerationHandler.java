package dev.hydra.services.queue.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.comfy.ComfyEvent;
import dev.hydra.services.comfy.ComfyException;
import dev.hydra.services.comfy.ComfyGraphs;
import dev.hydra.services.comfy.ComfyUiClient;
import dev.hydra.services.comfy.HistoryEntry;
import dev.hydra.services.comfy.OutputFile;
import dev.hydra.services.comfy.PromptAccepted;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobContext;
import dev.hydra.services.queue.JobFailure;
import dev.hydra.services.queue.JobHandler;
import dev.hydra.services.queue.JobOutputs;
import dev.hydra.services.queue.JobTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates images with ComfyUI. Payload: {@code {"graph": API-format graph, "seed": "keep" | "random",
 * "extraPngInfo": {key: value}, "parentAsset": asset id}}; {@code parentAsset} (optional) names the image this job
 * re-generates, and every image it saves joins the review library as that image's child.
 *
 * <p>The prompt id is ours and is committed to the job before the graph is posted, so a revived or retried attempt
 * first asks ComfyUI about it: finished → its files are collected, nothing is generated twice; still queued or
 * running → it is followed to the end; unknown (ComfyUI restarted, history is in memory only) → the graph is posted
 * again. Every post after the first changes the seeds, because ComfyUI answers an identical graph from its cache
 * with no new file. Done is {@code executing} with {@code node: null} for our prompt, or a non-empty
 * {@code /history/{id}}, polled as well in case the socket drops. Files are downloaded through {@code /view} with
 * their metadata into the asset folder and registered as assets.
 */
public final class ImageGenerationHandler implements JobHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ImageGenerationHandler.class);
    private static final Set<String> KEYS = Set.of("graph", "seed", "extraPngInfo", "parentAsset");

    private final ComfyUiClient comfy;
    private final Path assetDir;
    private final AssetSink assets;
    private final Duration timeout;
    private final Duration historyPoll;
    private final RandomGenerator random;

    /** @param comfy null when no ComfyUI is configured: jobs then fail with a message saying so */
    public ImageGenerationHandler(ComfyUiClient comfy, Path assetDir, AssetSink assets, Duration timeout,
            Duration historyPoll, RandomGenerator random) {
        this.comfy = comfy;
        this.assetDir = assetDir;
        this.assets = assets;
        this.timeout = timeout;
        this.historyPoll = historyPoll;
        this.random = random;
    }

    @Override
    public String type() {
        return JobTypes.IMAGE_GENERATION;
    }

    @Override
    public void validate(ObjectNode payload) {
        Payloads.onlyKeys(payload, KEYS);
        String problem = ComfyGraphs.problem(payload.get("graph"));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String seed = Payloads.optionalText(payload, "seed");
        if (seed != null && !seed.equals("keep") && !seed.equals("random")) {
            throw new IllegalArgumentException("\"seed\" is \"keep\" (use the graph's seeds on the first run) or "
                    + "\"random\", got " + seed);
        }
        JsonNode parent = payload.get("parentAsset");
        if (parent != null && !parent.isNull() && !(parent.canConvertToLong() && parent.isIntegralNumber()
                && parent.asLong() > 0)) {
            throw new IllegalArgumentException("\"parentAsset\" must be the id of the image this job re-generates "
                    + "(a positive whole number), got " + parent);
        }
        JsonNode extra = payload.get("extraPngInfo");
        if (extra != null && !extra.isObject()) {
            throw new IllegalArgumentException("\"extraPngInfo\" must be a mapping; each key becomes a PNG text chunk");
        }
    }

    @Override
    public JobOutputs run(Job job, JobContext context) throws JobFailure, InterruptedException {
        if (comfy == null) {
            throw JobFailure.permanent("no ComfyUI is configured: set comfyui.url in hydra.yaml");
        }
        ObjectNode graph = (ObjectNode) job.payload().get("graph").deepCopy();
        BlockingQueue<ComfyEvent> events = new LinkedBlockingQueue<>();
        String clientId = "hydra-" + job.id();
        try (AutoCloseable socket = comfy.watch(clientId, events::add)) {
            context.onCancel(() -> events.add(new ComfyEvent.Disconnected("stopped")));
            awaitConnected(events);
            String promptId = job.remoteRef();
            boolean resubmission = promptId != null || context.attempt() > 1;
            Map<String, Long> newSeeds = Map.of();
            boolean cached = false;
            if (promptId != null && (comfy.history(promptId).isPresent() || comfy.queue().contains(promptId))) {
                context.progress(null, "following prompt " + promptId + " started by an earlier attempt");
            } else {
                if (promptId != null) {
                    LOG.info("Job {}: ComfyUI no longer knows prompt {}; posting it again with new seeds", job.id(),
                            promptId);
                }
                if (resubmission || "random".equals(job.payload().path("seed").asText())) {
                    newSeeds = ComfyGraphs.randomizeSeeds(graph, random);
                }
                promptId = UUID.randomUUID().toString();
                context.recordRemoteRef(promptId);
                PromptAccepted accepted = comfy.queuePrompt(graph, clientId, promptId, extraPngInfo(job));
                if (accepted.hasWarnings()) {
                    LOG.warn("Job {}: ComfyUI dropped some outputs: {}", job.id(), accepted.nodeErrors());
                }
                context.progress(0.0, "queued in ComfyUI");
            }
            WaitResult result = await(promptId, graph, events, context);
            HistoryEntry entry = result.entry();
            cached = result.cached() || !entry.cachedNodes().isEmpty() && entry.cachedNodes().size() >= graph.size();
            if (!entry.succeeded()) {
                throw JobFailure.transientFailure("ComfyUI prompt " + promptId + " " + entry.error());
            }
            List<OutputFile> files = entry.outputs().stream().filter(f -> f.type().equals("output")).toList();
            if (files.isEmpty()) {
                throw JobFailure.permanent("the graph saved no image: add a SaveImage node (PreviewImage files are "
                        + "temporary)");
            }
            return save(job, promptId, files, newSeeds, cached);
        } catch (ComfyException e) {
            throw e.kind() == ComfyException.Kind.REJECTED ? JobFailure.permanent(e.getMessage(), e)
                    : JobFailure.transientFailure(e.getMessage(), e);
        } catch (JobFailure | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw JobFailure.transientFailure("image generation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void cancelRemote(Job job) {
        if (comfy != null && job.remoteRef() != null) {
            try {
                comfy.cancel(job.remoteRef());
            } catch (ComfyException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private record WaitResult(HistoryEntry entry, boolean cached) {
    }

    private WaitResult await(String promptId, ObjectNode graph, BlockingQueue<ComfyEvent> events, JobContext context)
            throws ComfyException, InterruptedException, JobFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean cached = false;
        while (System.nanoTime() < deadline) {
            if (context.isCancelled()) {
                throw new InterruptedException("cancelled");
            }
            ComfyEvent event = events.poll(historyPoll.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null || event instanceof ComfyEvent.Disconnected) {
                if (event != null && Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped");
                }
                var entry = comfy.history(promptId);
                if (entry.isPresent()) {
                    return new WaitResult(entry.get(), cached);
                }
                continue;
            }
            switch (event) {
                case ComfyEvent.ExecutionCached c when promptId.equals(c.promptId()) ->
                        cached = !c.nodes().isEmpty() && c.nodes().size() >= graph.size();
                case ComfyEvent.ExecutionStart s when promptId.equals(s.promptId()) ->
                        context.progress(0.0, "started");
                case ComfyEvent.Executing e when promptId.equals(e.promptId()) && e.finished() -> {
                    return new WaitResult(finalEntry(promptId), cached);
                }
                case ComfyEvent.Executing e when promptId.equals(e.promptId()) ->
                        context.progress(null, "running " + className(graph, e.node()));
                case ComfyEvent.Progress p when promptId.equals(p.promptId()) && p.max() > 0 ->
                        context.progress((double) p.value() / p.max(), className(graph, p.node()) + " " + p.value()
                                + "/" + p.max());
                case ComfyEvent.ExecutionInterrupted i when promptId.equals(i.promptId()) -> {
                    if (context.isCancelled()) {
                        throw new InterruptedException("cancelled");
                    }
                    throw JobFailure.transientFailure("ComfyUI prompt " + promptId + " was interrupted (from ComfyUI "
                            + "itself, not by this queue)");
                }
                default -> {
                }
            }
        }
        throw JobFailure.transientFailure("ComfyUI prompt " + promptId + " did not finish within " + timeout
                + " (comfyui.timeout)");
    }

    /**
     * Events sent before the socket is registered are lost (ComfyUI routes by sid), so the prompt is posted once the
     * greeting status with our sid has arrived; without it (an old proxy, a slow server) history polling still
     * finds the result.
     */
    private void awaitConnected(BlockingQueue<ComfyEvent> events) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            ComfyEvent event = events.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                    TimeUnit.MILLISECONDS);
            if (event instanceof ComfyEvent.Status status && status.sid() != null
                    || event instanceof ComfyEvent.Disconnected) {
                return;
            }
        }
    }

    /** History is written just before executing{node: null}; ask again briefly if it is not there yet. */
    private HistoryEntry finalEntry(String promptId) throws ComfyException, InterruptedException, JobFailure {
        for (int i = 0; i < 20; i++) {
            var entry = comfy.history(promptId);
            if (entry.isPresent()) {
                return entry.get();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw JobFailure.transientFailure("ComfyUI said prompt " + promptId + " finished but has no history for it");
    }

    private JobOutputs save(Job job, String promptId, List<OutputFile> files, Map<String, Long> newSeeds,
            boolean cached) throws ComfyException {
        Path dir = assetDir.resolve(LocalDate.ofInstant(job.createdAt(), ZoneOffset.UTC).toString()).resolve(job.id());
        List<String> saved = new ArrayList<>();
        ObjectNode details = Json.mapper().createObjectNode().put("promptId", promptId)
                .put("comfyui", comfy.baseUrl()).put("cacheHit", cached);
        ObjectNode seeds = details.putObject("seeds");
        ComfyGraphs.seeds(job.payload().get("graph")).forEach((k, v) -> seeds.put(k, v));
        newSeeds.forEach(seeds::put);
        Map<String, Integer> names = new HashMap<>();
        for (OutputFile file : files) {
            String name = file.filename();
            int seen = names.merge(name, 1, Integer::sum);
            Path target = dir.resolve(seen == 1 ? name : seen + "-" + name);
            comfy.download(file, target);
            saved.add(target.toAbsolutePath().toString());
            assets.register(new AssetSink.ProducedAsset(job.id(), target, job.parentId(), parentAsset(job), details));
        }
        return new JobOutputs(saved, null, details);
    }

    private static Long parentAsset(Job job) {
        JsonNode parent = job.payload().get("parentAsset");
        return parent == null || parent.isNull() ? null : parent.asLong();
    }

    private Map<String, JsonNode> extraPngInfo(Job job) {
        Map<String, JsonNode> extra = new HashMap<>();
        JsonNode given = job.payload().get("extraPngInfo");
        if (given != null && given.isObject()) {
            given.properties().forEach(e -> extra.put(e.getKey(), e.getValue()));
        }
        ObjectNode hydra = Json.mapper().createObjectNode().put("job", job.id());
        if (job.parentId() != null) {
            hydra.put("parent", job.parentId());
        }
        if (parentAsset(job) != null) {
            hydra.put("parentAsset", parentAsset(job));
        }
        extra.put("hydra", hydra);
        return extra;
    }

    private static String className(ObjectNode graph, String node) {
        return node == null ? "" : graph.path(node).path("class_type").asText("node " + node);
    }
}
