package dev.hydra.services.queue.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.json.Json;
import dev.hydra.services.llm.ChatCompletionsClient;
import dev.hydra.services.llm.ChatMessage;
import dev.hydra.services.llm.ChatRequest;
import dev.hydra.services.llm.ChatResult;
import dev.hydra.services.llm.LlmException;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobContext;
import dev.hydra.services.queue.JobFailure;
import dev.hydra.services.queue.JobHandler;
import dev.hydra.services.queue.JobOutputs;
import dev.hydra.services.queue.JobTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Research and batch inference on an OpenAI-compatible endpoint, streamed; the answer is the job's text output.
 * Payload: {@code {"prompt"} or {"messages": [{role, content}]}, optional "system", "model", "temperature",
 * "maxTokens"}. The model is the payload's, else the job type's ({@code queue.types.llm_task.model}), else
 * {@code llm.model}.
 */
public final class LlmTaskHandler implements JobHandler {

    private static final Set<String> KEYS = Set.of("prompt", "system", "messages", "model", "temperature", "maxTokens");

    private final ChatCompletionsClient client;
    private final QueueConfig queue;
    private final String defaultModel;

    /** @param client null when no endpoint is configured: jobs then fail with a message saying so */
    public LlmTaskHandler(ChatCompletionsClient client, QueueConfig queue, String defaultModel) {
        this.client = client;
        this.queue = queue;
        this.defaultModel = defaultModel;
    }

    @Override
    public String type() {
        return JobTypes.LLM_TASK;
    }

    @Override
    public void validate(ObjectNode payload) {
        Payloads.onlyKeys(payload, KEYS);
        boolean hasPrompt = payload.hasNonNull("prompt");
        JsonNode messages = payload.get("messages");
        if (!hasPrompt && (messages == null || messages.isNull())) {
            throw new IllegalArgumentException("the payload needs \"prompt\" (a text) or \"messages\" "
                    + "(a list of {\"role\", \"content\"})");
        }
        if (hasPrompt) {
            Payloads.requiredText(payload, "prompt", "what to ask");
        }
        if (messages != null && !messages.isNull()) {
            if (!messages.isArray() || messages.isEmpty()) {
                throw new IllegalArgumentException("\"messages\" must be a non-empty list of {\"role\", \"content\"}");
            }
            for (JsonNode m : messages) {
                if (!m.path("role").isTextual() || !m.path("content").isTextual()
                        || !Set.of("system", "user", "assistant").contains(m.get("role").asText())) {
                    throw new IllegalArgumentException("each message needs \"role\" (system, user or assistant) and "
                            + "\"content\" (a text), got " + m);
                }
            }
        }
        Payloads.optionalText(payload, "system");
        Payloads.optionalText(payload, "model");
        if (payload.has("temperature") && !payload.get("temperature").isNumber()) {
            throw new IllegalArgumentException("\"temperature\" must be a number, e.g. 0.7");
        }
        if (payload.has("maxTokens") && !payload.get("maxTokens").canConvertToInt()) {
            throw new IllegalArgumentException("\"maxTokens\" must be a whole number, e.g. 2000");
        }
    }

    private String model(Job job) {
        String fromPayload = job.payload().path("model").asText(null);
        if (fromPayload != null) {
            return fromPayload;
        }
        String fromType = queue.type(job.type()).model();
        return fromType != null ? fromType : defaultModel;
    }

    @Override
    public JobOutputs run(Job job, JobContext context) throws JobFailure, InterruptedException {
        if (client == null) {
            throw JobFailure.permanent("no LLM endpoint is configured: set llm.url in hydra.yaml");
        }
        ObjectNode payload = job.payload();
        String model = model(job);
        if (model == null) {
            throw JobFailure.permanent("no model: give \"model\" in the payload, or set queue.types." + job.type()
                    + ".model or llm.model in hydra.yaml");
        }
        List<ChatMessage> messages = new ArrayList<>();
        if (payload.hasNonNull("system")) {
            messages.add(ChatMessage.system(payload.get("system").asText()));
        }
        if (payload.hasNonNull("messages")) {
            payload.get("messages").forEach(m -> messages.add(new ChatMessage(m.get("role").asText(),
                    m.get("content").asText())));
        }
        if (payload.hasNonNull("prompt")) {
            messages.add(ChatMessage.user(payload.get("prompt").asText()));
        }
        ChatRequest request = new ChatRequest(model, messages,
                payload.has("temperature") ? payload.get("temperature").asDouble() : null,
                payload.has("maxTokens") ? payload.get("maxTokens").asInt() : null);
        AtomicInteger characters = new AtomicInteger();
        context.progress(null, "asking " + model);
        try (ChatCompletionsClient.StreamingChat chat = client.stream(request, delta ->
                context.progress(null, model + ": " + characters.addAndGet(delta.length()) + " characters so far"))) {
            context.onCancel(chat::close);
            ChatResult result = chat.await();
            ObjectNode details = Json.mapper().createObjectNode().put("model", result.model())
                    .put("finishReason", result.finishReason());
            if (result.promptTokens() != null) {
                details.put("promptTokens", result.promptTokens());
            }
            if (result.completionTokens() != null) {
                details.put("completionTokens", result.completionTokens());
            }
            return new JobOutputs(List.of(), result.text(), details);
        } catch (LlmException e) {
            throw e.isPermanent() ? JobFailure.permanent(e.getMessage(), e) : JobFailure.transientFailure(e.getMessage(), e);
        }
    }
}
