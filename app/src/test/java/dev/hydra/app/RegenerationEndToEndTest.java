package dev.hydra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.comfy.ComfyGraphs;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobSummary;
import dev.hydra.services.review.Asset;
import dev.hydra.services.review.AssetQuery;
import dev.hydra.services.review.AssetSummary;
import dev.hydra.services.review.FolderImporter;
import dev.hydra.services.review.ReviewState;
import dev.hydra.services.testing.FakeComfyUi;
import dev.hydra.services.testing.Pngs;
import dev.hydra.ui.common.UiExecutor;
import dev.hydra.ui.review.LearningServices;
import dev.hydra.ui.review.ReviewSettings;
import dev.hydra.ui.review.ReviewViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Done when", end to end: reject an image on the review screen, press the re-generate key, and a job
 * appears in the queue whose graph differs from the parent's only in what the learning changed (the seed, the
 * opted-in settings, the negative-prompt phrases); the fake ComfyUI runs it and its output arrives in review as
 * the parent's child, shown beside it. The real view model, composition root, queue and library; ComfyUI is the
 * faithful fake.
 */
class RegenerationEndToEndTest {

    @TempDir
    Path home;

    @Test
    void rejectingAnImageAndPressingShiftRQueuesALearnedReGenerationWhoseImageArrivesAsItsChild() throws Exception {
        try (FakeComfyUi comfy = FakeComfyUi.start()) {
            Files.writeString(home.resolve("hydra.yaml"), """
                    queue:
                      pollInterval: 200ms
                      types:
                        image_generation: {gpu: false}
                    comfyui:
                      url: %s
                    learning:
                      minEvidence: 4
                      regenerate: {applySettings: true, applyNegatives: true}
                    """.formatted(comfy.url()));
            Path images = Files.createDirectories(home.resolve("images"));
            // What the user liked so far: dreamshaper_8 with dpmpp_2m, karras, CFG 5, 28 steps; what they rejected
            // (for hands): SDXL base with euler, normal, CFG 9.5, 12 steps.
            for (int i = 0; i < 8; i++) {
                write(images, "liked_%02d.png".formatted(i), graph("dreamshaper_8.safetensors", "dpmpp_2m", "karras",
                        5.0, 28, 1000 + i), i);
                write(images, "disliked_%02d.png".formatted(i), graph("sd_xl_base_1.0.safetensors", "euler", "normal",
                        9.5, 12, 2000 + i), 20 + i);
            }
            ObjectNode parentGraph = graph("sd_xl_base_1.0.safetensors", "euler", "normal", 9.5, 12, 777);
            write(images, "parent.png", parentGraph, 100);

            try (AppComposition app = new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", home.toString()),
                    "Linux", home), Clock.systemUTC(), Map.of())) {
                app.role("desktop");
                app.jobs().start();
                new FolderImporter(app.assets()).importFolder(images, outcome -> { });
                for (AssetSummary summary : app.assets().list(AssetQuery.ALL)) {
                    String name = summary.path().getFileName().toString();
                    if (name.startsWith("liked")) {
                        app.assets().decide(summary.id(), ReviewState.ACCEPTED, null, Set.of());
                    } else if (name.startsWith("disliked")) {
                        app.assets().decide(summary.id(), ReviewState.REJECTED, null, Set.of("hands"));
                    }
                }
                ReviewViewModel vm = new ReviewViewModel(app.assets(), new LearningServices(app.learning(),
                        app.regenerator(), app.config().learning().regenerate()), folder -> null,
                        new ReviewSettings(app.config().review().reasonKeys(), Map.of(), home.resolve("trash")),
                        Runnable::run, UiExecutor.IMMEDIATE);
                vm.reload();
                int at = indexOf(vm, "parent.png");
                vm.select(at, false, false);
                long parentId = vm.currentProperty().get().id();

                vm.reject();
                vm.reason("H");
                vm.regenerate();

                assertThat(app.assets().get(parentId).orElseThrow().state()).isEqualTo(ReviewState.REJECTED);
                List<JobSummary> jobs = app.jobs().list(List.of(), "image_generation", 10);
                assertThat(jobs).as(vm.statusProperty().get()).hasSize(1);
                Job job = app.jobs().find(jobs.getFirst().id()).orElseThrow();
                assertThat(job.title()).isEqualTo("Re-generate parent.png");
                assertThat(job.payload().get("parentAsset").asLong()).isEqualTo(parentId);
                JsonNode queued = job.payload().get("graph");
                assertThat(differences(parentGraph, queued)).as("what the learning changed, and nothing else")
                        .containsExactlyInAnyOrder("3.seed", "4.ckpt_name", "3.sampler_name", "3.scheduler", "3.cfg",
                                "3.steps", "7.text");
                assertThat(queued.at("/3/inputs/seed").asLong()).isNotEqualTo(777).isBetween(0L,
                        ComfyGraphs.SEED_LIMIT - 1);
                assertThat(queued.at("/4/inputs/ckpt_name").asText()).isEqualTo("dreamshaper_8.safetensors");
                assertThat(queued.at("/3/inputs/sampler_name").asText()).isEqualTo("dpmpp_2m");
                assertThat(queued.at("/3/inputs/scheduler").asText()).isEqualTo("karras");
                assertThat(queued.at("/3/inputs/cfg").asDouble()).isEqualTo(5.0);
                assertThat(queued.at("/3/inputs/steps").asInt()).isEqualTo(28);
                assertThat(queued.at("/7/inputs/text").asText())
                        .isEqualTo("blurry, bad hands, extra fingers, fused fingers");
                assertThat(vm.statusProperty().get()).startsWith("Re-generating parent.png as job");

                await().atMost(Duration.ofSeconds(60)).until(() -> app.jobs().find(job.id()).orElseThrow().state()
                        .id().matches("succeeded|failed"));
                Job done = app.jobs().find(job.id()).orElseThrow();
                assertThat(done.state().id()).as(String.valueOf(done.lastError())).isEqualTo("succeeded");
                AssetSummary child = app.assets().children(parentId).stream().findFirst().orElseThrow();
                Asset childAsset = app.assets().get(child.id()).orElseThrow();
                assertThat(childAsset.origin().jobId()).isEqualTo(job.id());
                assertThat(childAsset.origin().parentAssetId()).isEqualTo(parentId);
                assertThat(childAsset.metadata().checkpoint()).contains("dreamshaper_8.safetensors");
                assertThat(childAsset.metadata().rawText().get("hydra-regeneration")).contains("\"parentAsset\":"
                        + parentId);

                vm.reload();
                vm.select(indexOf(vm, child.path().getFileName().toString()), false, false);
                assertThat(vm.currentProperty().get().parentId()).isEqualTo(parentId);
                assertThat(vm.companionProperty().get()).as("the parent beside its child").satisfies(beside -> {
                    assertThat(beside.parent()).isTrue();
                    assertThat(beside.id()).isEqualTo(parentId);
                    assertThat(beside.caption()).contains("parent.png").contains("rejected for hands");
                });
                vm.select(indexOf(vm, "parent.png"), false, false);
                assertThat(vm.companionProperty().get().id()).as("and the child beside its parent")
                        .isEqualTo(child.id());
            }
        }
    }

    /** A text-to-image graph the fake ComfyUI accepts, with these settings (negative prompt "blurry"). */
    private static ObjectNode graph(String checkpoint, String sampler, String scheduler, double cfg, int steps,
            long seed) {
        ObjectNode graph = FakeComfyUi.textToImage("mira in a cafe, soft light", seed);
        ((ObjectNode) graph.at("/4/inputs")).put("ckpt_name", checkpoint);
        ((ObjectNode) graph.at("/3/inputs")).put("sampler_name", sampler).put("scheduler", scheduler).put("cfg", cfg)
                .put("steps", steps);
        return graph;
    }

    private static void write(Path dir, String name, ObjectNode graph, int minute) throws Exception {
        Path file = Files.write(dir.resolve(name), Pngs.write(64, 64, Map.of("prompt",
                Json.mapper().writeValueAsString(graph))));
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-20T22:00:00Z").plusSeconds(60L
                * minute)));
    }

    private static int indexOf(ReviewViewModel vm, String fileName) {
        for (int i = 0; i < vm.items().size(); i++) {
            if (vm.items().get(i).fileName().equals(fileName)) {
                return i;
            }
        }
        throw new AssertionError(fileName + " is not in the review list");
    }

    /** "node.input" for every input whose value differs between the two graphs (and nodes added or removed). */
    private static Set<String> differences(JsonNode before, JsonNode after) {
        Set<String> changed = new TreeSet<>();
        Set<String> nodes = new TreeSet<>();
        before.fieldNames().forEachRemaining(nodes::add);
        after.fieldNames().forEachRemaining(nodes::add);
        for (String node : nodes) {
            JsonNode a = before.path(node);
            JsonNode b = after.path(node);
            if (!a.path("class_type").equals(b.path("class_type"))) {
                changed.add(node);
                continue;
            }
            Set<String> inputs = new TreeSet<>();
            a.path("inputs").fieldNames().forEachRemaining(inputs::add);
            b.path("inputs").fieldNames().forEachRemaining(inputs::add);
            for (String input : inputs) {
                JsonNode x = a.path("inputs").path(input);
                JsonNode y = b.path("inputs").path(input);
                boolean same = x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue()) == 0
                        : x.equals(y);
                if (!same) {
                    changed.add(node + "." + input);
                }
            }
        }
        return changed;
    }
}
