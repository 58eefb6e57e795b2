package dev.hydra.services.comfy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Operations on API-format graphs (node id -> {class_type, inputs}). */
public final class ComfyGraphs {

    /** The frontend's "randomize" range: JS-exact, like the seeds found in the wild. */
    public static final long SEED_LIMIT = 1L << 50;

    private ComfyGraphs() {
    }

    /** Whether the text is an API-format graph: an object of nodes that each have a class_type and inputs. */
    public static String problem(JsonNode graph) {
        if (graph == null || !graph.isObject() || graph.isEmpty()) {
            return "\"graph\" must be ComfyUI's API-format graph: an object of nodes {\"3\": {\"class_type\": …, "
                    + "\"inputs\": {…}}} (in ComfyUI: Workflow → Export (API))";
        }
        if (graph.has("nodes") && graph.has("links")) {
            return "\"graph\" is a UI workflow (it has nodes and links); export it with Workflow → Export (API)";
        }
        for (var node : graph.properties()) {
            if (!node.getValue().isObject() || !node.getValue().path("class_type").isTextual()) {
                return "node \"" + node.getKey() + "\" has no class_type; is this an API-format graph?";
            }
            if (!node.getValue().path("inputs").isObject()) {
                return "node \"" + node.getKey() + "\" has no inputs object";
            }
        }
        return null;
    }

    /**
     * Gives every seed a new random value in [0, 2^50): literal {@code seed}/{@code noise_seed} inputs, and the
     * literal a linked seed comes from (a PrimitiveInt's {@code value}, a seed node's {@code seed}). An identical graph
     * is a cache hit in ComfyUI that writes no new file, so every re-run must change it.
     *
     * @return node id + input -> the new seed
     */
    public static Map<String, Long> randomizeSeeds(ObjectNode graph, RandomGenerator random) {
        Map<String, Long> changed = new LinkedHashMap<>();
        graph.properties().forEach(node -> {
            JsonNode inputs = node.getValue().path("inputs");
            for (String name : new String[] {"seed", "noise_seed"}) {
                JsonNode value = inputs.get(name);
                if (value == null) {
                    continue;
                }
                if (value.isIntegralNumber()) {
                    long seed = random.nextLong(SEED_LIMIT);
                    ((ObjectNode) inputs).put(name, seed);
                    changed.put(node.getKey() + "." + name, seed);
                } else if (isLink(value)) {
                    JsonNode source = graph.path(value.get(0).asText()).path("inputs");
                    for (String sourceInput : new String[] {"value", "seed", "noise_seed"}) {
                        if (source.path(sourceInput).isIntegralNumber()) {
                            long seed = random.nextLong(SEED_LIMIT);
                            ((ObjectNode) source).put(sourceInput, seed);
                            changed.put(value.get(0).asText() + "." + sourceInput, seed);
                            break;
                        }
                    }
                }
            }
        });
        return changed;
    }

    /** The literal seeds of a graph, for the record (node id + input -> value). */
    public static Map<String, BigInteger> seeds(JsonNode graph) {
        Map<String, BigInteger> seeds = new LinkedHashMap<>();
        graph.properties().forEach(node -> {
            JsonNode inputs = node.getValue().path("inputs");
            for (String name : new String[] {"seed", "noise_seed"}) {
                if (inputs.path(name).isIntegralNumber()) {
                    seeds.put(node.getKey() + "." + name, inputs.get(name).bigIntegerValue());
                }
            }
        });
        return seeds;
    }

    static boolean isLink(JsonNode value) {
        return value.isArray() && value.size() == 2 && (value.get(0).isTextual() || value.get(0).isIntegralNumber())
                && value.get(1).isIntegralNumber();
    }
}
