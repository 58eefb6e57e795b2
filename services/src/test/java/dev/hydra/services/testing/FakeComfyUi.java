package dev.hydra.services.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * A faithful in-process ComfyUI 0.3.64 (HTTP + WebSocket) built from shared/specs/comfyui-api-and-metadata.md §6:
 * a small node catalog with validation and the exact 400 shapes, a one-at-a-time worker that emits the spec's event
 * order to the socket whose sid is the prompt's client_id, history written before {@code executing{node:null}},
 * {@code /view} with its 400/403/404 rules serving PNGs that carry the graph and every extra_pnginfo key as tEXt,
 * an unsorted {@code /queue}, delete and targeted interrupt, cache hits for identical graphs (old file names, no
 * new file), and failure injection: a CLIPTextEncode text containing {@code [error]} raises an execution_error at
 * the sampler. Tests control pace with {@link #stepDelay} and {@link #hold()}/{@link #release()}, and simulate a
 * restart (history and queue are in memory only) with {@link #restart()}.
 */
public final class FakeComfyUi implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CHECKPOINTS = List.of("sd_xl_base_1.0.safetensors", "dreamshaper_8.safetensors");
    private static final List<String> SAMPLERS = List.of("euler", "euler_ancestral", "dpmpp_2m", "dpmpp_2m_sde");
    private static final List<String> SCHEDULERS = List.of("normal", "karras", "exponential", "simple");
    private static final BigInteger SEED_MAX = new BigInteger("18446744073709551615");

    private final MockWebServer server = new MockWebServer();
    private final Object lock = new Object();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final LinkedBlockingDeque<Queued> queue = new LinkedBlockingDeque<>();
    private final Map<String, ObjectNode> history = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counters = new HashMap<>();
    private final Map<String, ObjectNode> cache = new HashMap<>();
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private final List<String> interrupts = new CopyOnWriteArrayList<>();
    private final Semaphore gate = new Semaphore(0);
    /** Never released: waiting on it for the step delay is how long a sampler step takes. */
    private final Semaphore pace = new Semaphore(0);
    private final Thread worker;
    private volatile Queued runningNow;
    private volatile boolean interruptRequested;
    private volatile Duration stepDelay = Duration.ofMillis(1);
    private volatile boolean originCheck;
    private volatile boolean held;
    private double counter;
    private volatile boolean closed;
    private volatile int generation;

    private FakeComfyUi() {
        server.setDispatcher(new Routes());
        worker = Thread.ofPlatform().daemon().name("fake-comfyui-worker").start(this::work);
    }

    public static FakeComfyUi start() {
        FakeComfyUi fake = new FakeComfyUi();
        try {
            fake.server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fake;
    }

    /** e.g. http://127.0.0.1:40123 */
    public String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    public FakeComfyUi stepDelay(Duration delay) {
        stepDelay = delay;
        return this;
    }

    /** Reject requests whose Origin differs from Host with an empty 403, as ComfyUI does on loopback. */
    public FakeComfyUi originCheck(boolean enabled) {
        originCheck = enabled;
        return this;
    }

    /** The worker stops before the next sampler step (and before starting the next prompt) until {@link #release}. */
    public void hold() {
        held = true;
        gate.drainPermits();
    }

    public void release() {
        held = false;
        gate.drainPermits();
        gate.release(1_000_000);
    }

    /** Lets the held worker take exactly one more step. */
    public void step() {
        gate.release();
    }

    /** Like restarting ComfyUI: queue and history are gone (they live in memory), files on disk stay. */
    public void restart() {
        synchronized (lock) {
            queue.clear();
            history.clear();
            cache.clear();
            interruptRequested = runningNow != null;
            generation++;
        }
        sessions.values().forEach(s -> {
            try {
                s.socket.close(1001, "restart");
            } catch (RuntimeException ignored) {
                // already gone
            }
        });
        sessions.clear();
    }

    /** Prompt ids received by POST /prompt, in order (also the rejected ones). */
    public List<String> postedPromptIds() {
        return List.copyOf(posted);
    }

    /** The graph of a posted prompt, as posted. */
    public JsonNode postedGraph(String promptId) {
        synchronized (lock) {
            ObjectNode entry = history.get(promptId);
            if (entry != null) {
                return entry.path("prompt").path(2);
            }
        }
        return queue.stream().filter(q -> q.id.equals(promptId)).map(q -> (JsonNode) q.graph).findFirst()
                .orElse(null);
    }

    public List<String> deletedFromQueue() {
        return List.copyOf(deleted);
    }

    public List<String> interruptRequests() {
        return List.copyOf(interrupts);
    }

    /** How many PNG files were written (cache hits write none). */
    public int filesWritten() {
        return files.size();
    }

    public boolean isRunning(String promptId) {
        Queued now = runningNow;
        return now != null && now.id.equals(promptId);
    }

    @Override
    public void close() {
        closed = true;
        release();
        worker.interrupt();
        sessions.values().forEach(s -> {
            try {
                s.socket.close(1001, "shutdown");
            } catch (RuntimeException ignored) {
                // already gone
            }
        });
        server.close();
    }

    // ------------------------------------------------------------------ HTTP

    private final class Routes extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            HttpUrl url = request.getUrl();
            String path = url.encodedPath();
            if (path.startsWith("/api/")) {
                path = path.substring(4);
            }
            String origin = request.getHeaders().get("Origin");
            if (originCheck && origin != null && !HttpUrl.parse(origin).host().equals(url.host())) {
                return new MockResponse.Builder().code(403).body("").build();
            }
            try {
                String method = request.getMethod();
                return switch (path) {
                    case "/ws" -> websocket(url.queryParameter("clientId"));
                    case "/prompt" -> method.equals("POST") ? postPrompt(body(request)) : json(200, promptInfo());
                    case "/queue" -> method.equals("POST") ? postQueue(body(request)) : json(200, queueJson());
                    case "/interrupt" -> interrupt(request.getBodySize() > 0 ? body(request) : NODES.objectNode());
                    case "/history" -> method.equals("POST") ? postHistory(body(request))
                            : json(200, historyJson(url.queryParameter("max_items"), url.queryParameter("offset")));
                    case "/view" -> view(url);
                    case "/system_stats" -> json(200, systemStats());
                    case "/object_info" -> json(200, catalog());
                    case "/jobs" -> json(404, NODES.objectNode().put("error", "Not Found"));
                    default -> other(path);
                };
            } catch (IOException e) {
                return new MockResponse.Builder().code(500).body("500 Internal Server Error\n\nServer got itself in "
                        + "trouble").build();
            }
        }
    }

    private MockResponse other(String path) {
        if (path.startsWith("/history/")) {
            String id = path.substring("/history/".length());
            synchronized (lock) {
                ObjectNode answer = NODES.objectNode();
                if (history.containsKey(id)) {
                    answer.set(id, history.get(id));
                }
                return json(200, answer);
            }
        }
        if (path.startsWith("/object_info/")) {
            String cls = path.substring("/object_info/".length());
            ObjectNode all = catalog();
            ObjectNode one = NODES.objectNode();
            if (all.has(cls)) {
                one.set(cls, all.get(cls));
            }
            return json(200, one);
        }
        if (path.equals("/models/checkpoints")) {
            ArrayNode list = NODES.arrayNode();
            CHECKPOINTS.forEach(list::add);
            return json(200, list);
        }
        if (path.startsWith("/models/")) {
            return json(200, NODES.arrayNode());
        }
        return new MockResponse.Builder().code(404).body("404: Not Found").build();
    }

    private MockResponse postPrompt(JsonNode body) {
        if (!body.isObject() || !body.has("prompt")) {
            return json(400, error("no_prompt", "No prompt provided", "No prompt provided", NODES.objectNode()));
        }
        String promptId = body.hasNonNull("prompt_id") ? body.get("prompt_id").asText() : UUID.randomUUID().toString();
        posted.add(promptId);
        JsonNode graph = body.get("prompt");
        ObjectNode catalog = catalog();
        List<String> outputs = new ArrayList<>();
        for (var node : graph.properties()) {
            JsonNode cls = node.getValue().get("class_type");
            if (cls == null || !catalog.has(cls.asText())) {
                String details = "Node ID '#" + node.getKey() + "'";
                String message = cls == null ? "Cannot execute because a node is missing the class_type property."
                        : "Cannot execute because node " + cls.asText() + " does not exist.";
                return json(400, error("invalid_prompt", message, details, NODES.objectNode()));
            }
            if (catalog.get(cls.asText()).path("output_node").asBoolean()) {
                outputs.add(node.getKey());
            }
        }
        if (outputs.isEmpty()) {
            return json(400, error("prompt_no_outputs", "Prompt has no outputs", "", NODES.objectNode()));
        }
        ObjectNode nodeErrors = validate(graph, catalog, outputs);
        if (!nodeErrors.isEmpty()) {
            String details = nodeErrors.properties().iterator().next().getValue().path("errors").path(0)
                    .path("details").asText();
            return json(400, error("prompt_outputs_failed_validation", "Prompt outputs failed validation",
                    nodeErrors.properties().iterator().next().getValue().path("errors").path(0).path("message").asText()
                            + ": " + details, nodeErrors));
        }
        double number;
        synchronized (lock) {
            number = body.has("number") ? body.get("number").asDouble()
                    : body.path("front").asBoolean() ? -(++counter) : ++counter;
        }
        ObjectNode extra = body.has("extra_data") && body.get("extra_data").isObject()
                ? (ObjectNode) body.get("extra_data").deepCopy() : NODES.objectNode();
        String clientId = body.hasNonNull("client_id") ? body.get("client_id").asText() : null;
        if (clientId != null) {
            extra.put("client_id", clientId);
        }
        queue.add(new Queued(number, promptId, (ObjectNode) graph.deepCopy(), extra, outputs, clientId));
        broadcastStatus();
        return json(200, NODES.objectNode().put("prompt_id", promptId).put("number", number)
                .set("node_errors", NODES.objectNode()));
    }

    private ObjectNode validate(JsonNode graph, ObjectNode catalog, List<String> outputs) {
        ObjectNode nodeErrors = NODES.objectNode();
        for (var node : graph.properties()) {
            String cls = node.getValue().get("class_type").asText();
            JsonNode required = catalog.get(cls).path("input").path("required");
            JsonNode inputs = node.getValue().path("inputs");
            ArrayNode errors = NODES.arrayNode();
            for (var input : required.properties()) {
                String name = input.getKey();
                JsonNode spec = input.getValue();
                JsonNode value = inputs.get(name);
                if (value == null) {
                    errors.add(inputError("required_input_missing", "Required input is missing", name, name, null));
                    continue;
                }
                if (value.isArray() && value.size() == 2 && value.get(1).isIntegralNumber()) {
                    if (!graph.has(value.get(0).asText())) {
                        errors.add(inputError("bad_linked_input", "Bad linked input, must be a length-2 list of "
                                + "[node_id, slot_index]", name + ", " + value, name, value));
                    }
                    continue;
                }
                List<String> options = comboOptions(spec);
                if (options != null && !options.contains(value.asText())) {
                    errors.add(inputError("value_not_in_list", "Value not in list", name + ": '" + value.asText()
                            + "' not in " + (options.size() > 20 ? "(list of length " + options.size() + ")"
                            : options.toString()), name, value));
                } else if (spec.path(0).asText().equals("INT") || spec.path(0).asText().equals("FLOAT")) {
                    JsonNode opts = spec.path(1);
                    BigInteger big = value.isNumber() ? value.bigIntegerValue() : null;
                    if (big == null) {
                        errors.add(inputError("invalid_input_type", "Failed to convert an input value to a "
                                + spec.path(0).asText() + " value", name + ", " + value, name, value));
                    } else if (opts.has("max") && value.decimalValue().compareTo(opts.get("max").decimalValue()) > 0) {
                        errors.add(inputError("value_bigger_than_max", "Value " + value + " bigger than max of "
                                + opts.get("max"), name, name, value));
                    } else if (opts.has("min") && value.decimalValue().compareTo(opts.get("min").decimalValue()) < 0) {
                        errors.add(inputError("value_smaller_than_min", "Value " + value + " smaller than min of "
                                + opts.get("min"), name, name, value));
                    }
                }
            }
            if (!errors.isEmpty()) {
                ObjectNode entry = nodeErrors.putObject(node.getKey());
                entry.set("errors", errors);
                ArrayNode dependent = entry.putArray("dependent_outputs");
                outputs.forEach(dependent::add);
                entry.put("class_type", cls);
            }
        }
        return nodeErrors;
    }

    private static List<String> comboOptions(JsonNode spec) {
        if (spec.path(0).isArray()) {
            List<String> options = new ArrayList<>();
            spec.get(0).forEach(o -> options.add(o.asText()));
            return options;
        }
        if (spec.path(0).asText().equals("COMBO")) {
            List<String> options = new ArrayList<>();
            spec.path(1).path("options").forEach(o -> options.add(o.asText()));
            return options;
        }
        return null;
    }

    private static ObjectNode inputError(String type, String message, String details, String input, JsonNode value) {
        ObjectNode error = NODES.objectNode().put("type", type).put("message", message).put("details", details);
        ObjectNode extra = error.putObject("extra_info").put("input_name", input);
        extra.putNull("input_config");
        if (value != null) {
            extra.set("received_value", value);
        }
        return error;
    }

    private static ObjectNode error(String type, String message, String details, ObjectNode nodeErrors) {
        ObjectNode body = NODES.objectNode();
        body.putObject("error").put("type", type).put("message", message).put("details", details)
                .putObject("extra_info");
        body.set("node_errors", nodeErrors);
        return body;
    }

    private MockResponse postQueue(JsonNode body) {
        if (body.path("clear").asBoolean()) {
            queue.clear();
        }
        for (JsonNode id : body.path("delete")) {
            deleted.add(id.asText());
            queue.removeIf(q -> q.id.equals(id.asText()));
        }
        broadcastStatus();
        return new MockResponse.Builder().code(200).body("").build();
    }

    private MockResponse interrupt(JsonNode body) {
        String id = body.path("prompt_id").asText(null);
        interrupts.add(id == null ? "*" : id);
        Queued now = runningNow;
        if (now != null && (id == null || now.id.equals(id))) {
            interruptRequested = true;
            gate.release();
        }
        return new MockResponse.Builder().code(200).body("").build();
    }

    private MockResponse postHistory(JsonNode body) {
        synchronized (lock) {
            if (body.path("clear").asBoolean()) {
                history.clear();
            }
            body.path("delete").forEach(id -> history.remove(id.asText()));
        }
        return new MockResponse.Builder().code(200).body("").build();
    }

    private MockResponse view(HttpUrl url) {
        String filename = url.queryParameter("filename");
        String subfolder = Objects.requireNonNullElse(url.queryParameter("subfolder"), "");
        String type = Objects.requireNonNullElse(url.queryParameter("type"), "output");
        if (filename == null) {
            return new MockResponse.Builder().code(404).build();
        }
        if (filename.isEmpty() || filename.startsWith("/") || filename.contains("..")
                || !List.of("output", "input", "temp").contains(type)) {
            return new MockResponse.Builder().code(400).build();
        }
        if (subfolder.contains("..") || subfolder.startsWith("/")) {
            return new MockResponse.Builder().code(403).build();
        }
        byte[] bytes = files.get(type + "/" + subfolder + "/" + filename);
        if (bytes == null) {
            return new MockResponse.Builder().code(404).build();
        }
        if (url.queryParameter("preview") != null || url.queryParameter("channel") != null) {
            bytes = Pngs.write(8, 8, Map.of());
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "image/png")
                .addHeader("Content-Disposition", "filename=\"" + filename + "\"")
                .body(new okio.Buffer().write(bytes)).build();
    }

    private ObjectNode promptInfo() {
        ObjectNode info = NODES.objectNode();
        info.putObject("exec_info").put("queue_remaining", remaining());
        return info;
    }

    private ObjectNode queueJson() {
        ObjectNode answer = NODES.objectNode();
        ArrayNode running = answer.putArray("queue_running");
        Queued now = runningNow;
        if (now != null) {
            running.add(now.item());
        }
        ArrayNode pending = answer.putArray("queue_pending");
        List<Queued> items = new ArrayList<>(queue);
        java.util.Collections.reverse(items);
        items.forEach(q -> pending.add(q.item()));
        return answer;
    }

    private ObjectNode historyJson(String maxItems, String offset) {
        synchronized (lock) {
            List<String> ids = new ArrayList<>(history.keySet());
            int from = 0;
            int to = ids.size();
            if (maxItems != null) {
                int max = Integer.parseInt(maxItems);
                if (offset != null) {
                    from = Math.min(ids.size(), Integer.parseInt(offset));
                    to = Math.min(ids.size(), from + max);
                } else {
                    from = Math.max(0, ids.size() - max);
                }
            }
            ObjectNode answer = NODES.objectNode();
            ids.subList(from, to).forEach(id -> answer.set(id, history.get(id)));
            return answer;
        }
    }

    private static ObjectNode systemStats() {
        ObjectNode stats = NODES.objectNode();
        ObjectNode system = stats.putObject("system").put("os", "posix").put("ram_total", 68614135808L)
                .put("ram_free", 40123456512L).put("comfyui_version", "0.3.64")
                .put("required_frontend_version", "1.27.10").put("python_version", "3.12.10")
                .put("pytorch_version", "2.8.0+cu129").put("embedded_python", false);
        system.putArray("argv").add("main.py").add("--listen");
        stats.putArray("devices").addObject().put("name", "cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync")
                .put("type", "cuda").put("index", 0).put("vram_total", 25756696576L).put("vram_free", 23011360768L)
                .put("torch_vram_total", 1207959552L).put("torch_vram_free", 402653184L);
        return stats;
    }

    private static ObjectNode catalog() {
        ObjectNode c = NODES.objectNode();
        ObjectNode ckpt = node(c, "CheckpointLoaderSimple", "loaders", false, "MODEL", "CLIP", "VAE");
        ArrayNode names = NODES.arrayNode();
        CHECKPOINTS.forEach(names::add);
        required(ckpt).set("ckpt_name", NODES.arrayNode().add(names).add(NODES.objectNode()));
        ObjectNode clip = node(c, "CLIPTextEncode", "conditioning", false, "CONDITIONING");
        required(clip).set("text", spec("STRING", NODES.objectNode().put("multiline", true)));
        required(clip).set("clip", spec("CLIP", null));
        ObjectNode latent = node(c, "EmptyLatentImage", "latent", false, "LATENT");
        required(latent).set("width", spec("INT", NODES.objectNode().put("default", 512).put("min", 16).put("max", 16384)));
        required(latent).set("height", spec("INT", NODES.objectNode().put("default", 512).put("min", 16).put("max", 16384)));
        required(latent).set("batch_size", spec("INT", NODES.objectNode().put("default", 1).put("min", 1).put("max", 4096)));
        ObjectNode sampler = node(c, "KSampler", "sampling", false, "LATENT");
        ObjectNode r = required(sampler);
        r.set("model", spec("MODEL", null));
        r.set("seed", spec("INT", NODES.objectNode().put("default", 0).put("min", 0).put("max", SEED_MAX)
                .put("control_after_generate", true)));
        r.set("steps", spec("INT", NODES.objectNode().put("default", 20).put("min", 1).put("max", 10000)));
        r.set("cfg", spec("FLOAT", NODES.objectNode().put("default", 8.0).put("min", 0.0).put("max", 100.0)));
        ArrayNode samplerOptions = NODES.arrayNode();
        SAMPLERS.forEach(samplerOptions::add);
        ObjectNode v3 = NODES.objectNode();
        v3.set("options", samplerOptions);
        r.set("sampler_name", NODES.arrayNode().add("COMBO").add(v3));
        ArrayNode schedulers = NODES.arrayNode();
        SCHEDULERS.forEach(schedulers::add);
        r.set("scheduler", NODES.arrayNode().add(schedulers).add(NODES.objectNode()));
        r.set("positive", spec("CONDITIONING", null));
        r.set("negative", spec("CONDITIONING", null));
        r.set("latent_image", spec("LATENT", null));
        r.set("denoise", spec("FLOAT", NODES.objectNode().put("default", 1.0).put("min", 0.0).put("max", 1.0)));
        ObjectNode decode = node(c, "VAEDecode", "latent", false, "IMAGE");
        required(decode).set("samples", spec("LATENT", null));
        required(decode).set("vae", spec("VAE", null));
        ObjectNode save = node(c, "SaveImage", "image", true);
        required(save).set("images", spec("IMAGE", null));
        required(save).set("filename_prefix", spec("STRING", NODES.objectNode().put("default", "ComfyUI")));
        ObjectNode preview = node(c, "PreviewImage", "image", true);
        required(preview).set("images", spec("IMAGE", null));
        return c;
    }

    private static ObjectNode node(ObjectNode catalog, String cls, String category, boolean output, String... outputs) {
        ObjectNode node = catalog.putObject(cls);
        node.putObject("input").putObject("required");
        node.with("input").putObject("optional");
        node.with("input").putObject("hidden");
        ArrayNode out = node.putArray("output");
        ArrayNode names = node.putArray("output_name");
        ArrayNode isList = node.putArray("output_is_list");
        for (String o : outputs) {
            out.add(o);
            names.add(o);
            isList.add(false);
        }
        node.put("name", cls).put("display_name", cls).put("description", "").put("python_module", "nodes")
                .put("category", category).put("output_node", output);
        return node;
    }

    private static ObjectNode required(ObjectNode node) {
        return (ObjectNode) node.get("input").get("required");
    }

    private static ArrayNode spec(String type, ObjectNode options) {
        ArrayNode spec = NODES.arrayNode().add(type);
        if (options != null) {
            spec.add(options);
        }
        return spec;
    }

    private static JsonNode body(RecordedRequest request) throws IOException {
        ByteString body = request.getBody();
        return JSON.readTree(body == null ? "" : body.utf8());
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8")
                .body(body.toString()).build();
    }

    // ------------------------------------------------------------------ WebSocket

    private MockResponse websocket(String clientId) {
        String sid = clientId == null ? UUID.randomUUID().toString().replace("-", "") : clientId;
        return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
            private Session session;

            @Override
            public void onOpen(WebSocket socket, Response response) {
                session = new Session(socket);
                Session previous = sessions.put(sid, session);
                if (previous != null) {
                    previous.replaced = true;
                }
                ObjectNode data = NODES.objectNode();
                data.putObject("status").putObject("exec_info").put("queue_remaining", remaining());
                data.put("sid", sid);
                session.send(message("status", data));
                Queued now = runningNow;
                if (now != null && sid.equals(now.clientId) && now.currentNode != null) {
                    session.send(message("executing", NODES.objectNode().put("node", now.currentNode)
                            .put("display_node", now.currentNode).put("prompt_id", now.id)));
                }
            }

            @Override
            public void onMessage(WebSocket socket, String text) {
                if (session.firstMessage) {
                    session.firstMessage = false;
                    try {
                        JsonNode frame = JSON.readTree(text);
                        if ("feature_flags".equals(frame.path("type").asText())) {
                            session.previewMetadata = frame.path("data").path("supports_preview_metadata").asBoolean();
                            session.send(message("feature_flags", NODES.objectNode()
                                    .put("supports_preview_metadata", true).put("max_upload_size", 104857600.0)));
                        }
                    } catch (IOException ignored) {
                        // ComfyUI ignores what it cannot parse
                    }
                }
            }

            @Override
            public void onClosed(WebSocket socket, int code, String reason) {
                sessions.remove(sid, session);
            }

            @Override
            public void onFailure(WebSocket socket, Throwable t, Response response) {
                sessions.remove(sid, session);
            }
        }).build();
    }

    private static final class Session {
        final WebSocket socket;
        volatile boolean firstMessage = true;
        volatile boolean previewMetadata;
        volatile boolean replaced;

        Session(WebSocket socket) {
            this.socket = socket;
        }

        void send(String text) {
            if (!replaced) {
                socket.send(text);
            }
        }

        void send(ByteString bytes) {
            if (!replaced) {
                socket.send(bytes);
            }
        }
    }

    private static String message(String type, JsonNode data) {
        return NODES.objectNode().put("type", type).set("data", data).toString();
    }

    private void toClient(Queued prompt, String type, ObjectNode data) {
        if (prompt.clientId == null) {
            return;
        }
        Session session = sessions.get(prompt.clientId);
        if (session != null) {
            session.send(message(type, data));
        }
    }

    private void broadcast(String type, ObjectNode data) {
        sessions.values().forEach(s -> s.send(message(type, data)));
    }

    private void broadcastStatus() {
        ObjectNode data = NODES.objectNode();
        data.putObject("status").putObject("exec_info").put("queue_remaining", remaining());
        broadcast("status", data);
    }

    private int remaining() {
        return queue.size() + (runningNow == null ? 0 : 1);
    }

    // ------------------------------------------------------------------ execution

    private void work() {
        while (!closed) {
            try {
                Queued prompt = next();
                if (prompt == null) {
                    continue;
                }
                runningNow = prompt;
                interruptRequested = false;
                broadcastStatus();
                execute(prompt);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    throw e;
                }
            } finally {
                runningNow = null;
            }
        }
    }

    private Queued next() throws InterruptedException {
        Queued head = queue.poll(100, TimeUnit.MILLISECONDS);
        if (head == null) {
            return null;
        }
        List<Queued> all = new ArrayList<>(queue);
        all.add(head);
        Queued first = all.stream().min(java.util.Comparator.comparingDouble(q -> q.number)).orElseThrow();
        if (first != head) {
            queue.remove(first);
            queue.addFirst(head);
        }
        return first;
    }

    private void execute(Queued prompt) throws InterruptedException {
        int startedIn = generation;
        long start = System.currentTimeMillis();
        ObjectNode startData = NODES.objectNode().put("prompt_id", prompt.id).put("timestamp", start);
        toClient(prompt, "execution_start", startData);
        List<JsonNode> messages = new ArrayList<>();
        messages.add(NODES.arrayNode().add("execution_start").add(startData));
        String key = prompt.graph.toString();
        ObjectNode cachedOutputs;
        synchronized (lock) {
            cachedOutputs = cache.get(key);
        }
        ArrayNode cachedNodes = NODES.arrayNode();
        if (cachedOutputs != null) {
            prompt.graph.fieldNames().forEachRemaining(cachedNodes::add);
        }
        ObjectNode cachedData = NODES.objectNode().put("prompt_id", prompt.id).put("timestamp", now());
        cachedData.set("nodes", cachedNodes);
        toClient(prompt, "execution_cached", cachedData);
        messages.add(NODES.arrayNode().add("execution_cached").add(cachedData));
        ObjectNode outputs = NODES.objectNode();
        String error = null;
        if (cachedOutputs != null) {
            cachedOutputs.properties().forEach(e -> {
                outputs.set(e.getKey(), e.getValue());
                toClient(prompt, "executed", NODES.objectNode().put("node", e.getKey()).put("display_node", e.getKey())
                        .put("prompt_id", prompt.id).set("output", e.getValue()));
            });
        } else {
            for (String nodeId : order(prompt.graph)) {
                JsonNode node = prompt.graph.get(nodeId);
                String cls = node.get("class_type").asText();
                prompt.currentNode = nodeId;
                toClient(prompt, "executing", NODES.objectNode().put("node", nodeId).put("display_node", nodeId)
                        .put("prompt_id", prompt.id));
                if (cls.equals("KSampler")) {
                    if (graphText(prompt.graph).contains("[error]")) {
                        error = nodeId;
                        ObjectNode data = NODES.objectNode().put("prompt_id", prompt.id).put("node_id", nodeId)
                                .put("node_type", cls).put("exception_type", "torch.OutOfMemoryError")
                                .put("exception_message", "Allocation on device")
                                .put("timestamp", now());
                        data.putArray("executed");
                        data.putArray("traceback").add("Traceback (most recent call last):");
                        data.putObject("current_inputs");
                        data.putObject("current_outputs");
                        toClient(prompt, "execution_error", data);
                        messages.add(NODES.arrayNode().add("execution_error").add(data));
                        break;
                    }
                    int steps = Math.min(node.path("inputs").path("steps").asInt(20), 50);
                    for (int step = 1; step <= steps; step++) {
                        awaitStep();
                        if (interruptRequested) {
                            break;
                        }
                        ObjectNode progress = NODES.objectNode().put("value", step).put("max", steps)
                                .put("prompt_id", prompt.id).put("node", nodeId);
                        broadcast("progress", progress);
                        if (step == steps / 2) {
                            preview(prompt);
                        }
                        if (!stepDelay.isZero()) {
                            pace.tryAcquire(stepDelay.toNanos(), TimeUnit.NANOSECONDS);
                        }
                    }
                    if (interruptRequested) {
                        ObjectNode data = NODES.objectNode().put("prompt_id", prompt.id).put("node_id", nodeId)
                                .put("node_type", cls).put("timestamp", now());
                        data.putArray("executed");
                        broadcast("execution_interrupted", data);
                        messages.add(NODES.arrayNode().add("execution_interrupted").add(data));
                        error = nodeId;
                        break;
                    }
                }
                if (cls.equals("SaveImage") || cls.equals("PreviewImage")) {
                    ObjectNode output = save(prompt, nodeId, cls.equals("PreviewImage"));
                    outputs.set(nodeId, output);
                    toClient(prompt, "executed", NODES.objectNode().put("node", nodeId).put("display_node", nodeId)
                            .put("prompt_id", prompt.id).set("output", output));
                }
            }
        }
        prompt.currentNode = null;
        if (error == null) {
            ObjectNode success = NODES.objectNode().put("prompt_id", prompt.id).put("timestamp", now());
            toClient(prompt, "execution_success", success);
            messages.add(NODES.arrayNode().add("execution_success").add(success));
        }
        ObjectNode entry = NODES.objectNode();
        entry.set("prompt", prompt.item());
        entry.set("outputs", outputs);
        ObjectNode status = entry.putObject("status").put("status_str", error == null ? "success" : "error")
                .put("completed", error == null);
        ArrayNode messageList = status.putArray("messages");
        messages.forEach(messageList::add);
        ObjectNode meta = entry.putObject("meta");
        outputs.fieldNames().forEachRemaining(id -> meta.putObject(id).put("node_id", id).put("display_node", id)
                .putNull("parent_node").put("real_node_id", id));
        synchronized (lock) {
            if (startedIn != generation) {
                return;
            }
            if (!interruptRequested || error != null) {
                history.put(prompt.id, entry);
                if (error == null && cachedOutputs == null) {
                    cache.put(key, outputs.deepCopy());
                }
            }
        }
        runningNow = null;
        broadcastStatus();
        toClient(prompt, "executing", NODES.objectNode().putNull("node").put("prompt_id", prompt.id));
    }

    private void awaitStep() throws InterruptedException {
        if (held) {
            gate.acquire();
        }
    }

    private void preview(Queued prompt) {
        Session session = prompt.clientId == null ? null : sessions.get(prompt.clientId);
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9};
        if (session != null && session.previewMetadata) {
            byte[] meta = NODES.objectNode().put("node_id", prompt.currentNode).put("prompt_id", prompt.id)
                    .put("image_type", "image/jpeg").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ByteBuffer frame = ByteBuffer.allocate(8 + meta.length + jpeg.length).putInt(4).putInt(meta.length)
                    .put(meta).put(jpeg);
            session.send(ByteString.of(frame.array()));
        } else {
            ByteBuffer frame = ByteBuffer.allocate(8 + jpeg.length).putInt(1).putInt(1).put(jpeg);
            sessions.values().forEach(s -> s.send(ByteString.of(frame.array())));
        }
    }

    private ObjectNode save(Queued prompt, String nodeId, boolean temp) {
        JsonNode inputs = prompt.graph.get(nodeId).path("inputs");
        String prefix = temp ? "ComfyUI_temp_fake" : inputs.path("filename_prefix").asText("ComfyUI");
        String subfolder = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "";
        String name = prefix.contains("/") ? prefix.substring(prefix.lastIndexOf('/') + 1) : prefix;
        int width = 64;
        int height = 64;
        int batch = 1;
        for (JsonNode node : prompt.graph) {
            if (node.path("class_type").asText().equals("EmptyLatentImage")) {
                width = Math.min(node.path("inputs").path("width").asInt(512), 2048);
                height = Math.min(node.path("inputs").path("height").asInt(512), 2048);
                batch = Math.min(node.path("inputs").path("batch_size").asInt(1), 8);
            }
        }
        Map<String, String> texts = new LinkedHashMap<>();
        try {
            texts.put("prompt", JSON.writeValueAsString(prompt.graph));
            JsonNode extra = prompt.extraData.path("extra_pnginfo");
            for (var e : extra.properties()) {
                texts.put(e.getKey(), JSON.writeValueAsString(e.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArrayNode images = NODES.arrayNode();
        String type = temp ? "temp" : "output";
        for (int i = 0; i < batch; i++) {
            int n;
            synchronized (lock) {
                n = counters.computeIfAbsent(type + "/" + prefix, k -> new AtomicInteger()).incrementAndGet();
            }
            String filename = String.format("%s_%05d_.png", name, n);
            files.put(type + "/" + subfolder + "/" + filename, Pngs.write(width, height, texts));
            images.addObject().put("filename", filename).put("subfolder", subfolder).put("type", type);
        }
        ObjectNode output = NODES.objectNode();
        output.set("images", images);
        return output;
    }

    private static String graphText(JsonNode graph) {
        StringBuilder texts = new StringBuilder();
        graph.forEach(node -> {
            if (node.path("class_type").asText().equals("CLIPTextEncode")) {
                texts.append(node.path("inputs").path("text").asText()).append('\n');
            }
        });
        return texts.toString();
    }

    /** Loaders and encoders first, the sampler, then decoders and outputs: good enough for the catalog's graphs. */
    private static List<String> order(ObjectNode graph) {
        List<String> order = new ArrayList<>();
        for (String rank : List.of("CheckpointLoaderSimple", "CLIPTextEncode", "EmptyLatentImage", "KSampler",
                "VAEDecode", "SaveImage", "PreviewImage")) {
            graph.properties().forEach(e -> {
                if (e.getValue().path("class_type").asText().equals(rank)) {
                    order.add(e.getKey());
                }
            });
        }
        return order;
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static final class Queued {
        final double number;
        final String id;
        final ObjectNode graph;
        final ObjectNode extraData;
        final List<String> outputs;
        final String clientId;
        volatile String currentNode;

        Queued(double number, String id, ObjectNode graph, ObjectNode extraData, List<String> outputs,
                String clientId) {
            this.number = number;
            this.id = id;
            this.graph = graph;
            this.extraData = extraData;
            this.outputs = outputs;
            this.clientId = clientId;
        }

        ArrayNode item() {
            ArrayNode item = NODES.arrayNode().add(number).add(id);
            item.add(graph);
            item.add(extraData);
            ArrayNode out = item.addArray();
            outputs.forEach(out::add);
            return item;
        }
    }

    /** A minimal valid text-to-image graph (SDXL base, 20 steps) whose positive prompt is {@code text}. */
    public static ObjectNode textToImage(String text, long seed) {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd_xl_base_1.0.safetensors"}},
                     "6": {"class_type": "CLIPTextEncode", "inputs": {"text": %s, "clip": ["4", 1]}},
                     "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry", "clip": ["4", 1]}},
                     "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 64, "height": 64, "batch_size": 1}},
                     "3": {"class_type": "KSampler", "inputs": {"seed": %d, "steps": 20, "cfg": 7.0,
                           "sampler_name": "euler", "scheduler": "normal", "denoise": 1.0, "model": ["4", 0],
                           "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
                     "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
                     "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "hydra/test", "images": ["8", 0]}}}
                    """.formatted(JSON.writeValueAsString(text), seed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
