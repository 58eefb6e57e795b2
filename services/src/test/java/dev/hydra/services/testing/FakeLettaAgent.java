package dev.hydra.services.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One agent of the fake Letta server: its state (history, memory, passages) and its scripted turns. */
public final class FakeLettaAgent {

    private static final DateTimeFormatter AGENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    final String id = "agent-" + UUID.randomUUID();
    final String name;
    final String model;
    final List<String> tags;
    final Instant createdAt = Instant.now();
    final Map<String, ObjectNode> blocks = new LinkedHashMap<>();
    /** Stored history, chronological; items of one stored message share its id. */
    final List<ObjectNode> history = new ArrayList<>();
    final List<ObjectNode> passages = new ArrayList<>();
    final Deque<ScriptedTurn> scripts = new ArrayDeque<>();
    /** The tool call waiting for approval, and what the agent does once answered. */
    volatile String pendingApprovalCallId;

    FakeLettaAgent(String name, String model, List<String> tags) {
        this.name = name;
        this.model = model;
        this.tags = List.copyOf(tags);
        ObjectNode system = message("system_message", "message-" + UUID.randomUUID(), null, null);
        system.put("content", "You are " + name + ", the steward of a home AI cluster.");
        history.add(system);
        block("persona", "I am " + name + ". I look after the cluster and answer briefly.", 20_000);
        block("human", "Name: Dana. Prefers short answers.", 20_000);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Queues what the agent does on a coming turn (turns without a script echo the message). */
    public synchronized FakeLettaAgent script(ScriptedTurn turn) {
        scripts.add(turn);
        return this;
    }

    public synchronized FakeLettaAgent block(String label, String value, int limit) {
        ObjectNode block = Json.mapper().createObjectNode();
        block.put("id", "block-" + UUID.randomUUID()).put("label", label).put("value", value).put("limit", limit)
                .put("description", "The " + label + " block").put("read_only", false);
        block.putObject("metadata");
        block.putArray("tags");
        block.putNull("hidden");
        block.put("is_template", false);
        blocks.put(label, block);
        return this;
    }

    public synchronized String blockValue(String label) {
        return blocks.get(label).get("value").asText();
    }

    public synchronized FakeLettaAgent passage(String text, String... tags) {
        passages.add(passage(text, List.of(tags)));
        return this;
    }

    /** Adds a finished exchange to history (for paging tests): a user message and the agent's reply. */
    public synchronized FakeLettaAgent pastExchange(String userText, String reply) {
        history.add(userMessage(userText, UUID.randomUUID().toString()));
        String runId = "run-" + UUID.randomUUID();
        ObjectNode assistant = message("assistant_message", "message-" + UUID.randomUUID(), runId,
                "step-" + UUID.randomUUID());
        assistant.put("content", reply);
        history.add(assistant);
        return this;
    }

    public synchronized List<ObjectNode> history() {
        return List.copyOf(history);
    }

    synchronized ScriptedTurn nextScript() {
        return scripts.poll();
    }

    synchronized ObjectNode userMessage(String text, String otid) {
        ObjectNode user = message("user_message", "message-" + UUID.randomUUID(), null, null);
        user.put("otid", otid);
        user.put("content", text);
        return user;
    }

    ObjectNode passage(String text, List<String> tags) {
        ObjectNode passage = Json.mapper().createObjectNode();
        passage.put("id", "passage-" + UUID.randomUUID()).put("text", text)
                .put("created_at", AGENT_TIME.format(Instant.now())).put("archive_id", "archive-" + UUID.randomUUID());
        ArrayNode tagArray = passage.putArray("tags");
        tags.forEach(tagArray::add);
        passage.putNull("embedding");
        return passage;
    }

    synchronized ObjectNode state(boolean withRelationships) {
        ObjectNode agent = Json.mapper().createObjectNode();
        agent.put("id", id).put("name", name).putNull("description").put("agent_type", "letta_v1_agent")
                .put("created_at", AGENT_TIME.format(createdAt)).put("updated_at", AGENT_TIME.format(createdAt))
                .put("model", model).put("embedding", "openai/text-embedding-3-small")
                .put("system", "You are " + name + ".").putNull("metadata").put("timezone", "UTC");
        ObjectNode llm = agent.putObject("llm_config");
        llm.put("model", model.substring(model.indexOf('/') + 1)).put("model_endpoint_type", model.split("/")[0])
                .put("context_window", 32_000).put("handle", model);
        ArrayNode blockArray = agent.putArray("blocks");
        ArrayNode tagArray = agent.putArray("tags");
        agent.putArray("tools");
        agent.putArray("sources");
        ObjectNode memory = agent.putObject("memory");
        memory.put("agent_type", "letta_v1_agent");
        ArrayNode memoryBlocks = memory.putArray("blocks");
        if (withRelationships) {
            blocks.values().forEach(b -> blockArray.add(b.deepCopy()));
            blocks.values().forEach(b -> memoryBlocks.add(b.deepCopy()));
            tags.forEach(tagArray::add);
        }
        return agent;
    }

    static ObjectNode message(String type, String id, String runId, String stepId) {
        ObjectNode message = Json.mapper().createObjectNode();
        message.put("id", id).put("date", FakeLettaServer.MESSAGE_TIME.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)))
                .putNull("name").put("message_type", type).putNull("otid").putNull("sender_id")
                .putNull("is_err").putNull("seq_id");
        if (stepId == null) {
            message.putNull("step_id");
        } else {
            message.put("step_id", stepId);
        }
        if (runId == null) {
            message.putNull("run_id");
        } else {
            message.put("run_id", runId);
        }
        return message;
    }
}
