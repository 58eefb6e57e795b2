package dev.hydra.services.comfy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * ComfyUI's HTTP and WebSocket API (0.3.x; see shared/specs/comfyui-api-and-metadata.md). Blocking methods, records
 * in and out; no OkHttp type crosses the API. Quirks handled here:
 * <ul>
 *   <li>we choose the {@code prompt_id} ourselves, so events that arrive before the POST's answer are ours;</li>
 *   <li>{@code /history/{id}} answers {@code {}} (200) while a prompt is queued, running or unknown;</li>
 *   <li>{@code error} in a 400 is an object on current servers and a plain string on old ones;</li>
 *   <li>{@code /queue} items are arrays read by index (newer servers add a sixth element) and pending is unsorted;</li>
 *   <li>files are fetched through {@code /view} without {@code preview} or {@code channel}, which would drop the PNG
 *       metadata;</li>
 *   <li>no {@code Origin} header is sent (ComfyUI answers 403 when it differs from Host).</li>
 * </ul>
 */
public final class ComfyUiClient {

    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl base;
    private final OkHttpClient http;

    /** @param baseUrl e.g. http://hydra-compute:8188 */
    public ComfyUiClient(String baseUrl, OkHttpClient http) {
        HttpUrl parsed = HttpUrl.parse(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        this.base = parsed;
        this.http = http;
    }

    public String baseUrl() {
        return base.toString();
    }

    /**
     * Queues an API-format graph.
     *
     * @param clientId     the id of our WebSocket, so its events reach us
     * @param promptId     our own id for the prompt (a UUID), known before the request is sent
     * @param extraPngInfo keys written by SaveImage as PNG text chunks next to "prompt" (e.g. our lineage); may be empty
     * @throws ComfyException REJECTED for a 400 (with ComfyUI's node errors), UNREACHABLE or SERVER_ERROR otherwise
     */
    public PromptAccepted queuePrompt(ObjectNode graph, String clientId, String promptId,
            Map<String, JsonNode> extraPngInfo) throws ComfyException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("prompt", graph);
        body.put("client_id", clientId).put("prompt_id", promptId);
        if (!extraPngInfo.isEmpty()) {
            ObjectNode extra = body.putObject("extra_data").putObject("extra_pnginfo");
            extraPngInfo.forEach(extra::set);
        }
        JsonNode answer = postJson("prompt", body);
        return new PromptAccepted(answer.path("prompt_id").asText(promptId), answer.path("number").asDouble(),
                answer.path("node_errors"));
    }

    /** The finished prompt, or empty while it is queued or running, or when ComfyUI does not know it. */
    public Optional<HistoryEntry> history(String promptId) throws ComfyException {
        JsonNode entry = getJson("history/" + promptId).get(promptId);
        return entry == null || !entry.isObject() ? Optional.empty() : Optional.of(entry(promptId, entry));
    }

    /** The newest {@code maxItems} finished prompts, oldest first (ComfyUI keeps insertion order). */
    public List<HistoryEntry> recentHistory(int maxItems) throws ComfyException {
        List<HistoryEntry> entries = new ArrayList<>();
        getJson("history?max_items=" + maxItems).properties().forEach(item -> {
            if (item.getValue().isObject()) {
                entries.add(entry(item.getKey(), item.getValue()));
            }
        });
        return entries;
    }

    private HistoryEntry entry(String promptId, JsonNode entry) {
        JsonNode status = entry.path("status");
        List<OutputFile> files = new ArrayList<>();
        entry.path("outputs").properties().forEach(node -> node.getValue().properties().forEach(kind -> {
            if (kind.getValue().isArray()) {
                for (JsonNode file : kind.getValue()) {
                    if (file.hasNonNull("filename")) {
                        files.add(new OutputFile(node.getKey(), file.get("filename").asText(),
                                file.path("subfolder").asText(""), file.path("type").asText("output")));
                    }
                }
            }
        }));
        String statusText = status.path("status_str").asText("success");
        List<String> cached = new ArrayList<>();
        for (JsonNode message : status.path("messages")) {
            if ("execution_cached".equals(message.path(0).asText())) {
                message.path(1).path("nodes").forEach(n -> cached.add(n.asText()));
            }
        }
        return new HistoryEntry(promptId, statusText, status.path("completed").asBoolean(true), files,
                "error".equals(statusText) ? errorMessage(status.path("messages")) : null, cached);
    }

    public QueueState queue() throws ComfyException {
        JsonNode answer = getJson("queue");
        return new QueueState(ids(answer.path("queue_running")), ids(answer.path("queue_pending")));
    }

    /** Downloads a file's exact bytes (metadata intact) to {@code target}, replacing it atomically. */
    public void download(OutputFile file, Path target) throws ComfyException {
        byte[] bytes = fetch(file);
        try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.write(partial, bytes);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ComfyException(ComfyException.Kind.REJECTED, "could not save " + file.filename() + " to "
                    + target + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * A file's exact bytes through {@code /view} without {@code preview} or {@code channel}: both make ComfyUI
     * re-encode the image, which drops its metadata.
     */
    public byte[] fetch(OutputFile file) throws ComfyException {
        HttpUrl url = base.newBuilder().addPathSegment("view").addQueryParameter("filename", file.filename())
                .addQueryParameter("subfolder", file.subfolder()).addQueryParameter("type", file.type()).build();
        try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
            if (!response.isSuccessful()) {
                throw new ComfyException(response.code() >= 500 ? ComfyException.Kind.SERVER_ERROR
                        : ComfyException.Kind.REJECTED, "ComfyUI could not serve " + file.filename() + ": HTTP "
                        + response.code(), null, null);
            }
            return response.body().bytes();
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** Removes pending prompts from ComfyUI's queue (running ones are stopped by {@link #interrupt}). */
    public void deleteFromQueue(List<String> promptIds) throws ComfyException {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode delete = body.putArray("delete");
        promptIds.forEach(delete::add);
        post("queue", body);
    }

    /** Interrupts the prompt if it is the one running (servers before 2025-09 interrupt whatever runs). */
    public void interrupt(String promptId) throws ComfyException {
        post("interrupt", Json.mapper().createObjectNode().put("prompt_id", promptId));
    }

    /** Cancels our own prompt wherever it is: removed from the queue, and interrupted if it runs. */
    public void cancel(String promptId) throws ComfyException {
        deleteFromQueue(List.of(promptId));
        interrupt(promptId);
    }

    /** The node catalog for one class, e.g. "CheckpointLoaderSimple" (the whole catalog is megabytes). */
    public JsonNode objectInfo(String nodeClass) throws ComfyException {
        return getJson("object_info/" + nodeClass).path(nodeClass);
    }

    /**
     * The choices ComfyUI lists for a combo input, e.g. ("KSampler", "sampler_name"): legacy nodes give
     * {@code [["a", "b"], {...}]}, V3 nodes {@code ["COMBO", {"options": [...]}]}. Empty when the node or input is
     * unknown or the input is not a combo.
     */
    public List<String> comboOptions(String nodeClass, String input) throws ComfyException {
        JsonNode inputs = objectInfo(nodeClass).path("input");
        JsonNode spec = inputs.path("required").has(input) ? inputs.path("required").get(input)
                : inputs.path("optional").path(input);
        JsonNode options = spec.path(0).isArray() ? spec.path(0)
                : "COMBO".equals(spec.path(0).asText()) ? spec.path(1).path("options") : null;
        List<String> values = new ArrayList<>();
        if (options != null) {
            options.forEach(o -> values.add(o.asText()));
        }
        return values;
    }

    /** Versions and devices; also the cheapest health check. */
    public JsonNode systemStats() throws ComfyException {
        return getJson("system_stats");
    }

    /**
     * Opens the WebSocket with this client id and hands every event to {@code listener} (on OkHttp's thread; keep it
     * quick). Close the result to disconnect. A failure or close arrives as {@link ComfyEvent.Disconnected}.
     */
    public AutoCloseable watch(String clientId, Consumer<ComfyEvent> listener) {
        HttpUrl url = base.newBuilder().addPathSegment("ws").addQueryParameter("clientId", clientId).build();
        WebSocket socket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                try {
                    listener.accept(ComfyEvents.parse(Json.mapper().readTree(text)));
                } catch (IOException e) {
                    listener.accept(new ComfyEvent.Other("unparseable", null));
                }
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                ByteBuffer buffer = bytes.asByteBuffer();
                if (buffer.remaining() < 8) {
                    return;
                }
                int type = buffer.getInt();
                int skip = buffer.getInt();
                if (type == 4) {
                    buffer.position(Math.min(buffer.limit(), buffer.position() + skip));
                } else if (type != 1) {
                    return;
                }
                byte[] image = new byte[buffer.remaining()];
                buffer.get(image);
                listener.accept(new ComfyEvent.Preview(type, image));
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
                listener.accept(new ComfyEvent.Disconnected("closed by ComfyUI (" + code + " " + reason + ")"));
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                listener.accept(new ComfyEvent.Disconnected(String.valueOf(t.getMessage())));
            }
        });
        return () -> socket.close(1000, "done");
    }

    private static List<String> ids(JsonNode items) {
        List<JsonNode> sorted = new ArrayList<>();
        items.forEach(sorted::add);
        sorted.sort(Comparator.comparingDouble(item -> item.path(0).asDouble()));
        return sorted.stream().map(item -> item.path(1).asText()).toList();
    }

    private static String errorMessage(JsonNode messages) {
        for (JsonNode message : messages) {
            String type = message.path(0).asText();
            JsonNode data = message.path(1);
            if (type.equals("execution_error")) {
                return data.path("node_type").asText("a node") + " failed: " + data.path("exception_type").asText("")
                        + " " + data.path("exception_message").asText("").strip();
            }
            if (type.equals("execution_interrupted")) {
                return "interrupted";
            }
        }
        return "failed (ComfyUI gave no reason)";
    }

    private JsonNode getJson(String path) throws ComfyException {
        return send(new Request.Builder().url(base.resolve(path)).build(), path);
    }

    private JsonNode postJson(String path, JsonNode body) throws ComfyException {
        return send(new Request.Builder().url(base.resolve(path))
                .post(RequestBody.create(body.toString(), JSON)).build(), path);
    }

    private void post(String path, JsonNode body) throws ComfyException {
        try (Response response = http.newCall(new Request.Builder().url(base.resolve(path))
                .post(RequestBody.create(body.toString(), JSON)).build()).execute()) {
            if (!response.isSuccessful()) {
                throw new ComfyException(ComfyException.Kind.SERVER_ERROR, "ComfyUI /" + path + " answered HTTP "
                        + response.code(), null, null);
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private JsonNode send(Request request, String path) throws ComfyException {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (response.code() == 400) {
                JsonNode details = parseOrNull(text);
                throw new ComfyException(ComfyException.Kind.REJECTED, "ComfyUI refused the prompt: "
                        + rejection(details, text), details, null);
            }
            if (!response.isSuccessful()) {
                throw new ComfyException(ComfyException.Kind.SERVER_ERROR, "ComfyUI /" + path + " answered HTTP "
                        + response.code() + (text.isBlank() ? "" : ": " + text.strip().lines().findFirst().orElse("")),
                        null, null);
            }
            JsonNode json = parseOrNull(text);
            if (json == null) {
                throw new ComfyException(ComfyException.Kind.SERVER_ERROR, "ComfyUI /" + path
                        + " did not answer JSON", null, null);
            }
            return json;
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** "Value not in list: ckpt_name: 'x' not in (…)" on node 4 (CheckpointLoaderSimple), from either error shape. */
    static String rejection(JsonNode details, String raw) {
        if (details == null) {
            return raw.strip();
        }
        JsonNode error = details.path("error");
        StringBuilder text = new StringBuilder(error.isTextual() ? error.asText()
                : error.path("message").asText("invalid prompt"));
        String more = error.path("details").asText("");
        if (!more.isBlank()) {
            text.append(": ").append(more);
        }
        details.path("node_errors").properties().forEach(node -> {
            for (JsonNode e : node.getValue().path("errors")) {
                text.append("; node ").append(node.getKey()).append(" (")
                        .append(node.getValue().path("class_type").asText()).append("): ")
                        .append(e.path("message").asText()).append(" — ").append(e.path("details").asText());
            }
        });
        return text.toString();
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return text.isBlank() ? null : Json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private ComfyException unreachable(IOException e) {
        return new ComfyException(ComfyException.Kind.UNREACHABLE, "ComfyUI at " + base + " is not reachable: "
                + e.getMessage(), null, e);
    }
}
