package dev.hydra.services.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Edits of an API-format graph around its final sampler (spec §4 step 4): a setting is written where its literal is
 * (on the sampler, or on the node a link leads to: KSamplerSelect, BasicScheduler, CFGGuider, the checkpoint loader,
 * the negative CLIPTextEncode). Nothing else in the graph is touched.
 */
final class GraphEdits {

    private GraphEdits() {
    }

    /**
     * Writes {@code value} into the literal input {@code input} of the sampler, or of a node reached from it through
     * one of {@code via} (a custom sampler's {@code sampler}, {@code sigmas}, {@code guider}).
     *
     * @return the id of the node changed, or null when no literal was found (a value from a link we cannot follow)
     */
    static String set(ObjectNode graph, String samplerId, String input, JsonNode value, List<String> via) {
        ObjectNode inputs = inputs(graph, samplerId);
        if (inputs == null) {
            return null;
        }
        if (inputs.has(input) && !isLink(inputs.get(input))) {
            inputs.set(input, value);
            return samplerId;
        }
        for (String link : via) {
            JsonNode target = inputs.get(link);
            if (target != null && isLink(target)) {
                ObjectNode source = inputs(graph, target.get(0).asText());
                if (source != null && source.has(input) && !isLink(source.get(input))) {
                    source.set(input, value);
                    return target.get(0).asText();
                }
            }
        }
        return null;
    }

    /** The checkpoint loader feeding the sampler's model (through LoRA loaders and the like), or null. */
    static String checkpointLoader(ObjectNode graph, String samplerId) {
        Deque<String> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        ObjectNode start = inputs(graph, samplerId);
        if (start == null) {
            return null;
        }
        JsonNode model = start.get("model");
        if (model == null) {
            JsonNode guider = start.get("guider");
            model = guider != null && isLink(guider) ? path(inputs(graph, guider.get(0).asText()), "model") : null;
        }
        if (model == null || !isLink(model)) {
            return null;
        }
        queue.add(model.get(0).asText());
        while (!queue.isEmpty()) {
            String id = queue.poll();
            ObjectNode inputs = inputs(graph, id);
            if (inputs == null || !seen.add(id)) {
                continue;
            }
            if (inputs.has("ckpt_name") && !isLink(inputs.get("ckpt_name"))) {
                return id;
            }
            JsonNode upstream = inputs.get("model");
            if (upstream != null && isLink(upstream)) {
                queue.add(upstream.get(0).asText());
            } else {
                inputs.properties().forEach(e -> {
                    if (isLink(e.getValue())) {
                        queue.add(e.getValue().get(0).asText());
                    }
                });
            }
        }
        return null;
    }

    /**
     * Appends phrases to the negative prompt's text (the CLIPTextEncode reached from the sampler's {@code negative},
     * or its guider's), leaving out the phrases it already has.
     *
     * @return the phrases added (empty when all were there), or null when no literal negative text was found
     */
    static List<String> addNegative(ObjectNode graph, String samplerId, List<String> phrases) {
        ObjectNode inputs = inputs(graph, samplerId);
        if (inputs == null) {
            return null;
        }
        JsonNode negative = inputs.get("negative");
        if (negative == null && inputs.has("guider") && isLink(inputs.get("guider"))) {
            negative = path(inputs(graph, inputs.get("guider").get(0).asText()), "negative");
        }
        String textNode = negative == null || !isLink(negative) ? null : textNode(graph, negative.get(0).asText());
        if (textNode == null) {
            return null;
        }
        ObjectNode text = inputs(graph, textNode);
        String current = text.get("text").asText();
        String lower = current.toLowerCase(Locale.ROOT);
        List<String> added = phrases.stream().map(String::strip).filter(p -> !p.isEmpty())
                .filter(p -> !lower.contains(p.toLowerCase(Locale.ROOT))).distinct().toList();
        if (!added.isEmpty()) {
            String joined = String.join(", ", added);
            text.put("text", current.isBlank() ? joined : current.stripTrailing().replaceAll(",$", "") + ", " + joined);
        }
        return added;
    }

    /** Follows conditioning links upstream to the first node with a literal {@code text}. */
    private static String textNode(ObjectNode graph, String id) {
        Deque<String> queue = new ArrayDeque<>(List.of(id));
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String current = queue.poll();
            ObjectNode inputs = inputs(graph, current);
            if (inputs == null || !seen.add(current)) {
                continue;
            }
            if (inputs.has("text") && inputs.get("text").isTextual()) {
                return current;
            }
            inputs.properties().forEach(e -> {
                String name = e.getKey();
                if (isLink(e.getValue()) && (name.contains("conditioning") || name.equals("negative"))) {
                    queue.add(e.getValue().get(0).asText());
                }
            });
        }
        return null;
    }

    private static JsonNode path(ObjectNode inputs, String name) {
        return inputs == null ? null : inputs.get(name);
    }

    private static ObjectNode inputs(ObjectNode graph, String id) {
        JsonNode node = graph.get(id);
        return node != null && node.path("inputs").isObject() ? (ObjectNode) node.get("inputs") : null;
    }

    static boolean isLink(JsonNode value) {
        return value != null && value.isArray() && value.size() == 2
                && (value.get(0).isTextual() || value.get(0).isIntegralNumber()) && value.get(1).isIntegralNumber();
    }
}
