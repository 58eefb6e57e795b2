package dev.hydra.services.queue.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.JobFailure;
import dev.hydra.services.queue.JobOutputs;
import dev.hydra.services.queue.JobTarget;
import dev.hydra.services.transport.http.HttpClients;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** webhook: tokens from the environment, success by status, 4xx permanent, 5xx and 429 retried. */
class WebhookHandlerTest {

    private final MockWebServer server = new MockWebServer();
    private final WebhookHandler handler = new WebhookHandler(HttpClients.shared(), Map.of("CREW_TOKEN", "s3cret"));

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aTokenWrittenAsAnEnvironmentReferenceIsSentButNeverStored() throws Exception {
        server.enqueue(new MockResponse.Builder().code(202).body("{\"kickoff_id\": \"k-1\"}").build());

        JobOutputs outputs = handler.run(Jobs.job("w1", "webhook", payload("""
                {"url": "%s", "headers": {"Authorization": "Bearer ${env:CREW_TOKEN}"}, "body": {"topic": "vllm"}}"""
                .formatted(server.url("/run/research-crew"))), JobTarget.ANY, null, null), new TestContext(1));

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(outputs.text()).isEqualTo("{\"kickoff_id\": \"k-1\"}");
        assertThat(outputs.details().toString()).doesNotContain("s3cret");
    }

    @Test
    void clientErrorsArePermanentAndServerErrorsAndRateLimitsAreRetried() {
        server.enqueue(new MockResponse.Builder().code(404).body("crew not found").build());
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        server.enqueue(new MockResponse.Builder().code(429).body("slow down").build());

        assertThatThrownBy(() -> run("/a")).isInstanceOfSatisfying(JobFailure.class,
                f -> assertThat(f.isPermanent()).isTrue()).hasMessageEndingWith("/a: crew not found");
        assertThatThrownBy(() -> run("/b")).isInstanceOfSatisfying(JobFailure.class,
                f -> assertThat(f.isPermanent()).isFalse()).hasMessageStartingWith("HTTP 503 from ");
        assertThatThrownBy(() -> run("/c")).isInstanceOfSatisfying(JobFailure.class,
                f -> assertThat(f.isPermanent()).isFalse());
    }

    @Test
    void aMissingEnvironmentVariableAndMalformedPayloadsAreRefused() {
        assertThatThrownBy(() -> handler.run(Jobs.job("w2", "webhook", payload("""
                {"url": "%s", "headers": {"X-Key": "${env:NOPE}"}}""".formatted(server.url("/x"))), JobTarget.ANY,
                null, null), new TestContext(1)))
                .hasMessage("header X-Key refers to the environment variable NOPE, which is not set for this instance");
        assertThatThrownBy(() -> handler.validate(payload("{\"url\": \"http://x\", \"method\": \"GET\", \"body\": 1}")))
                .hasMessage("a GET request cannot carry a \"body\"");
        assertThatThrownBy(() -> handler.validate(payload("{\"url\": \"http://x\", \"verb\": \"POST\"}")))
                .hasMessage("unknown payload key \"verb\"; allowed: body, headers, method, url");
    }

    private JobOutputs run(String path) throws Exception {
        return handler.run(Jobs.job("w", "webhook", payload("{\"url\": \"" + server.url(path) + "\"}"), JobTarget.ANY,
                null, null), new TestContext(1));
    }

    private static ObjectNode payload(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
