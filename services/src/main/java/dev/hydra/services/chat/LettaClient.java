package dev.hydra.services.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.transport.http.HttpClients;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChatClient} over OkHttp and okhttp-sse, following shared/specs/letta-rest-api.md: trailing slashes on
 * collection routes, the v1.0-SDK header (so {@code streaming:true} is accepted and listings load only what
 * {@code include} asks for), the several error envelopes, {@code [DONE]} or bare EOF as the end of a stream.
 */
public final class LettaClient implements ChatClient {

    /** Marks us as a v1.0 SDK client (letta.utils.is_1_0_sdk_version): the streaming gate lets us through. */
    static final String SDK_VERSION_HEADER = "X-Stainless-Package-Version";
    static final String STREAMING_GATE = "only supported for SDK v1.0";
    private static final Logger LOG = LoggerFactory.getLogger(LettaClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final List<String> AGENT_INCLUDES = List.of("agent.blocks", "agent.tags");

    private final LettaEndpoint endpoint;
    private final TokenSource tokens;
    private final OkHttpClient http;
    private final OkHttpClient streams;

    public LettaClient(LettaEndpoint endpoint, TokenSource tokens) {
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.http = HttpClients.withTimeouts(endpoint.requestTimeout(), endpoint.requestTimeout());
        this.streams = HttpClients.withTimeouts(endpoint.streamIdleTimeout(), Duration.ZERO);
    }

    public LettaEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public ServerHealth health() {
        JsonNode json = call(get("health/"));
        return new ServerHealth(LettaWire.text(json, "version"), LettaWire.text(json, "status"));
    }

    @Override
    public List<Agent> agents(int limit) {
        HttpUrl.Builder url = url("agents/").addQueryParameter("limit", String.valueOf(limit));
        AGENT_INCLUDES.forEach(include -> url.addQueryParameter("include", include));
        return list(call(request(url.build()).build()), LettaWire::agent);
    }

    @Override
    public Agent agent(String agentId) {
        HttpUrl.Builder url = url("agents/" + agentId);
        AGENT_INCLUDES.forEach(include -> url.addQueryParameter("include", include));
        return LettaWire.agent(call(request(url.build()).build()));
    }

    @Override
    public Agent findAgent(String nameOrId) {
        if (nameOrId.startsWith("agent-")) {
            return agent(nameOrId);
        }
        HttpUrl.Builder url = url("agents/").addQueryParameter("name", nameOrId).addQueryParameter("limit", "2");
        AGENT_INCLUDES.forEach(include -> url.addQueryParameter("include", include));
        List<Agent> found = list(call(request(url.build()).build()), LettaWire::agent).stream()
                .filter(agent -> nameOrId.equals(agent.name())).toList();
        if (found.isEmpty()) {
            String known = agents(50).stream().map(Agent::name).collect(Collectors.joining(", "));
            throw new ChatException(ChatException.Kind.NOT_FOUND, 404, "No agent named '" + nameOrId + "' on "
                    + endpoint.url() + (known.isEmpty() ? "; the server has no agents" : "; agents there: " + known));
        }
        return found.getFirst();
    }

    @Override
    public List<LettaMessage> history(String agentId, HistoryQuery query) {
        HttpUrl.Builder url = url("agents/" + agentId + "/messages")
                .addQueryParameter("limit", String.valueOf(query.limit()))
                .addQueryParameter("order", query.newestFirst() ? "desc" : "asc");
        if (query.before() != null) {
            url.addQueryParameter("before", query.before());
        }
        if (query.after() != null) {
            url.addQueryParameter("after", query.after());
        }
        List<LettaMessage> messages = new ArrayList<>();
        for (JsonNode item : call(request(url.build()).build())) {
            if (LettaWire.event(item) instanceof LettaMessage message) {
                messages.add(message);
            }
        }
        return messages;
    }

    @Override
    public Turn send(String agentId, Outgoing message) {
        return turnOf(call(post("agents/" + agentId + "/messages", body(message))));
    }

    @Override
    public ActiveStream stream(String agentId, Outgoing message, boolean tokens, StreamListener listener) {
        ObjectNode body = body(message);
        body.put("streaming", true);
        body.put("stream_tokens", tokens);
        body.put("include_pings", true);
        SseStream stream = new SseStream(agentId, body, listener);
        Thread.ofVirtual().name("letta-stream-" + agentId).start(stream::run);
        return stream;
    }

    @Override
    public Map<String, String> cancel(String agentId, List<String> runIds) {
        ObjectNode body = Json.mapper().createObjectNode();
        if (runIds != null && !runIds.isEmpty()) {
            ArrayNode ids = body.putArray("run_ids");
            runIds.forEach(ids::add);
        }
        Map<String, String> result = new LinkedHashMap<>();
        call(post("agents/" + agentId + "/messages/cancel", body)).properties()
                .forEach(entry -> result.put(entry.getKey(), entry.getValue().asText()));
        return result;
    }

    @Override
    public Run run(String runId) {
        return LettaWire.run(call(get("runs/" + runId)));
    }

    @Override
    public List<MemoryBlock> blocks(String agentId) {
        return list(call(get("agents/" + agentId + "/core-memory/blocks")), LettaWire::block);
    }

    @Override
    public MemoryBlock block(String agentId, String label) {
        return LettaWire.block(call(get("agents/" + agentId + "/core-memory/blocks/" + label)));
    }

    @Override
    public MemoryBlock updateBlock(String agentId, String label, String value) {
        ObjectNode body = Json.mapper().createObjectNode().put("value", value);
        Request request = request(url("agents/" + agentId + "/core-memory/blocks/" + label).build())
                .patch(RequestBody.create(body.toString(), JSON)).build();
        return LettaWire.block(call(request));
    }

    @Override
    public List<Passage> passages(String agentId, int limit) {
        HttpUrl url = url("agents/" + agentId + "/archival-memory").addQueryParameter("limit", String.valueOf(limit))
                .build();
        return list(call(request(url).build()), LettaWire::passage);
    }

    @Override
    public List<Passage> searchPassages(String agentId, String query, int topK) {
        HttpUrl url = url("agents/" + agentId + "/archival-memory/search").addQueryParameter("query", query)
                .addQueryParameter("top_k", String.valueOf(topK)).build();
        return list(call(request(url).build()).path("results"), LettaWire::passage);
    }

    @Override
    public List<Passage> insertPassage(String agentId, String text, List<String> tags) {
        ObjectNode body = Json.mapper().createObjectNode().put("text", text);
        ArrayNode tagArray = body.putArray("tags");
        tags.forEach(tagArray::add);
        return list(call(post("agents/" + agentId + "/archival-memory", body)), LettaWire::passage);
    }

    @Override
    public void deletePassage(String agentId, String passageId) {
        call(request(url("agents/" + agentId + "/archival-memory/" + passageId).build()).delete().build());
    }

    @Override
    public Turn reply(String nameOrId, String text) {
        Agent agent = findAgent(nameOrId);
        TurnAssembler assembler = new TurnAssembler();
        AtomicReference<StreamEnd> ended = new AtomicReference<>();
        try (ActiveStream stream = stream(agent.id(), Outgoing.text(text), false, new StreamListener() {
            @Override
            public void onEvent(StreamEvent event) {
                assembler.accept(event);
            }

            @Override
            public void onEnd(StreamEnd end) {
                ended.set(end);
            }
        })) {
            StreamEnd end = stream.awaitEnd(endpoint.requestTimeout().multipliedBy(10)).orElseThrow(() ->
                    new ChatException(ChatException.Kind.SERVER_ERROR, 0, "No reply from agent '" + nameOrId
                            + "' within " + endpoint.requestTimeout().multipliedBy(10).toSeconds() + " s"));
            if (end.failure() != null) {
                throw end.failure();
            }
            if (!end.complete() || end.error() != null || !(end.stopReason().completed()
                    || end.stopReason().cancelled())) {
                throw new ChatException(ChatException.Kind.SERVER_ERROR, 0, "Agent '" + nameOrId + "' did not finish "
                        + "its reply: " + end.problem());
            }
            return assembler.turn();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(ChatException.Kind.UNREACHABLE, 0, "Interrupted while waiting for the reply", e);
        }
    }

    // ---- requests

    private HttpUrl.Builder url(String path) {
        HttpUrl base = HttpUrl.parse(endpoint.url() + "/v1/");
        if (base == null) {
            throw new ChatException(ChatException.Kind.NOT_CONFIGURED, 0, "Not a URL: " + endpoint.url());
        }
        return base.newBuilder().addEncodedPathSegments(path);
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder builder = new Request.Builder().url(url)
                .header("Accept", "application/json")
                .header("User-Agent", "hydra-control")
                .header(SDK_VERSION_HEADER, "1.0.0");
        tokens.token().filter(token -> !token.isBlank())
                .ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        if (endpoint.projectId() != null) {
            builder.header("X-Project-Id", endpoint.projectId());
        }
        return builder;
    }

    private Request get(String path) {
        return request(url(path).build()).build();
    }

    private Request post(String path, JsonNode body) {
        return request(url(path).build()).post(RequestBody.create(body.toString(), JSON)).build();
    }

    private static ObjectNode body(Outgoing message) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode item = body.putArray("messages").addObject();
        switch (message) {
            case Outgoing.Text text -> item.put("type", "message").put("role", "user").put("content", text.text())
                    .put("otid", text.otid());
            case Outgoing.ApprovalAnswer answer -> {
                item.put("type", "approval");
                ObjectNode approval = item.putArray("approvals").addObject();
                approval.put("type", "approval").put("tool_call_id", answer.toolCallId())
                        .put("approve", answer.approve());
                if (answer.reason() != null && !answer.reason().isBlank()) {
                    approval.put("reason", answer.reason());
                }
            }
        }
        return body;
    }

    private JsonNode call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw failure(response.code(), body, request);
            }
            return body.isBlank() ? Json.mapper().nullNode() : Json.mapper().readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ChatException(ChatException.Kind.PROTOCOL, 200, "Letta at " + endpoint.url() + " answered "
                    + request.url().encodedPath() + " with something that is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    ChatException failure(int status, String body, Request request) {
        String message = LettaWire.errorMessage(body);
        String what = request.method() + " " + request.url().encodedPath();
        LOG.debug("Letta {} answered {}: {}", what, status, message);
        ChatException.Kind kind = switch (status) {
            case 401, 403 -> ChatException.Kind.UNAUTHORIZED;
            case 404 -> ChatException.Kind.NOT_FOUND;
            case 409 -> ChatException.Kind.CONFLICT;
            case 400, 405, 422 -> ChatException.Kind.REJECTED;
            default -> ChatException.Kind.SERVER_ERROR;
        };
        String text = kind == ChatException.Kind.UNAUTHORIZED
                ? "Letta at " + endpoint.url() + " refused the request (" + status + " " + (message == null
                        ? "Unauthorized" : message) + "): " + (tokens.token().isPresent()
                        ? "the token is wrong" : "it needs a token (LETTA_API_KEY or the OS keyring)")
                : (message == null ? "HTTP " + status : message) + " (" + status + " from " + what + ")";
        return new ChatException(kind, status, text);
    }

    ChatException unreachable(IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ChatException(ChatException.Kind.UNREACHABLE, 0, "Cannot reach Letta at " + endpoint.url() + ": "
                + reason, e);
    }

    private static <T> List<T> list(JsonNode array, java.util.function.Function<JsonNode, T> read) {
        List<T> items = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> items.add(read.apply(item)));
        }
        return items;
    }

    private static Turn turnOf(JsonNode response) {
        TurnAssembler assembler = new TurnAssembler();
        response.path("messages").forEach(item -> assembler.accept(LettaWire.event(item)));
        if (response.has("stop_reason") && response.get("stop_reason").isObject()) {
            assembler.accept(LettaWire.event(response.get("stop_reason")));
        }
        if (response.has("usage") && response.get("usage").isObject()) {
            assembler.accept(LettaWire.event(response.get("usage")));
        }
        return assembler.turn();
    }

    /** One streamed turn on its own virtual thread. */
    private final class SseStream implements ActiveStream {

        private final String agentId;
        private final ObjectNode body;
        private final StreamListener listener;
        private final CountDownLatch ended = new CountDownLatch(1);
        private final AtomicReference<StreamEnd> end = new AtomicReference<>();
        private final AtomicReference<String> runId = new AtomicReference<>();
        private volatile Call call;
        private volatile boolean closed;
        private StreamEvent.StopReason stopReason;
        private StreamEvent.Error error;
        private boolean sawDone;

        SseStream(String agentId, ObjectNode body, StreamListener listener) {
            this.agentId = agentId;
            this.body = body;
            this.listener = listener;
        }

        void run() {
            ChatException failure = null;
            try {
                Response response = open("agents/" + agentId + "/messages", body);
                if (response.code() == 422) {
                    String text = response.body().string();
                    response.close();
                    if (!text.contains(STREAMING_GATE)) {
                        throw failure(422, text, response.request());
                    }
                    LOG.info("Letta at {} treats us as a legacy client; streaming through /messages/stream",
                            endpoint.url());
                    ObjectNode legacy = body.deepCopy();
                    legacy.remove("streaming");
                    response = open("agents/" + agentId + "/messages/stream", legacy);
                }
                try (Response open = response) {
                    read(open);
                }
            } catch (ChatException e) {
                failure = e;
            } catch (IOException e) {
                if (!closed) {
                    failure = stopReason == null ? unreachable(e) : null;
                }
            } catch (RuntimeException e) {
                failure = new ChatException(ChatException.Kind.PROTOCOL, 0, "Cannot read the stream from Letta at "
                        + endpoint.url() + ": " + e.getMessage(), e);
            }
            finish(new StreamEnd(stopReason, error, failure, sawDone, closed));
        }

        private Response open(String path, ObjectNode requestBody) throws IOException {
            Request request = request(url(path).build()).header("Accept", "text/event-stream")
                    .post(RequestBody.create(requestBody.toString(), JSON)).build();
            call = streams.newCall(request);
            if (closed) {
                call.cancel();
            }
            Response response = call.execute();
            if (!response.isSuccessful() && response.code() != 422) {
                try (response) {
                    throw failure(response.code(), response.body().string(), request);
                }
            }
            return response;
        }

        private void read(Response response) throws IOException {
            MediaType type = response.body().contentType();
            if (type != null && "json".equals(type.subtype())) {
                // A server that ignored "streaming" answered the whole turn at once.
                Turn turn = turnOf(Json.mapper().readTree(response.body().string()));
                turn.messages().forEach(this::deliver);
                if (turn.stopReason() != null) {
                    deliver(turn.stopReason());
                }
                return;
            }
            AtomicReference<Throwable> broken = new AtomicReference<>();
            okhttp3.sse.EventSources.processResponse(response, new okhttp3.sse.EventSourceListener() {
                @Override
                public void onEvent(okhttp3.sse.EventSource source, String id, String eventType, String data) {
                    onData(eventType, data);
                }

                @Override
                public void onFailure(okhttp3.sse.EventSource source, Throwable t, Response failed) {
                    broken.set(t != null ? t : new IOException("the stream could not be read"));
                }
            });
            if (broken.get() instanceof IOException io) {
                throw io;
            }
            if (broken.get() != null) {
                throw new ChatException(ChatException.Kind.PROTOCOL, response.code(), "Letta at " + endpoint.url()
                        + " did not answer with a stream: " + broken.get().getMessage(), broken.get());
            }
        }

        private void onData(String eventType, String data) {
            if ("[DONE]".equals(data.strip())) {
                sawDone = true;
                return;
            }
            JsonNode json;
            try {
                json = Json.mapper().readTree(data);
            } catch (IOException e) {
                LOG.warn("Skipping an unreadable stream event from Letta: {}", e.getMessage());
                return;
            }
            if ("cancelled".equals(eventType)) {
                deliver(new StreamEvent.StopReason("cancelled"));
            } else if ("error".equals(eventType)) {
                deliver(LettaWire.error(json));
            } else {
                deliver(LettaWire.event(json));
            }
        }

        private void deliver(StreamEvent event) {
            switch (event) {
                case StreamEvent.StopReason reason -> stopReason = reason;
                case StreamEvent.Error failed -> error = failed;
                case StreamEvent.Ping ping -> rememberRun(ping.runId());
                case LettaMessage message -> rememberRun(message.meta().runId());
                case StreamEvent.Usage usage -> {
                }
            }
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("A chat stream listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }

        private void rememberRun(String id) {
            if (id != null) {
                runId.compareAndSet(null, id);
            }
        }

        private void finish(StreamEnd streamEnd) {
            end.set(streamEnd);
            try {
                listener.onEnd(streamEnd);
            } catch (RuntimeException e) {
                LOG.error("A chat stream listener failed at the end of the stream", e);
            } finally {
                ended.countDown();
            }
        }

        @Override
        public Optional<String> runId() {
            return Optional.ofNullable(runId.get());
        }

        @Override
        public Optional<StreamEnd> awaitEnd(Duration timeout) throws InterruptedException {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(end.get()) : Optional.empty();
        }

        @Override
        public void close() {
            closed = true;
            Call current = call;
            if (current != null && ended.getCount() > 0) {
                current.cancel();
            }
        }
    }
}
