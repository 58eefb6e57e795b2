package dev.hydra.services.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import java.io.IOException;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * An OpenAI-compatible chat endpoint ({@code POST {base}/chat/completions} with {@code "stream": true}), as served by
 * LiteLLM, Ollama, TabbyAPI, vLLM and OpenAI. Server-sent events are parsed by okhttp-sse; each chunk's
 * {@code choices[0].delta.content} is handed to the caller as it arrives. Chunks without choices (usage),
 * role-only deltas and comments are tolerated; an {@code error} object in the stream, or a stream that ends without
 * {@code [DONE]} and without a finish reason, is an error.
 */
public final class ChatCompletionsClient {

    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl base;
    private final HttpUrl completions;
    private final OkHttpClient http;
    private final String apiKey;

    /**
     * @param baseUrl the base URL including {@code /v1}, e.g. http://hydra-ai:4000/v1
     * @param apiKey  sent as a bearer token; null for none
     */
    public ChatCompletionsClient(String baseUrl, OkHttpClient http, String apiKey) {
        HttpUrl base = HttpUrl.parse(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        if (base == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        this.base = base;
        this.completions = base.resolve("chat/completions");
        this.http = http;
        this.apiKey = apiKey;
    }

    public String endpoint() {
        return completions.toString();
    }

    /** The models the endpoint serves ({@code GET {base}/models}); also a health check. */
    public java.util.List<String> models() throws LlmException {
        Request.Builder request = new Request.Builder().url(base.resolve("models"));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new LlmException("LLM endpoint " + base + "models answered HTTP " + response.code(),
                        response.code() < 500, null);
            }
            java.util.List<String> models = new java.util.ArrayList<>();
            Json.mapper().readTree(body).path("data").forEach(m -> models.add(m.path("id").asText()));
            return models;
        } catch (IOException e) {
            throw new LlmException("LLM endpoint " + base + " is not reachable: " + e.getMessage(), false, e);
        }
    }

    /**
     * Starts a streamed completion. Nothing is sent until {@link StreamingChat#await()}, which blocks the calling
     * thread until the answer is complete; {@link StreamingChat#close()} (from any thread) stops it.
     */
    public StreamingChat stream(ChatRequest request, Consumer<String> onDelta) {
        ObjectNode body = Json.mapper().createObjectNode().put("model", request.model()).put("stream", true);
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        body.putObject("stream_options").put("include_usage", true);
        Request.Builder http = new Request.Builder().url(completions)
                .header("Accept", "text/event-stream")
                .post(RequestBody.create(body.toString(), JSON));
        if (apiKey != null && !apiKey.isBlank()) {
            http.header("Authorization", "Bearer " + apiKey);
        }
        return new StreamingChat(this.http.newCall(http.build()), onDelta, request.model());
    }

    /** One streamed answer in flight. */
    public final class StreamingChat implements AutoCloseable {

        private final Call call;
        private final Consumer<String> onDelta;
        private final String requestedModel;
        private final StringBuilder text = new StringBuilder();
        private String finishReason;
        private String model;
        private Integer promptTokens;
        private Integer completionTokens;
        private boolean done;
        private LlmException error;

        private StreamingChat(Call call, Consumer<String> onDelta, String requestedModel) {
            this.call = call;
            this.onDelta = onDelta;
            this.requestedModel = requestedModel;
        }

        public ChatResult await() throws LlmException, InterruptedException {
            try (Response response = call.execute()) {
                if (!response.isSuccessful()) {
                    throw httpError(response);
                }
                EventSources.processResponse(response, new Listener());
            } catch (IOException e) {
                if (call.isCanceled()) {
                    throw new InterruptedException("the answer was cancelled");
                }
                throw new LlmException("LLM endpoint " + completions + " is not reachable: " + e.getMessage(), false, e);
            }
            if (call.isCanceled()) {
                throw new InterruptedException("the answer was cancelled");
            }
            if (error != null) {
                throw error;
            }
            if (!done && finishReason == null) {
                throw new LlmException("the answer from " + completions + " broke off after " + text.length()
                        + " characters (no [DONE])", false, null);
            }
            return new ChatResult(text.toString(), finishReason, model == null ? requestedModel : model, promptTokens,
                    completionTokens);
        }

        @Override
        public void close() {
            call.cancel();
        }

        private LlmException httpError(Response response) throws IOException {
            String body = response.body().string();
            String message = body;
            try {
                JsonNode json = Json.mapper().readTree(body);
                JsonNode error = json.path("error");
                message = error.isObject() ? error.path("message").asText(body)
                        : error.isTextual() ? error.asText() : json.path("detail").asText(body);
            } catch (IOException notJson) {
                // keep the raw text
            }
            int code = response.code();
            boolean permanent = code >= 400 && code < 500 && code != 408 && code != 429;
            return new LlmException("LLM endpoint answered HTTP " + code + ": " + message.strip(), permanent, null);
        }

        private final class Listener extends EventSourceListener {

            @Override
            public void onEvent(EventSource source, String id, String type, String data) {
                if (data.strip().equals("[DONE]")) {
                    done = true;
                    return;
                }
                JsonNode chunk;
                try {
                    chunk = Json.mapper().readTree(data);
                } catch (IOException e) {
                    error = new LlmException("the LLM endpoint sent something that is not JSON: " + data, false, e);
                    source.cancel();
                    return;
                }
                if (chunk.has("error")) {
                    JsonNode e = chunk.get("error");
                    String message = e.isObject() ? e.path("message").asText(e.toString()) : e.asText();
                    error = new LlmException("the LLM endpoint reported an error mid-answer: " + message, false, null);
                    return;
                }
                if (chunk.hasNonNull("model")) {
                    model = chunk.get("model").asText();
                }
                JsonNode usage = chunk.path("usage");
                if (usage.isObject()) {
                    promptTokens = usage.path("prompt_tokens").isNumber() ? usage.get("prompt_tokens").asInt() : null;
                    completionTokens = usage.path("completion_tokens").isNumber()
                            ? usage.get("completion_tokens").asInt() : null;
                }
                JsonNode choice = chunk.path("choices").path(0);
                String delta = choice.path("delta").path("content").asText(null);
                if (delta != null && !delta.isEmpty()) {
                    text.append(delta);
                    onDelta.accept(delta);
                }
                if (choice.hasNonNull("finish_reason")) {
                    finishReason = choice.get("finish_reason").asText();
                }
            }

            @Override
            public void onFailure(EventSource source, Throwable t, Response response) {
                if (t != null && !call.isCanceled()) {
                    error = new LlmException("the answer from " + completions + " broke off: " + t.getMessage(), false,
                            t);
                }
            }
        }
    }
}
