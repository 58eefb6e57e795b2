package dev.hydra.services.testing;

import static dev.hydra.services.testing.FakeLettaServer.detail;
import static dev.hydra.services.testing.FakeLettaServer.first;
import static dev.hydra.services.testing.FakeLettaServer.respond;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.hydra.services.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The fake Letta server's per-agent read and memory routes. */
final class FakeLettaRoutes {

    private final FakeLettaAgent agent;
    private final HttpExchange exchange;
    private final Map<String, List<String>> query;

    FakeLettaRoutes(FakeLettaAgent agent, HttpExchange exchange, Map<String, List<String>> query) {
        this.agent = agent;
        this.exchange = exchange;
        this.query = query;
    }

    /**
     * 0.16.8 agent route: {@code limit} counts stored messages; {@code before}/{@code after} are chronological;
     * {@code order} picks the newest or oldest page, but items always come back oldest first.
     */
    void history() throws IOException {
        List<List<ObjectNode>> stored = new ArrayList<>();
        synchronized (agent) {
            Map<String, List<ObjectNode>> byId = new LinkedHashMap<>();
            agent.history.forEach(item -> byId.computeIfAbsent(item.get("id").asText(), k -> new ArrayList<>())
                    .add(item.deepCopy()));
            stored.addAll(byId.values());
        }
        for (String cursor : new String[] {first(query, "before"), first(query, "after")}) {
            if (cursor != null && stored.stream().noneMatch(group -> group.getFirst().get("id").asText().equals(cursor))) {
                respond(exchange, 404, detail("No message found with id '" + cursor + "' for agent '" + agent.id + "'."));
                return;
            }
        }
        List<List<ObjectNode>> page = page(stored, group -> group.getFirst().get("id").asText(), first(query, "after"),
                first(query, "before"));
        int limit = Integer.parseInt(first(query, "limit") == null ? "100" : first(query, "limit"));
        boolean newest = !"asc".equals(first(query, "order"));
        int from = newest ? Math.max(0, page.size() - limit) : 0;
        int to = newest ? page.size() : Math.min(page.size(), limit);
        ArrayNode array = Json.mapper().createArrayNode();
        page.subList(from, to).forEach(group -> group.forEach(array::add));
        respond(exchange, 200, array);
    }

    void blocks() throws IOException {
        ArrayNode array = Json.mapper().createArrayNode();
        synchronized (agent) {
            agent.blocks.values().forEach(b -> array.add(b.deepCopy()));
        }
        respond(exchange, 200, array);
    }

    void block(String method, String label, String body, boolean checkLimit) throws IOException {
        synchronized (agent) {
            ObjectNode block = agent.blocks.get(label);
            if (block == null) {
                respond(exchange, 404, detail("No block with label '" + label + "' found for agent '" + agent.id + "'"));
                return;
            }
            if (method.equals("PATCH")) {
                JsonNode patch = Json.mapper().readTree(body);
                int limit = patch.has("limit") ? patch.get("limit").asInt() : block.get("limit").asInt();
                if (checkLimit && patch.has("value") && patch.has("limit") && patch.get("value").asText().length() > limit) {
                    respond(exchange, 422, detail("Edit failed: Exceeds " + limit + " character limit (requested "
                            + patch.get("value").asText().length() + ")"));
                    return;
                }
                patch.properties().forEach(e -> block.set(e.getKey(), e.getValue()));
            }
            respond(exchange, 200, block.deepCopy());
        }
    }

    void passages() throws IOException {
        String search = first(query, "search");
        List<ObjectNode> all;
        synchronized (agent) {
            all = new ArrayList<>(agent.passages);
        }
        if ("false".equals(first(query, "ascending"))) {
            java.util.Collections.reverse(all);
        }
        List<ObjectNode> selected = page(all.stream().filter(p -> search == null || p.get("text").asText().contains(search))
                .toList(), p -> p.get("id").asText(), first(query, "after"), first(query, "before"));
        int limit = Integer.parseInt(first(query, "limit") == null ? "100" : first(query, "limit"));
        ArrayNode array = Json.mapper().createArrayNode();
        selected.stream().limit(limit).forEach(array::add);
        respond(exchange, 200, array);
    }

    void insertPassage(String body) throws IOException {
        JsonNode request = Json.mapper().readTree(body);
        List<String> tags = new ArrayList<>();
        request.path("tags").forEach(t -> tags.add(t.asText()));
        ObjectNode passage = agent.passage(request.path("text").asText(), tags);
        synchronized (agent) {
            agent.passages.add(passage);
        }
        respond(exchange, 200, Json.mapper().createArrayNode().add(passage));
    }

    void search() throws IOException {
        String text = first(query, "query") == null ? "" : first(query, "query").toLowerCase();
        int topK = Integer.parseInt(first(query, "top_k") == null ? "10" : first(query, "top_k"));
        ArrayNode results = Json.mapper().createArrayNode();
        synchronized (agent) {
            agent.passages.stream().filter(p -> p.get("text").asText().toLowerCase().contains(text)).limit(topK)
                    .forEach(p -> {
                        ObjectNode hit = results.addObject();
                        hit.put("id", p.get("id").asText()).put("timestamp", p.get("created_at").asText().replace("Z", "+00:00"))
                                .put("content", p.get("text").asText()).set("tags", p.get("tags"));
                    });
        }
        ObjectNode response = Json.mapper().createObjectNode();
        response.set("results", results);
        response.put("count", results.size());
        respond(exchange, 200, response);
    }

    void deletePassage(String passageId) throws IOException {
        boolean removed;
        synchronized (agent) {
            removed = agent.passages.removeIf(p -> p.get("id").asText().equals(passageId));
        }
        respond(exchange, removed ? 200 : 404, removed
                ? Json.mapper().createObjectNode().put("message", "Memory id=" + passageId + " successfully deleted")
                : detail("Passage " + passageId + " not found"));
    }

    /** The items strictly after {@code after} and before {@code before} (ids), in the list's order. */
    static <T> List<T> page(List<T> items, Function<T, String> id, String after, String before) {
        int from = 0;
        int to = items.size();
        for (int i = 0; i < items.size(); i++) {
            if (id.apply(items.get(i)).equals(after)) {
                from = i + 1;
            }
            if (id.apply(items.get(i)).equals(before)) {
                to = i;
            }
        }
        return from >= to ? List.of() : items.subList(from, to);
    }
}
