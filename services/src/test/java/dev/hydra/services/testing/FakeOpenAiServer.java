package dev.hydra.services.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An in-process OpenAI-compatible server (as LiteLLM, Ollama and TabbyAPI answer): {@code GET /v1/models} and
 * {@code POST /v1/chat/completions}, streamed as server-sent events the way they really arrive: a first chunk with
 * only the role, content deltas word by word, a chunk with {@code finish_reason}, a usage chunk with empty
 * {@code choices}, keep-alive comments, then {@code data: [DONE]}. Failure modes: an unknown model (404
 * {@code model_not_found}), the next N requests failing with a status (e.g. 503), a stream that breaks off, and an
 * {@code error} object mid-stream. The answer echoes the last user message, so tests can tell answers apart.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MockWebServer server = new MockWebServer();
    private final Set<String> models;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile boolean breakStream;
    private volatile boolean errorMidStream;
    private volatile long tokenDelayMillis;

    private FakeOpenAiServer(Set<String> models) {
        this.models = Set.copyOf(models);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
    }

    public static FakeOpenAiServer start(String... models) {
        FakeOpenAiServer fake = new FakeOpenAiServer(Set.of(models));
        try {
            fake.server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fake;
    }

    /** The base URL including /v1. */
    public String url() {
        return "http://" + server.getHostName() + ":" + server.getPort() + "/v1";
    }

    public void failNext(int count, int status) {
        failureStatus = status;
        failuresLeft.set(count);
    }

    public void breakStreams(boolean broken) {
        breakStream = broken;
    }

    public void errorMidStream(boolean error) {
        errorMidStream = error;
    }

    public void tokenDelay(long millis) {
        tokenDelayMillis = millis;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** What the fake answers to a prompt. */
    public static String answerTo(String prompt) {
        return "You asked: " + prompt + ". Here is a thorough answer.";
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String auth = request.getHeaders().get("Authorization");
        authorizations.add(auth == null ? "" : auth);
        if (path.equals("/v1/models")) {
            ObjectNode list = NODES.objectNode().put("object", "list");
            models.forEach(m -> list.withArray("data").addObject().put("id", m).put("object", "model"));
            return json(200, list);
        }
        if (!path.equals("/v1/chat/completions") || !request.getMethod().equals("POST")) {
            return json(404, error("Not Found", "invalid_request_error", null));
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
        } catch (IOException e) {
            return json(400, error("Could not parse the request body as JSON", "invalid_request_error", null));
        }
        requests.add(body);
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return json(failureStatus, error("The server is overloaded, try again", "server_error", null));
        }
        String model = body.path("model").asText();
        if (!models.contains(model)) {
            return json(404, error("The model `" + model + "` does not exist", "invalid_request_error",
                    "model_not_found"));
        }
        String prompt = "";
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("user")) {
                prompt = message.path("content").asText();
            }
        }
        String answer = answerTo(prompt);
        if (!body.path("stream").asBoolean()) {
            ObjectNode completion = NODES.objectNode().put("id", "chatcmpl-fake").put("object", "chat.completion")
                    .put("model", model);
            completion.withArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                    .putObject("message").put("role", "assistant").put("content", answer);
            return json(200, completion);
        }
        MockResponse.Builder response = new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "text/event-stream").addHeader("Cache-Control", "no-cache")
                .chunkedBody(events(model, answer), 48);
        if (tokenDelayMillis > 0) {
            response.throttleBody(48, tokenDelayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return response.build();
    }

    /** The event stream as the server writes it; a broken stream simply stops (no finish, no [DONE]). */
    private String events(String model, String answer) {
        StringBuilder out = new StringBuilder();
        event(out, chunk(model, NODES.objectNode().put("role", "assistant").put("content", ""), null));
        out.append(": keep-alive\n\n");
        List<String> words = new ArrayList<>(List.of(answer.split("(?<= )")));
        for (int sent = 0; sent < words.size(); sent++) {
            if (breakStream && sent == words.size() / 2) {
                return out.toString();
            }
            if (errorMidStream && sent == words.size() / 2) {
                event(out, error("upstream model crashed", "server_error", null));
                return out.append("data: [DONE]\n\n").toString();
            }
            event(out, chunk(model, NODES.objectNode().put("content", words.get(sent)), null));
        }
        event(out, chunk(model, NODES.objectNode(), "stop"));
        ObjectNode usage = NODES.objectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("model", model);
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", words.size())
                .put("total_tokens", 12 + words.size());
        event(out, usage);
        return out.append("data: [DONE]\n\n").toString();
    }

    private static ObjectNode chunk(String model, ObjectNode delta, String finish) {
        ObjectNode chunk = NODES.objectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("created", 1767225600).put("model", model);
        ObjectNode choice = chunk.withArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return chunk;
    }

    private static void event(StringBuilder out, JsonNode data) {
        out.append("data: ").append(data).append("\n\n");
    }

    private static ObjectNode error(String message, String type, String code) {
        ObjectNode body = NODES.objectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return body;
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }
}
