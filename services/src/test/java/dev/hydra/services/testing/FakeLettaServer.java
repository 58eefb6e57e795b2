package dev.hydra.services.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hydra.services.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process Letta server (REST 0.15–0.16) for tests, built from the "Minimal fake server contract" of
 * shared/specs/letta-rest-api.md: trailing-slash routes with 307s, optional password auth, id validation, the
 * v1.0-SDK gate, scripted agent turns streamed as SSE (whole or token fragments, pings, [DONE]), errors before
 * and inside the stream, dropped connections, cancellation, approvals, history with the 0.16.8 chronological
 * quirk, core and archival memory, runs; plus request recording and failure injection.
 */
public final class FakeLettaServer implements AutoCloseable {

    /** What differs between server versions. */
    public enum Profile {
        /** Initial ping with the run id, 20 s keepalive, block limit not checked on PATCH. */
        V0_16_8,
        /** No initial ping, 50 s keepalive, PATCH with value longer than limit → 422. */
        V0_15_1
    }

    /** One request as the fake received it. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final DateTimeFormatter MESSAGE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
            .withZone(ZoneOffset.UTC);
    private static final String UUID4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final Pattern AGENT_ROUTE = Pattern.compile("/v1/agents/([^/]+)(/.*)?");

    private final HttpServer server;
    private final Profile profile;
    private final Map<String, FakeLettaAgent> agents = new LinkedHashMap<>();
    private final Map<String, ObjectNode> runs = new ConcurrentHashMap<>();
    private final Map<String, FakeTurn> activeTurns = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Injected> failures = new CopyOnWriteArrayList<>();
    private volatile String password;
    private volatile Duration keepalive;

    private record Injected(String method, String pathPrefix, int status, String body) {
    }

    private FakeLettaServer(Profile profile) throws IOException {
        this.profile = profile;
        this.keepalive = profile == Profile.V0_16_8 ? Duration.ofSeconds(20) : Duration.ofSeconds(50);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeLettaServer start() {
        return start(Profile.V0_16_8);
    }

    public static FakeLettaServer start(Profile profile) {
        try {
            return new FakeLettaServer(profile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Letta server", e);
        }
    }

    /** http://127.0.0.1:PORT */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Password mode (letta server --secure): every request but health needs it. */
    public FakeLettaServer requirePassword(String secret) {
        password = secret;
        return this;
    }

    /** How long a silent stream waits before a keepalive ping (short in tests). */
    public FakeLettaServer keepaliveEvery(Duration interval) {
        keepalive = interval;
        return this;
    }

    public synchronized FakeLettaAgent addAgent(String name, String model, String... tags) {
        FakeLettaAgent agent = new FakeLettaAgent(name, model, List.of(tags));
        agents.put(agent.id, agent);
        return agent;
    }

    /** The next request whose path starts with {@code pathPrefix} gets this answer instead. */
    public FakeLettaServer failNext(String method, String pathPrefix, int status, String body) {
        failures.add(new Injected(method, pathPrefix, status, body));
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    public ObjectNode runState(String runId) {
        return runs.get(runId);
    }

    @Override
    public void close() {
        activeTurns.values().forEach(turn -> turn.cancelled.countDown());
        server.stop(0);
    }

    // ---- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            requests.add(new Recorded(method, path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            for (Injected failure : failures) {
                if (failure.method().equals(method) && path.startsWith(failure.pathPrefix()) && failures.remove(failure)) {
                    if (failure.status() == 307) {
                        exchange.getResponseHeaders().add("Location", exchange.getRequestURI().toString());
                    }
                    json(exchange, failure.status(), failure.body());
                    return;
                }
            }
            if (path.equals("/v1/health") || path.equals("/v1/agents")) {
                String query = exchange.getRequestURI().getRawQuery();
                exchange.getResponseHeaders().add("Location", path + "/" + (query == null ? "" : "?" + query));
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            if (path.equals("/v1/health/")) {
                json(exchange, 200, "{\"version\":\"" + (profile == Profile.V0_16_8 ? "0.16.8" : "0.15.1")
                        + "\",\"status\":\"ok\"}");
                return;
            }
            if (!authorized(exchange)) {
                json(exchange, 401, "{\"detail\":\"Unauthorized\"}");
                return;
            }
            route(exchange, method, path, body);
        } catch (RuntimeException e) {
            json(exchange, 500, "{\"detail\":\"An unknown error occurred\"}");
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String secret = password;
        if (secret == null) {
            return true;
        }
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        String bare = exchange.getRequestHeaders().getFirst("X-BARE-PASSWORD");
        return ("Bearer " + secret).equals(bearer) || ("password " + secret).equals(bare);
    }

    private void route(HttpExchange exchange, String method, String path, String body) throws IOException {
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        if (path.equals("/v1/agents/") && method.equals("GET")) {
            listAgents(exchange, query);
            return;
        }
        Matcher runRoute = Pattern.compile("/v1/runs/([^/]+)").matcher(path);
        if (runRoute.matches() && method.equals("GET")) {
            ObjectNode run = runs.get(runRoute.group(1));
            respond(exchange, run == null ? 404 : 200, run == null ? detail("Run " + runRoute.group(1) + " not found") : run);
            return;
        }
        Matcher agentRoute = AGENT_ROUTE.matcher(path);
        if (!agentRoute.matches()) {
            json(exchange, 404, "{\"detail\":\"Not Found\"}");
            return;
        }
        String agentId = agentRoute.group(1);
        if (!agentId.matches("agent-" + UUID4)) {
            ObjectNode invalid = Json.mapper().createObjectNode().put("trace_id", "").put("detail",
                    "[{'type': 'string_pattern_mismatch', 'loc': ('path', 'agent_id'), 'msg': \"String should match "
                            + "pattern 'agent-{uuid4}'\", 'input': '" + agentId + "'}]");
            invalid.putArray("examples").add("agent-123e4567-e89b-42d3-8456-426614174000");
            respond(exchange, 422, invalid);
            return;
        }
        FakeLettaAgent agent;
        synchronized (this) {
            agent = agents.get(agentId);
        }
        String rest = agentRoute.group(2) == null ? "" : agentRoute.group(2);
        if (agent == null) {
            respond(exchange, 404, detail(rest.isEmpty() ? "Agent with ID " + agentId + " not found" : "Agent not found"));
            return;
        }
        FakeLettaRoutes routes = new FakeLettaRoutes(agent, exchange, query);
        switch (method + " " + rest) {
            case "GET " -> respond(exchange, 200, agent.state(wantsRelationships(exchange, query)));
            case "GET /messages" -> routes.history();
            case "POST /messages" -> send(exchange, agent, body, false);
            case "POST /messages/stream" -> send(exchange, agent, body, true);
            case "POST /messages/cancel" -> cancel(exchange, agent, body);
            case "GET /core-memory/blocks" -> routes.blocks();
            case "GET /archival-memory" -> routes.passages();
            case "POST /archival-memory" -> routes.insertPassage(body);
            case "GET /archival-memory/search" -> routes.search();
            default -> {
                if (rest.startsWith("/core-memory/blocks/")) {
                    routes.block(method, URLDecoder.decode(rest.substring("/core-memory/blocks/".length()),
                            StandardCharsets.UTF_8), body, profile == Profile.V0_15_1);
                } else if (rest.startsWith("/archival-memory/") && method.equals("DELETE")) {
                    routes.deletePassage(rest.substring("/archival-memory/".length()));
                } else if (rest.startsWith("/messages/") && method.equals("PATCH")) {
                    respond(exchange, 405, detail("Message editing is deprecated"));
                } else {
                    json(exchange, 404, "{\"detail\":\"Not Found\"}");
                }
            }
        }
    }

    private void listAgents(HttpExchange exchange, Map<String, List<String>> query) throws IOException {
        boolean withRelationships = wantsRelationships(exchange, query);
        List<FakeLettaAgent> all;
        synchronized (this) {
            all = new ArrayList<>(agents.values());
        }
        Collections.reverse(all);
        if ("asc".equals(first(query, "order"))) {
            Collections.reverse(all);
        }
        String name = first(query, "name");
        List<String> tags = query.getOrDefault("tags", List.of());
        boolean matchAll = "true".equals(first(query, "match_all_tags"));
        List<FakeLettaAgent> selected = all.stream().filter(a -> name == null || a.name.equals(name))
                .filter(a -> tags.isEmpty() || (matchAll ? a.tags.containsAll(tags) : tags.stream().anyMatch(a.tags::contains)))
                .toList();
        selected = FakeLettaRoutes.page(selected, a -> a.id, first(query, "after"), first(query, "before"));
        int limit = Integer.parseInt(first(query, "limit") == null ? "50" : first(query, "limit"));
        ArrayNode array = Json.mapper().createArrayNode();
        selected.stream().limit(limit).forEach(a -> array.add(a.state(withRelationships)));
        respond(exchange, 200, array);
    }

    /** Legacy clients get every relationship; v1.0 clients only what include= asks for. */
    private static boolean wantsRelationships(HttpExchange exchange, Map<String, List<String>> query) {
        return !isV1Client(exchange) || query.containsKey("include");
    }

    static boolean isV1Client(HttpExchange exchange) {
        String agent = exchange.getRequestHeaders().getFirst("User-Agent");
        return exchange.getRequestHeaders().containsKey("X-Stainless-Package-Version") || agent == null
                || agent.startsWith("letta-client/1.") || agent.startsWith("@letta-ai/letta-client/1.");
    }

    private void send(HttpExchange exchange, FakeLettaAgent agent, String body, boolean streamRoute) throws IOException {
        JsonNode request = Json.mapper().readTree(body.isBlank() ? "{}" : body);
        boolean streaming = streamRoute || request.path("streaming").asBoolean(false);
        if (request.has("messages") == request.has("input")) {
            respond(exchange, 422, Json.mapper().createObjectNode().put("trace_id", "t-1").put("detail",
                    "[{'type': 'value_error', 'msg': 'Value error, Either messages or input must be provided, not both'}]"));
            return;
        }
        if (request.has("messages") && request.get("messages").isEmpty()) {
            respond(exchange, 422, detail("Messages must not be empty"));
            return;
        }
        if (!streaming && (request.has("stream_tokens") || request.has("background")
                || request.path("include_pings").isBoolean() && !request.get("include_pings").asBoolean())) {
            respond(exchange, 422, detail("Streaming options set without streaming enabled. Set streaming=true."));
            return;
        }
        if (!streamRoute && streaming && !isV1Client(exchange)) {
            respond(exchange, 422, detail("streaming=true is only supported for SDK v1.0+ clients."));
            return;
        }
        JsonNode message = request.has("input") ? Json.mapper().createObjectNode().put("content", request.get("input").asText())
                : request.get("messages").get(0);
        boolean isApproval = "approval".equals(message.path("type").asText());
        if (!isApproval && agent.pendingApprovalCallId != null) {
            ObjectNode conflict = Json.mapper().createObjectNode();
            conflict.putObject("detail").put("code", "PENDING_APPROVAL")
                    .put("message", "Cannot send a new message: the agent is waiting for approval of a tool call")
                    .put("pending_request_id", agent.pendingApprovalCallId);
            respond(exchange, 409, conflict);
            return;
        }
        ScriptedTurn script = agent.nextScript();
        if (script == null) {
            script = ScriptedTurn.turn().says("You said: " + message.path("content").asText());
        }
        if (script.failStatus != 0) {
            json(exchange, script.failStatus, script.failBody);
            return;
        }
        String approvalResult = null;
        boolean denied = false;
        synchronized (agent) {
            if (isApproval) {
                JsonNode answer = message.path("approvals").path(0);
                denied = !answer.path("approve").asBoolean(false);
                ObjectNode stored = FakeLettaAgent.message("approval_response_message", "message-" + java.util.UUID.randomUUID(),
                        null, null);
                stored.putArray("approvals").add(answer.deepCopy());
                agent.history.add(stored);
                approvalResult = denied ? "Request to call tool denied by user: " + answer.path("reason").asText("")
                        : "Approved and done.";
            } else {
                String otid = message.hasNonNull("otid") ? message.get("otid").asText() : java.util.UUID.randomUUID().toString();
                agent.history.add(agent.userMessage(message.path("content").asText(), otid));
            }
        }
        boolean tokens = request.path("stream_tokens").asBoolean(false);
        boolean pings = request.path("include_pings").asBoolean(true);
        if (streaming) {
            stream(exchange, agent, script, tokens, pings, approvalResult, denied);
        } else {
            reply(exchange, agent, script, approvalResult, denied);
        }
    }

    private void stream(HttpExchange exchange, FakeLettaAgent agent, ScriptedTurn script, boolean tokens, boolean pings,
            String approvalResult, boolean denied) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        FakeTurn.Sink sink = new FakeTurn.Sink() {
            @Override
            public void data(String json) throws IOException {
                write("data: " + json + "\n\n");
            }

            @Override
            public void event(String name, String json) throws IOException {
                write("event: " + name + "\ndata: " + json + "\n\n");
            }

            @Override
            public void done() throws IOException {
                write("data: [DONE]\n\n");
            }

            @Override
            public void drop() {
                exchange.close();
            }

            private void write(String text) throws IOException {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        };
        play(agent, new FakeTurn(agent, script, tokens, keepalive, sink), pings && profile == Profile.V0_16_8,
                approvalResult, denied);
    }

    private void reply(HttpExchange exchange, FakeLettaAgent agent, ScriptedTurn script, String approvalResult,
            boolean denied) throws IOException {
        List<String> events = new ArrayList<>();
        FakeTurn.Sink sink = new FakeTurn.Sink() {
            @Override
            public void data(String json) {
                events.add(json);
            }

            @Override
            public void event(String name, String json) {
                events.add(json);
            }

            @Override
            public void done() {
            }

            @Override
            public void drop() {
            }
        };
        script.pace = Duration.ZERO;
        String stop = play(agent, new FakeTurn(agent, script, false, keepalive, sink), false, approvalResult, denied);
        if (script.midStreamErrorType != null) {
            ObjectNode error = Json.mapper().createObjectNode();
            error.putObject("error").put("type", script.midStreamErrorType).put("message", script.midStreamErrorMessage)
                    .put("detail", "upstream said no");
            respond(exchange, 500, error);
            return;
        }
        ObjectNode response = Json.mapper().createObjectNode();
        ArrayNode messages = response.putArray("messages");
        ObjectNode usage = null;
        for (ObjectNode event : FakeTurn.parse(events)) {
            switch (event.path("message_type").asText()) {
                case "stop_reason", "ping" -> {
                }
                case "usage_statistics" -> usage = event;
                default -> messages.add(event);
            }
        }
        response.putObject("stop_reason").put("message_type", "stop_reason").put("stop_reason", stop);
        response.set("usage", usage);
        response.putNull("logprobs");
        response.putNull("turns");
        respond(exchange, 200, response);
    }

    private String play(FakeLettaAgent agent, FakeTurn turn, boolean initialPing, String approvalResult, boolean denied)
            throws IOException {
        ObjectNode run = Json.mapper().createObjectNode().put("id", turn.runId).put("agent_id", agent.id)
                .put("status", "running").putNull("stop_reason").put("created_at", MESSAGE_TIME.format(Instant.now()))
                .putNull("completed_at").put("background", false);
        runs.put(turn.runId, run);
        activeTurns.put(agent.id, turn);
        String stop = "error";
        try {
            stop = turn.play(initialPing, approvalResult, denied);
            return stop;
        } finally {
            activeTurns.remove(agent.id, turn);
            run.put("status", switch (stop) {
                case "end_turn", "requires_approval", "max_steps" -> "completed";
                case "cancelled" -> "cancelled";
                default -> "failed";
            }).put("stop_reason", stop).put("completed_at", MESSAGE_TIME.format(Instant.now()));
        }
    }

    private void cancel(HttpExchange exchange, FakeLettaAgent agent, String body) throws IOException {
        FakeTurn turn = activeTurns.get(agent.id);
        if (turn == null) {
            respond(exchange, 409, detail("CONFLICT: No active runs to cancel for agent " + agent.id));
            return;
        }
        turn.cancelled.countDown();
        respond(exchange, 200, Json.mapper().createObjectNode().put(turn.runId, "cancelled"));
    }

    // ---- helpers shared with FakeLettaRoutes

    static ObjectNode detail(String text) {
        return Json.mapper().createObjectNode().put("detail", text);
    }

    static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        json(exchange, status, body.toString());
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    static String first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }
}
