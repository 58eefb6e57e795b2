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
import dev.hydra.services.review.LibraryService;
import dev.hydra.services.review.ReviewState;
import dev.hydra.services.store.DatabaseException;
import dev.hydra.services.testing.FakeComfyUi;
import dev.hydra.services.testing.Pngs;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.review.LearningServices;
import dev.hydra.ui.review.ReviewServices;
import dev.hydra.ui.review.ReviewSettings;
import dev.hydra.ui.shell.HydraWindow;
import dev.hydra.ui.shell.UiContext;
import dev.hydra.ui.shell.ViewId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The "Done when", end to end in the real window: reject an image (X, then H for hands), press Shift+R, and
 * a job appears in the queue whose graph differs from the parent's only in what the learning changed (the seed, the
 * opted-in settings, the negative-prompt phrases); the fake ComfyUI runs it and its image arrives in the review list
 * by itself (the job's output announced to the window's library service), as the parent's child, shown beside it.
 * Then, with the learned changes switched off in the re-generate menu, Shift+R on that child queues a graph that
 * differs from the child's in the seed alone. The composition root, queue, library, learning, window and keys are
 * the real ones; ComfyUI is the faithful fake.
 */
@ExtendWith(ApplicationExtension.class)
class RegenerationEndToEndTest {

    @TempDir
    Path home;
    private AppComposition app;
    private LibraryService library;
    private HydraWindow window;

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            window.close();
        }
        if (library != null) {
            library.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void rejectAndShiftRQueueALearnedReGenerationWhoseImageArrivesBesideItsParent(FxRobot robot) throws Exception {
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

            app = new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", home.toString()), "Linux", home),
                    Clock.systemUTC(), Map.of());
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
            long parentId = idOf("parent.png");
            openTheWindow(robot);
            awaitShown(robot, "17 images · 1 pending · 8 accepted · 8 rejected");

            goToTheEnd(robot);
            awaitShown(robot, "parent.png");
            robot.type(KeyCode.X).type(KeyCode.H);
            shiftR(robot);

            await().atMost(Duration.ofSeconds(30)).until(() -> !app.jobs().list(List.of(), "image_generation", 10)
                    .isEmpty());
            assertThat(app.assets().get(parentId).orElseThrow().state()).isEqualTo(ReviewState.REJECTED);
            assertThat(app.assets().get(parentId).orElseThrow().reasons()).containsExactly("hands");
            List<JobSummary> jobs = app.jobs().list(List.of(), "image_generation", 10);
            assertThat(jobs).hasSize(1);
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
            assertThat(queued.at("/7/inputs/text").asText()).isEqualTo("blurry, bad hands, extra fingers, fused fingers");
            await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#review-status").startsWith(
                    "Re-generating parent.png as job " + job.id().substring(0, 8)));

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

            awaitShown(robot, "18 images · 1 pending · 8 accepted · 9 rejected");
            String childFile = child.path().getFileName().toString();
            goToTheEnd(robot);
            awaitShown(robot, childFile);
            await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#review-companion")
                    .queryAs(ImageView.class).getImage() != null);
            assertThat(text(robot, "#review-companion-caption")).startsWith("Parent · parent.png")
                    .contains("rejected for hands");
            assertThat(shown(robot, "This re-generation")).isPresent();

            robot.interact(() -> robot.lookup("#review-regenerate").queryAs(MenuButton.class).getItems().stream()
                    .filter(CheckMenuItem.class::isInstance).map(CheckMenuItem.class::cast)
                    .forEach(item -> item.setSelected(false)));
            robot.interact(() -> robot.lookup("#review-view").query().requestFocus());
            shiftR(robot);

            await().atMost(Duration.ofSeconds(30)).until(() -> app.jobs().list(List.of(), "image_generation", 10)
                    .size() == 2);
            assertThat(app.assets().get(child.id()).orElseThrow().state()).as("Shift+R rejects it first")
                    .isEqualTo(ReviewState.REJECTED);
            String againId = app.jobs().list(List.of(), "image_generation", 10).stream().map(JobSummary::id)
                    .filter(id -> !id.equals(job.id())).findFirst().orElseThrow();
            Job again = app.jobs().find(againId).orElseThrow();
            assertThat(again.payload().get("parentAsset").asLong()).isEqualTo(child.id());
            JsonNode childGraph = Json.mapper().readTree(childAsset.metadata().rawText().get("prompt"));
            assertThat(differences(childGraph, again.payload().get("graph"))).as("not opted in: the seed alone")
                    .containsExactly("3.seed");
        }
    }

    private void openTheWindow(FxRobot robot) throws DatabaseException {
        library = new LibraryService(app.assets(), List.of(), analysed -> {
            try {
                return app.analyzer(analysed);
            } catch (DatabaseException e) {
                throw new IllegalStateException(e);
            }
        });
        app.onProduced(library::added);
        ReviewServices review = new ReviewServices(library, app.thumbnails()::thumbnail,
                new ReviewSettings(app.config().review().reasonKeys(), Map.of(), home.resolve("trash")),
                new LearningServices(app.learning(), app.regenerator(), app.config().learning().regenerate()));
        robot.interact(() -> {
            window = new HydraWindow(new UiContext(app.telemetry(), Preferences.inMemory(), List.of(), "e2e",
                    Clock.systemDefaultZone()).withData(UiContext.Data.unavailable("only the review screen in this test")
                    .withReview(review)), new FxUiExecutor());
            Stage stage = new Stage();
            stage.setScene(window.scene());
            stage.show();
            window.shell().show(ViewId.REVIEW);
        });
        // Not started: its background checks would also notice the new image (within 5 s) and reload the list; here
        // only the job's own announcement (AppComposition.onProduced → LibraryService.added) can bring it in.
        robot.interact(() -> robot.lookup("#review-view").query().requestFocus());
    }

    private long idOf(String fileName) throws DatabaseException {
        return app.assets().list(AssetQuery.ALL).stream().filter(a -> a.path().getFileName().toString()
                .equals(fileName)).findFirst().orElseThrow().id();
    }

    /** The list is oldest first; → past the end stays on the newest image. */
    private static void goToTheEnd(FxRobot robot) {
        for (int i = 0; i < 20; i++) {
            robot.type(KeyCode.RIGHT);
        }
    }

    private static void shiftR(FxRobot robot) {
        robot.press(KeyCode.SHIFT).type(KeyCode.R).release(KeyCode.SHIFT);
    }

    private static void awaitShown(FxRobot robot, String text) {
        await().atMost(Duration.ofSeconds(60)).until(() -> shown(robot, text).isPresent());
    }

    private static Optional<Node> shown(FxRobot robot, String text) {
        return robot.lookup((Node node) -> node instanceof Labeled labeled && text.equals(labeled.getText())
                && node.isVisible()).tryQuery();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
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
