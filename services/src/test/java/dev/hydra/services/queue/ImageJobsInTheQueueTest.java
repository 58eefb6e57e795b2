package dev.hydra.services.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.comfy.ComfyUiClient;
import dev.hydra.services.config.JobTypeConfig;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.handlers.AssetSink;
import dev.hydra.services.queue.handlers.ImageGenerationHandler;
import dev.hydra.services.testing.FakeClusterState;
import dev.hydra.services.testing.FakeComfyUi;
import dev.hydra.services.transport.http.HttpClients;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** image_generation jobs through the queue: cancelling stops the ComfyUI prompt; ComfyUI down is retried, with why. */
class ImageJobsInTheQueueTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private final Clock clock = Clock.systemUTC();
    private final FakeComfyUi comfy = FakeComfyUi.start();
    private QueueHarness harness;

    @TempDir
    Path assets;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        comfy.close();
    }

    @Test
    void cancellingARunningGenerationDeletesAndInterruptsItsPromptAndItIsNotRetried() {
        comfy.hold();
        harness = queue(comfy.url());
        Job job = harness.queue.submit(JobSpec.of("image_generation", "scene 12", payload()));
        await().atMost(AWAIT).until(() -> harness.job(job.id()).remoteRef() != null
                && comfy.isRunning(harness.job(job.id()).remoteRef()));
        String promptId = harness.job(job.id()).remoteRef();

        assertThat(harness.queue.cancel(job.id())).isTrue();

        assertThat(comfy.deletedFromQueue()).contains(promptId);
        assertThat(comfy.interruptRequests()).contains(promptId);
        comfy.release();
        await().during(Duration.ofMillis(800)).atMost(AWAIT)
                .until(() -> harness.job(job.id()).state() == JobState.CANCELLED);
        assertThat(comfy.postedPromptIds()).containsExactly(promptId);
    }

    @Test
    void comfyUiDownIsRetriedWithBackoffAndTheReasonSaysWhy() {
        harness = queue("http://127.0.0.1:1");

        Job job = harness.queue.submit(JobSpec.of("image_generation", "scene 13", payload()));

        await().atMost(AWAIT).until(() -> harness.job(job.id()).state() == JobState.RETRYING);
        Job retrying = harness.job(job.id());
        assertThat(retrying.stateReason()).startsWith("retrying at ")
                .contains("after: ComfyUI at http://127.0.0.1:1/ is not reachable");
        assertThat(retrying.nextAttemptAt()).isAfter(retrying.startedAt());
    }

    private QueueHarness queue(String comfyUrl) {
        QueueConfig config = new QueueConfig(null, null, null, null, null, Duration.ofMillis(100), null,
                Duration.ofMillis(300), "UTC", Map.of("image_generation", new JobTypeConfig(null, 3, null, false,
                        null, null, null, null, Duration.ofSeconds(30), null, null)), null, null);
        ImageGenerationHandler handler = new ImageGenerationHandler(new ComfyUiClient(comfyUrl, HttpClients.shared()),
                assets, AssetSink.JOB_OUTPUTS_ONLY, Duration.ofMinutes(1), Duration.ofMillis(300), new Random(1));
        return QueueHarness.h2(config, clock, new FakeClusterState(clock, Duration.ofSeconds(2)), List.of(handler))
                .start();
    }

    private static ObjectNode payload() {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.set("graph", FakeComfyUi.textToImage("a quiet harbour", 5));
        return payload;
    }
}
