package dev.hydra.services.queue.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.comfy.ComfyUiClient;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobFailure;
import dev.hydra.services.queue.JobOutputs;
import dev.hydra.services.queue.JobTarget;
import dev.hydra.services.testing.FakeComfyUi;
import dev.hydra.services.testing.Pngs;
import dev.hydra.services.transport.http.HttpClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** image_generation against the fake ComfyUI: outputs with metadata, resume by prompt id, new seeds on re-runs. */
class ImageGenerationHandlerTest {

    private final FakeComfyUi fake = FakeComfyUi.start();
    private final ComfyUiClient client = new ComfyUiClient(fake.url(), HttpClients.shared());
    private final List<AssetSink.ProducedAsset> registered = new CopyOnWriteArrayList<>();

    @TempDir
    Path assets;

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void generatesSavesTheFileWithItsMetadataAndRegistersItAsAnAsset() throws Exception {
        Job job = Jobs.job("job-1", "image_generation", payload("a lighthouse at dusk", 1234), JobTarget.ANY, null,
                "parent-job");
        TestContext context = new TestContext(1);

        JobOutputs outputs = handler().run(job, context);

        assertThat(outputs.files()).hasSize(1);
        Path file = Path.of(outputs.files().getFirst());
        assertThat(file).startsWith(assets.resolve("2026-11-21").resolve("job-1")).hasFileName("test_00001_.png");
        Map<String, String> chunks = Pngs.textChunks(Files.readAllBytes(file));
        assertThat(Json.mapper().readTree(chunks.get("prompt")).path("3").path("inputs").path("seed").asLong())
                .as("the first run keeps the graph's seed").isEqualTo(1234);
        assertThat(Json.mapper().readTree(chunks.get("hydra")).path("parent").asText()).isEqualTo("parent-job");
        assertThat(context.remoteRefs).hasSize(1);
        assertThat(fake.postedPromptIds()).containsExactlyElementsOf(context.remoteRefs);
        assertThat(context.progress).contains("KSampler 10/20", "KSampler 20/20");
        assertThat(outputs.details().path("promptId").asText()).isEqualTo(context.remoteRefs.getFirst());
        assertThat(registered).singleElement().satisfies(asset -> {
            assertThat(asset.file()).isEqualTo(file);
            assertThat(asset.jobId()).isEqualTo("job-1");
            assertThat(asset.parentJobId()).isEqualTo("parent-job");
        });
    }

    @Test
    void aRevivedJobWhosePromptFinishedCollectsItsFilesWithoutPostingAgain() throws Exception {
        String promptId = UUID.randomUUID().toString();
        client.queuePrompt((ObjectNode) payload("first", 7).get("graph"), "someone", promptId, Map.of());
        org.awaitility.Awaitility.await().until(() -> client.history(promptId).isPresent());
        int filesBefore = fake.filesWritten();

        JobOutputs outputs = handler().run(Jobs.job("job-2", "image_generation", payload("first", 7), JobTarget.ANY,
                promptId, null), new TestContext(2));

        assertThat(fake.postedPromptIds()).as("no second POST /prompt").containsExactly(promptId);
        assertThat(fake.filesWritten()).isEqualTo(filesBefore);
        assertThat(outputs.files()).hasSize(1);
        assertThat(outputs.details().path("promptId").asText()).isEqualTo(promptId);
    }

    @Test
    void aPromptComfyUiForgotIsPostedAgainWithNewSeedsSoItIsNotACacheHit() throws Exception {
        String lost = UUID.randomUUID().toString();
        TestContext context = new TestContext(2);

        JobOutputs outputs = handler().run(Jobs.job("job-3", "image_generation", payload("second", 99), JobTarget.ANY,
                lost, null), context);

        String newPrompt = context.remoteRefs.getFirst();
        assertThat(newPrompt).isNotEqualTo(lost);
        JsonNode posted = fake.postedGraph(newPrompt);
        assertThat(posted.path("3").path("inputs").path("seed").asLong()).isNotEqualTo(99).isLessThan(1L << 50);
        assertThat(outputs.details().path("seeds").path("3.seed").asLong())
                .isEqualTo(posted.path("3").path("inputs").path("seed").asLong());
        assertThat(outputs.details().path("cacheHit").asBoolean()).isFalse();
    }

    @Test
    void anIdenticalGraphWouldBeACacheHitWithNoNewFile() throws Exception {
        handler().run(Jobs.job("a", "image_generation", payload("same", 5), JobTarget.ANY, null, null), new TestContext(1));
        int files = fake.filesWritten();

        JobOutputs again = handler().run(Jobs.job("b", "image_generation", payload("same", 5), JobTarget.ANY, null,
                null), new TestContext(1));
        JobOutputs rerun = handler().run(Jobs.job("c", "image_generation", payload("same", 5), JobTarget.ANY, null,
                null), new TestContext(2));

        assertThat(again.details().path("cacheHit").asBoolean()).as("same graph, same seed").isTrue();
        assertThat(rerun.details().path("cacheHit").asBoolean()).as("a re-run changes the seed").isFalse();
        assertThat(fake.filesWritten()).isEqualTo(files + 1);
    }

    @Test
    void aNodeErrorIsRetriedAndAMissingModelIsNot() {
        assertThatThrownBy(() -> handler().run(Jobs.job("e", "image_generation", payload("[error] cat", 1),
                JobTarget.ANY, null, null), new TestContext(1)))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.isPermanent()).isFalse())
                .hasMessageEndingWith("KSampler failed: torch.OutOfMemoryError Allocation on device");
        ObjectNode missingModel = payload("cat", 1);
        ((ObjectNode) missingModel.get("graph").get("4").get("inputs")).put("ckpt_name", "gone.safetensors");
        assertThatThrownBy(() -> handler().run(Jobs.job("m", "image_generation", missingModel, JobTarget.ANY, null,
                null), new TestContext(1)))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.isPermanent()).isTrue())
                .hasMessageContaining("ckpt_name: 'gone.safetensors' not in");
    }

    @Test
    void comfyUiDownIsATransientFailureThatSaysWhere() {
        ImageGenerationHandler offline = new ImageGenerationHandler(new ComfyUiClient("http://127.0.0.1:1",
                HttpClients.shared()), assets, registered::add, Duration.ofMinutes(1), Duration.ofMillis(200),
                new Random(1));

        assertThatThrownBy(() -> offline.run(Jobs.job("d", "image_generation", payload("x", 1), JobTarget.ANY, null,
                null), new TestContext(1)))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.isPermanent()).isFalse())
                .hasMessageStartingWith("ComfyUI at http://127.0.0.1:1/ is not reachable");
    }

    @Test
    void malformedPayloadsAreRefused() {
        ImageGenerationHandler handler = handler();
        assertThatThrownBy(() -> handler.validate(Json.mapper().createObjectNode()))
                .hasMessageStartingWith("\"graph\" must be ComfyUI's API-format graph");
        ObjectNode badSeed = payload("x", 1).put("seed", "sometimes");
        assertThatThrownBy(() -> handler.validate(badSeed)).hasMessageStartingWith("\"seed\" is \"keep\"");
        ObjectNode badParent = payload("x", 1).put("parentAsset", "the red one");
        assertThatThrownBy(() -> handler.validate(badParent)).hasMessageStartingWith("\"parentAsset\" must be the id "
                + "of the image this job re-generates");
    }

    @Test
    void aReGenerationsImagesNameTheImageTheyReGenerate() throws Exception {
        Job job = Jobs.job("job-2", "image_generation", payload("a lighthouse at dusk", 99).put("parentAsset", 42),
                JobTarget.ANY, null, null);
        handler().validate(job.payload());

        Path file = Path.of(handler().run(job, new TestContext(1)).files().getFirst());

        assertThat(registered).singleElement().satisfies(asset -> assertThat(asset.parentAssetId()).isEqualTo(42L));
        assertThat(Json.mapper().readTree(Pngs.textChunks(Files.readAllBytes(file)).get("hydra")).path("parentAsset")
                .asLong()).isEqualTo(42);
    }

    private ImageGenerationHandler handler() {
        return new ImageGenerationHandler(client, assets, registered::add, Duration.ofMinutes(1),
                Duration.ofMillis(200), new Random(3));
    }

    static ObjectNode payload(String text, long seed) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.set("graph", FakeComfyUi.textToImage(text, seed));
        return payload;
    }
}
