package dev.hydra.services.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ComfyUI API-format graph ({@code prompt} chunk) and the facts of its samplers, following the extraction rules
 * R1–R7 of the metadata spec: the final sampler, seed, steps, cfg, sampler, scheduler, denoise, prompts (following
 * links), checkpoint or UNet, LoRAs, latent size. Every walk keeps a visited set, so cycles and dangling links end
 * the walk instead of looping; they are reported as problems.
 */
final class ComfyGraph {

    private static final Set<String> SAMPLERS = Set.of("KSampler", "KSamplerAdvanced", "SamplerCustom",
            "SamplerCustomAdvanced");
    private static final Set<String> LORA_LOADERS = Set.of("LoraLoader", "LoraLoaderModelOnly");
    private static final Pattern DIMENSIONS = Pattern.compile("(\\d{2,5})\\s*[x×]\\s*(\\d{2,5})");
    private static final Object UNRESOLVED = new Object();

    private final Map<String, JsonNode> nodes;
    private final Map<String, List<String>> consumers = new HashMap<>();
    private final Set<String> problems = new LinkedHashSet<>();

    private ComfyGraph(Map<String, JsonNode> nodes) {
        this.nodes = nodes;
        for (Map.Entry<String, JsonNode> node : nodes.entrySet()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = inputs(node.getValue()).fields(); it.hasNext(); ) {
                JsonNode value = it.next().getValue();
                if (isLink(value)) {
                    String source = value.get(0).asText();
                    if (!nodes.containsKey(source)) {
                        problems.add("node " + node.getKey() + " links to node " + source + ", which is not in the graph");
                    }
                    consumers.computeIfAbsent(source, k -> new ArrayList<>()).add(node.getKey());
                }
            }
        }
    }

    /** The graph, if {@code root} is an object whose values are nodes carrying {@code class_type} (rule R0a). */
    static Optional<ComfyGraph> of(JsonNode root) {
        if (root == null || !root.isObject() || root.isEmpty()) {
            return Optional.empty();
        }
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isObject() && entry.getValue().path("class_type").isTextual()) {
                nodes.put(entry.getKey(), entry.getValue());
            }
        }
        return nodes.isEmpty() ? Optional.empty() : Optional.of(new ComfyGraph(nodes));
    }

    int size() {
        return nodes.size();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Every sampler pass: first passes in graph order, then the final pass that made the image, then other finals. */
    List<SamplerPass> passes() {
        List<String> samplerIds = nodes.keySet().stream().filter(this::isSampler).toList();
        List<SamplerPass> first = new ArrayList<>();
        List<SamplerPass> finals = new ArrayList<>();
        for (String id : samplerIds) {
            boolean isFinal = downstream(id).stream().noneMatch(this::isSampler);
            (isFinal ? finals : first).add(pass(id, isFinal));
        }
        if (finals.size() > 1) {
            String chosen = finalFeedingFirstSave(finals);
            finals.sort((a, b) -> Boolean.compare(!a.nodeId().equals(chosen), !b.nodeId().equals(chosen)));
        }
        List<SamplerPass> all = new ArrayList<>(first);
        all.addAll(finals);
        return all;
    }

    private String finalFeedingFirstSave(List<SamplerPass> finals) {
        for (String save : nodes.keySet()) {
            if (classOf(save).startsWith("SaveImage")) {
                for (SamplerPass pass : finals) {
                    if (downstream(pass.nodeId()).contains(save)) {
                        return pass.nodeId();
                    }
                }
            }
        }
        return finals.getFirst().nodeId();
    }

    private boolean isSampler(String id) {
        JsonNode inputs = inputs(nodes.get(id));
        return SAMPLERS.contains(classOf(id))
                || ((inputs.has("seed") || inputs.has("noise_seed")) && inputs.has("steps"));
    }

    /** Every node reachable by following links forward from {@code id}. */
    private Set<String> downstream(String id) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(consumers.getOrDefault(id, List.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(consumers.getOrDefault(next, List.of()));
            }
        }
        if (seen.contains(id)) {
            problems.add("the graph has a cycle through node " + id);
        }
        return seen;
    }

    private SamplerPass pass(String id, boolean isFinal) {
        JsonNode in = inputs(nodes.get(id));
        String classType = classOf(id);
        boolean advancedCustom = classType.equals("SamplerCustomAdvanced");

        BigInteger seed = advancedCustom ? noiseSeed(in.get("noise")) : integer(first(in, "seed", "noise_seed"));
        String sigmas = linked(in.get("sigmas"));
        String samplerNode = linked(in.get("sampler"));
        String guider = linked(in.get("guider"));
        JsonNode guiderInputs = guider == null ? null : inputs(nodes.get(guider));

        Integer steps = intValue(in.has("steps") ? in.get("steps") : inputOf(sigmas, "steps"));
        String samplerName = text(in.get("sampler_name"));
        if (samplerName == null && samplerNode != null) {
            samplerName = Optional.ofNullable(text(inputOf(samplerNode, "sampler_name"))).orElse(classOf(samplerNode));
        }
        String scheduler = text(in.get("scheduler"));
        if (scheduler == null && sigmas != null) {
            scheduler = Optional.ofNullable(text(inputOf(sigmas, "scheduler"))).orElse(classOf(sigmas));
        }
        Double cfg = number(in.has("cfg") ? in.get("cfg") : guider == null ? null : inputOf(guider, "cfg"));
        Double denoise;
        if (in.has("denoise")) {
            denoise = number(in.get("denoise"));
        } else if (classType.equals("KSamplerAdvanced")) {
            denoise = null;
        } else {
            JsonNode fromSigmas = sigmas == null ? null : inputOf(sigmas, "denoise");
            denoise = fromSigmas == null ? Double.valueOf(1.0) : number(fromSigmas);
        }

        JsonNode positiveLink = in.get("positive");
        JsonNode negativeLink = in.get("negative");
        JsonNode modelLink = in.get("model");
        if (advancedCustom && guiderInputs != null) {
            positiveLink = guiderInputs.has("positive") ? guiderInputs.get("positive") : guiderInputs.get("conditioning");
            negativeLink = guiderInputs.get("negative");
            modelLink = guiderInputs.get("model");
        }
        Prompt positive = prompt(positiveLink);
        Prompt negative = prompt(negativeLink);
        ModelChain model = model(modelLink);
        Latent latent = latent(in.get("latent_image"), new HashSet<>());
        return new SamplerPass(id, classType, isFinal, seed, steps, cfg, samplerName, scheduler, denoise,
                positive.texts, negative.texts, positive.dynamic || negative.dynamic, model.name, model.loader,
                model.loras, latent.width, latent.height, latent.batch, latent.from, latent.img2img);
    }

    private BigInteger noiseSeed(JsonNode noiseLink) {
        String noise = linked(noiseLink);
        if (noise == null || classOf(noise).equals("DisableNoise")) {
            return null;
        }
        return integer(first(inputs(nodes.get(noise)), "noise_seed", "seed"));
    }

    private record Prompt(List<String> texts, boolean dynamic) {
    }

    /** R4: walk upstream from a conditioning link to the text encoders, in input order. */
    private Prompt prompt(JsonNode link) {
        List<String> texts = new ArrayList<>();
        boolean[] dynamic = {false};
        collectTexts(link, texts, dynamic, new HashSet<>());
        return new Prompt(texts, dynamic[0]);
    }

    private void collectTexts(JsonNode link, List<String> texts, boolean[] dynamic, Set<String> seen) {
        String id = linked(link);
        if (id == null || !seen.add(id)) {
            return;
        }
        JsonNode in = inputs(nodes.get(id));
        if (classOf(id).equals("ConditioningZeroOut")) {
            texts.add("");
            return;
        }
        List<String> textInputs = List.of("text", "text_g", "text_l", "clip_l", "t5xxl");
        boolean foundText = false;
        Set<String> own = new LinkedHashSet<>();
        for (String name : textInputs) {
            if (in.has(name)) {
                foundText = true;
                Object value = resolve(in.get(name), new HashSet<>());
                if (value instanceof String s) {
                    own.add(s);
                } else {
                    dynamic[0] = true;
                }
            }
        }
        if (foundText) {
            texts.addAll(own);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> input = it.next();
            String name = input.getKey();
            if (name.contains("conditioning") || name.equals("positive") || name.equals("negative")) {
                collectTexts(input.getValue(), texts, dynamic, seen);
            }
        }
    }

    private record ModelChain(String name, String loader, List<Lora> loras) {
    }

    /** R5: from the sampler's model link up to the loader, collecting LoRAs on the way (nearest first). */
    private ModelChain model(JsonNode link) {
        List<Lora> loras = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        Optional.ofNullable(linked(link)).ifPresent(todo::add);
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (!seen.add(id)) {
                continue;
            }
            JsonNode in = inputs(nodes.get(id));
            String loaderName = text(first(in, "ckpt_name", "unet_name"));
            if (loaderName != null) {
                return new ModelChain(loaderName, classOf(id), loras);
            }
            if (LORA_LOADERS.contains(classOf(id))) {
                loras.add(new Lora(text(in.get("lora_name")), number(in.get("strength_model")),
                        number(in.get("strength_clip"))));
            }
            String next = linked(in.get("model"));
            if (next != null) {
                todo.addFirst(next);
            } else {
                for (Iterator<JsonNode> values = in.elements(); values.hasNext(); ) {
                    Optional.ofNullable(linked(values.next())).ifPresent(todo::add);
                }
            }
        }
        return new ModelChain(null, null, loras);
    }

    private record Latent(Integer width, Integer height, Integer batch, String from, boolean img2img) {
        static final Latent UNKNOWN = new Latent(null, null, null, null, false);
    }

    /** R7: the generation size, following the latent upstream to the node that sets it. */
    private Latent latent(JsonNode link, Set<String> seen) {
        String id = linked(link);
        if (id == null || !seen.add(id)) {
            return Latent.UNKNOWN;
        }
        JsonNode in = inputs(nodes.get(id));
        String classType = classOf(id);
        if (classType.startsWith("VAEEncode")) {
            return new Latent(null, null, null, classType, true);
        }
        Integer width = intValue(in.get("width"));
        Integer height = intValue(in.get("height"));
        if (width != null && height != null) {
            Integer batch = intValue(in.get("batch_size"));
            if (batch == null) {
                batch = latent(first(in, "samples", "latent_image", "latent"), seen).batch;
            }
            return new Latent(width, height, batch, classType, false);
        }
        for (String name : List.of("dimensions", "resolution")) {
            Object value = in.has(name) ? resolve(in.get(name), new HashSet<>()) : null;
            if (value instanceof String s) {
                Matcher m = DIMENSIONS.matcher(s);
                if (m.find()) {
                    return new Latent(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            intValue(in.get("batch_size")), classType, false);
                }
            }
        }
        Latent upstream = latent(first(in, "samples", "latent_image", "latent"), seen);
        Double scale = number(in.get("scale_by"));
        if (scale != null && upstream.width != null) {
            return new Latent((int) Math.round(upstream.width * scale), (int) Math.round(upstream.height * scale),
                    upstream.batch, classType, false);
        }
        return upstream;
    }

    /** R6: a literal as is; a link through Primitive*, a switch with a literal choice, or StringConcatenate. */
    private Object resolve(JsonNode value, Set<String> seen) {
        if (value == null || value.isNull()) {
            return UNRESOLVED;
        }
        if (!isLink(value)) {
            if (value.isTextual()) {
                return value.asText();
            }
            return value.isNumber() || value.isBoolean() ? value : UNRESOLVED;
        }
        String id = value.get(0).asText();
        if (!nodes.containsKey(id) || !seen.add(id)) {
            return UNRESOLVED;
        }
        JsonNode in = inputs(nodes.get(id));
        String classType = classOf(id);
        if (classType.startsWith("Primitive")) {
            return resolve(in.get("value"), seen);
        }
        if (classType.equals("ComfySwitchNode") && in.path("switch").isBoolean()) {
            return resolve(in.get(in.get("switch").asBoolean() ? "on_true" : "on_false"), seen);
        }
        if (classType.equals("StringConcatenate")) {
            Object a = resolve(in.get("string_a"), seen);
            Object b = resolve(in.get("string_b"), seen);
            Object delimiter = in.has("delimiter") ? resolve(in.get("delimiter"), seen) : "";
            if (a instanceof String sa && b instanceof String sb && delimiter instanceof String d) {
                return sa + d + sb;
            }
        }
        return UNRESOLVED;
    }

    private JsonNode inputOf(String id, String name) {
        return id == null ? null : inputs(nodes.get(id)).get(name);
    }

    private String classOf(String id) {
        JsonNode node = nodes.get(id);
        return node == null ? "" : node.path("class_type").asText("");
    }

    private String linked(JsonNode value) {
        if (!isLink(value)) {
            return null;
        }
        String id = value.get(0).asText();
        return nodes.containsKey(id) ? id : null;
    }

    private static JsonNode inputs(JsonNode node) {
        JsonNode inputs = node == null ? null : node.get("inputs");
        return inputs != null && inputs.isObject() ? inputs : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** A link is [source id, output index]; the id is a string (or an int in hand-written graphs). */
    static boolean isLink(JsonNode value) {
        return value != null && value.isArray() && value.size() == 2
                && (value.get(0).isTextual() || value.get(0).isIntegralNumber()) && value.get(1).isIntegralNumber();
    }

    private static JsonNode first(JsonNode inputs, String... names) {
        for (String name : names) {
            if (inputs.has(name)) {
                return inputs.get(name);
            }
        }
        return null;
    }

    private BigInteger integer(JsonNode value) {
        Object resolved = resolve(value, new HashSet<>());
        if (resolved instanceof JsonNode number && number.isIntegralNumber()) {
            BigInteger seed = number.bigIntegerValue();
            return seed.signum() < 0 ? null : seed;
        }
        return null;
    }

    private Integer intValue(JsonNode value) {
        Object resolved = resolve(value, new HashSet<>());
        return resolved instanceof JsonNode number && number.isNumber() && number.canConvertToInt()
                ? number.intValue() : null;
    }

    private Double number(JsonNode value) {
        Object resolved = resolve(value, new HashSet<>());
        return resolved instanceof JsonNode number && number.isNumber() ? number.doubleValue() : null;
    }

    private String text(JsonNode value) {
        return resolve(value, new HashSet<>()) instanceof String s ? s : null;
    }
}
