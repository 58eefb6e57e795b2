package dev.hydra.services.queue.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.config.JobTypeConfig;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.json.Json;
import dev.hydra.services.llm.ChatCompletionsClient;
import dev.hydra.services.queue.JobFailure;
import dev.hydra.services.queue.JobOutputs;
import dev.hydra.services.queue.JobTarget;
import dev.hydra.services.testing.FakeOpenAiServer;
import dev.hydra.services.transport.http.HttpClients;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** llm_task against the fake OpenAI-compatible server: streamed answer, model per type, errors classified. */
class LlmTaskHandlerTest {

    private final FakeOpenAiServer fake = FakeOpenAiServer.start("llama-3.3-70b", "qwen3-32b");
    private final QueueConfig queue = new QueueConfig(null, null, null, null, null, null, null, null, "UTC",
            Map.of("llm_task", new JobTypeConfig(null, null, null, null, null, null, null, null, null, null,
                    "qwen3-32b")), null, null);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theStreamedAnswerIsTheOutputAndTheTypesModelIsUsed() throws Exception {
        TestContext context = new TestContext(1);

        JobOutputs outputs = handler("secret-key").run(Jobs.job("r1", "llm_task",
                payload("{\"prompt\": \"Compare ExLlama and vLLM\", \"system\": \"Be brief\", \"maxTokens\": 500}"),
                JobTarget.ANY, null, null), context);

        assertThat(outputs.text()).isEqualTo(FakeOpenAiServer.answerTo("Compare ExLlama and vLLM"));
        assertThat(outputs.details().path("model").asText()).isEqualTo("qwen3-32b");
        assertThat(outputs.details().path("finishReason").asText()).isEqualTo("stop");
        assertThat(outputs.details().path("completionTokens").asInt()).isPositive();
        var request = fake.requests().getFirst();
        assertThat(request.path("stream").asBoolean()).isTrue();
        assertThat(request.path("max_tokens").asInt()).isEqualTo(500);
        assertThat(request.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(fake.authorizations()).containsExactly("Bearer secret-key");
        assertThat(context.progress).anyMatch(p -> p.matches("qwen3-32b: \\d+ characters so far"));
    }

    @Test
    void anUnknownModelIsPermanentAndAnOverloadedServerIsRetried() {
        assertThatThrownBy(() -> handler(null).run(Jobs.job("r2", "llm_task",
                payload("{\"prompt\": \"hi\", \"model\": \"gpt-9\"}"), JobTarget.ANY, null, null), new TestContext(1)))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.isPermanent()).isTrue())
                .hasMessage("LLM endpoint answered HTTP 404: The model `gpt-9` does not exist");
        fake.failNext(1, 503);
        assertThatThrownBy(() -> handler(null).run(Jobs.job("r3", "llm_task", payload("{\"prompt\": \"hi\"}"),
                JobTarget.ANY, null, null), new TestContext(1)))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.isPermanent()).isFalse())
                .hasMessage("LLM endpoint answered HTTP 503: The server is overloaded, try again");
    }

    @Test
    void aStreamThatBreaksOffOrReportsAnErrorIsNotTakenAsAnAnswer() {
        fake.breakStreams(true);
        assertThatThrownBy(() -> handler(null).run(Jobs.job("r4", "llm_task", payload("{\"prompt\": \"hi\"}"),
                JobTarget.ANY, null, null), new TestContext(1)))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.isPermanent()).isFalse())
                .hasMessageContaining("broke off");
        fake.breakStreams(false);
        fake.errorMidStream(true);
        assertThatThrownBy(() -> handler(null).run(Jobs.job("r5", "llm_task", payload("{\"prompt\": \"hi\"}"),
                JobTarget.ANY, null, null), new TestContext(1)))
                .hasMessage("the LLM endpoint reported an error mid-answer: upstream model crashed");
    }

    @Test
    void anEndpointThatIsDownIsSaidPlainly() {
        LlmTaskHandler down = new LlmTaskHandler(new ChatCompletionsClient("http://127.0.0.1:1/v1",
                HttpClients.shared(), null), queue, null);

        assertThatThrownBy(() -> down.run(Jobs.job("r6", "llm_task", payload("{\"prompt\": \"hi\"}"), JobTarget.ANY,
                null, null), new TestContext(1)))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.isPermanent()).isFalse())
                .hasMessageStartingWith("LLM endpoint http://127.0.0.1:1/v1/chat/completions is not reachable");
    }

    @Test
    void payloadsAreChecked() {
        assertThatThrownBy(() -> handler(null).validate(payload("{}")))
                .hasMessageStartingWith("the payload needs \"prompt\" (a text) or \"messages\"");
        assertThatThrownBy(() -> handler(null).validate(payload("{\"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}")))
                .hasMessageStartingWith("each message needs \"role\" (system, user or assistant)");
        assertThatThrownBy(() -> handler(null).validate(payload("{\"prompt\": \"x\", \"temperature\": \"hot\"}")))
                .hasMessage("\"temperature\" must be a number, e.g. 0.7");
    }

    private LlmTaskHandler handler(String key) {
        return new LlmTaskHandler(new ChatCompletionsClient(fake.url(), HttpClients.shared(), key), queue,
                "llama-3.3-70b");
    }

    private static ObjectNode payload(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
