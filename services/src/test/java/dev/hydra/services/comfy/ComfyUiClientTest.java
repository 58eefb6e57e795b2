package dev.hydra.services.comfy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.testing.FakeComfyUi;
import dev.hydra.services.testing.Pngs;
import dev.hydra.services.transport.http.HttpClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ComfyUI client against the fake: our own prompt id, events in the spec's order, history, /view, cancel. */
class ComfyUiClientTest {

    private final FakeComfyUi fake = FakeComfyUi.start();
    private final ComfyUiClient client = new ComfyUiClient(fake.url(), HttpClients.shared());

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aPromptRunsWithOurIdAndItsEventsArriveInTheSpecsOrder() throws Exception {
        List<ComfyEvent> events = new CopyOnWriteArrayList<>();
        String promptId = UUID.randomUUID().toString();
        try (AutoCloseable socket = client.watch("client-1", events::add)) {
            await().until(() -> events.stream().anyMatch(e -> e instanceof ComfyEvent.Status s && "client-1".equals(s.sid())));

            PromptAccepted accepted = client.queuePrompt(FakeComfyUi.textToImage("a lighthouse", 42), "client-1", promptId,
                    Map.of("culler", Json.mapper().createObjectNode().put("parent", "ComfyUI_00042_.png")));

            assertThat(accepted.promptId()).isEqualTo(promptId);
            assertThat(accepted.hasWarnings()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                    .anyMatch(e -> e instanceof ComfyEvent.Executing x && x.finished() && promptId.equals(x.promptId())));
        }
        List<String> kinds = events.stream().filter(e -> !(e instanceof ComfyEvent.Status)
                        && !(e instanceof ComfyEvent.Progress) && !(e instanceof ComfyEvent.Preview))
                .map(e -> e.getClass().getSimpleName()).distinct().toList();
        assertThat(kinds).containsSubsequence("ExecutionStart", "ExecutionCached", "Executing", "Executed",
                "ExecutionSuccess");
        assertThat(events).anyMatch(e -> e instanceof ComfyEvent.Progress p && p.value() == 20 && p.max() == 20);
        assertThat(events).anyMatch(e -> e instanceof ComfyEvent.Preview);

        HistoryEntry entry = client.history(promptId).orElseThrow();
        assertThat(entry.succeeded()).isTrue();
        assertThat(entry.outputs()).containsExactly(new OutputFile("9", "test_00001_.png", "hydra", "output"));
        Path saved = dir.resolve("out.png");
        client.download(entry.outputs().getFirst(), saved);
        Map<String, String> chunks = Pngs.textChunks(Files.readAllBytes(saved));
        assertThat(chunks.keySet()).containsExactly("prompt", "culler");
        assertThat(Json.mapper().readTree(chunks.get("prompt")).path("3").path("inputs").path("seed").asLong())
                .isEqualTo(42);
    }

    @Test
    void historyIsEmptyWhileQueuedAndTheQueueIsSortedByNumber() throws Exception {
        fake.hold();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();
        client.queuePrompt(FakeComfyUi.textToImage("one", 1), "c", first, Map.of());
        await().until(() -> fake.isRunning(first));
        client.queuePrompt(FakeComfyUi.textToImage("two", 2), "c", second, Map.of());
        client.queuePrompt(FakeComfyUi.textToImage("three", 3), "c", third, Map.of());

        assertThat(client.history(second)).isEmpty();
        QueueState queue = client.queue();
        assertThat(queue.running()).containsExactly(first);
        assertThat(queue.pending()).containsExactly(second, third);

        client.cancel(second);
        client.cancel(first);
        fake.release();

        assertThat(fake.deletedFromQueue()).contains(second, first);
        assertThat(fake.interruptRequests()).contains(second, first);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.history(first).isPresent());
        assertThat(client.history(first).orElseThrow().error()).isEqualTo("interrupted");
        assertThat(client.queue().contains(second)).isFalse();
    }

    @Test
    void aRejectedPromptSaysWhichNodeAndValueAreWrong() {
        ObjectNode graph = FakeComfyUi.textToImage("x", 1);
        ((ObjectNode) graph.get("4").get("inputs")).put("ckpt_name", "dreamy_v2.safetensors");

        assertThatThrownBy(() -> client.queuePrompt(graph, "c", UUID.randomUUID().toString(), Map.of()))
                .isInstanceOfSatisfying(ComfyException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ComfyException.Kind.REJECTED);
                    assertThat(e.details().path("error").path("type").asText())
                            .isEqualTo("prompt_outputs_failed_validation");
                })
                .hasMessageContaining("node 4 (CheckpointLoaderSimple): Value not in list — ckpt_name: "
                        + "'dreamy_v2.safetensors' not in");
        ObjectNode tooBig = FakeComfyUi.textToImage("x", 1);
        ((ObjectNode) tooBig.get("3").get("inputs")).put("steps", 20000);
        assertThatThrownBy(() -> client.queuePrompt(tooBig, "c", UUID.randomUUID().toString(), Map.of()))
                .hasMessageContaining("Value 20000 bigger than max of 10000");
        ObjectNode unknown = FakeComfyUi.textToImage("x", 1);
        ((ObjectNode) unknown.get("8")).put("class_type", "PrimitiveNode");
        assertThatThrownBy(() -> client.queuePrompt(unknown, "c", UUID.randomUUID().toString(), Map.of()))
                .hasMessageContaining("Cannot execute because node PrimitiveNode does not exist.: Node ID '#8'");
    }

    @Test
    void anUnreachableServerIsSaidPlainly() {
        ComfyUiClient nowhere = new ComfyUiClient("http://127.0.0.1:1", HttpClients.shared());

        assertThatThrownBy(nowhere::systemStats).isInstanceOfSatisfying(ComfyException.class,
                e -> assertThat(e.kind()).isEqualTo(ComfyException.Kind.UNREACHABLE))
                .hasMessageStartingWith("ComfyUI at http://127.0.0.1:1/ is not reachable: ");
    }

    @Test
    void anOldServersStringErrorIsUnderstoodToo() {
        assertThat(ComfyUiClient.rejection(Json.mapper().createObjectNode().put("error", "no prompt"), ""))
                .isEqualTo("no prompt");
    }

    @Test
    void objectInfoAndSystemStatsAreReadable() throws Exception {
        assertThat(client.objectInfo("KSampler").path("input").path("required").has("seed")).isTrue();
        assertThat(client.systemStats().path("system").path("comfyui_version").asText()).isEqualTo("0.3.64");
    }

    @Test
    void recentHistoryListsFinishedPromptsOldestFirstAndFetchKeepsTheFilesBytes() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        client.queuePrompt(FakeComfyUi.textToImage("first light", 1), "c", first, Map.of());
        client.queuePrompt(FakeComfyUi.textToImage("second light", 2), "c", second, Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> client.history(second).isPresent());

        List<HistoryEntry> recent = client.recentHistory(10);
        List<HistoryEntry> newest = client.recentHistory(1);

        assertThat(recent).extracting(HistoryEntry::promptId).containsExactly(first, second);
        assertThat(newest).extracting(HistoryEntry::promptId).containsExactly(second);
        OutputFile file = recent.getFirst().outputs().getFirst();
        byte[] bytes = client.fetch(file);
        assertThat(new String(bytes, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("\u0089PNG\r\n\u001a\n");
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).as("the graph travels with the file")
                .contains("first light");
        assertThatThrownBy(() -> client.fetch(new OutputFile("9", "missing.png", "", "output")))
                .isInstanceOf(ComfyException.class).hasMessageContaining("missing.png");
    }
}
