package dev.hydra.ui.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydra.services.cluster.TelemetryService;
import dev.hydra.services.config.LearningConfig;
import dev.hydra.services.config.ReviewConfig.QualityConfig;
import dev.hydra.services.learning.Comparisons;
import dev.hydra.services.learning.PreferenceLearning;
import dev.hydra.services.review.AssetAnalyzer;
import dev.hydra.services.review.AssetOrigin;
import dev.hydra.services.review.AssetQuery;
import dev.hydra.services.review.LibraryService;
import dev.hydra.services.review.QualityChecks;
import dev.hydra.services.review.ReviewState;
import dev.hydra.services.review.ThumbnailCache;
import dev.hydra.services.testing.PngFiles;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.shell.HydraWindow;
import dev.hydra.ui.shell.UiContext;
import dev.hydra.ui.shell.ViewId;
import dev.hydra.ui.testing.SceneSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The Review view in the real window on the headless platform, on a real library, driven by keys only. */
@ExtendWith(ApplicationExtension.class)
class ReviewViewUiTest {

    @TempDir
    Path dir;
    private ReviewFixture fixture;
    private LibraryService service;
    private ThumbnailCache thumbnails;
    private HydraWindow window;
    private TelemetryService telemetry;

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            window.close();
        }
        service.close();
        thumbnails.close();
        telemetry.close();
        fixture.close();
    }

    private void open(FxRobot robot, int images, List<String> fixtures) throws Exception {
        open(robot, images, fixtures, false);
    }

    private void open(FxRobot robot, int images, List<String> fixtures, boolean learning) throws Exception {
        fixture = new ReviewFixture(dir).withImages(images, fixtures);
        thumbnails = new ThumbnailCache(dir.resolve("thumbs"), 2);
        service = new LibraryService(fixture.library, List.of(), analysed -> new AssetAnalyzer(fixture.library,
                new QualityChecks(QualityConfig.DEFAULT), Set.of(), thumbnails, analysed));
        telemetry = new TelemetryService(List.of(), Duration.ofSeconds(2), Clock.systemUTC());
        LearningServices learningServices = !learning ? LearningServices.NONE : new LearningServices(
                new PreferenceLearning(fixture.library, new Comparisons(fixture.database.jdbi(), Clock.systemUTC()),
                        new LearningConfig(3, null, null, null, null)),
                null, LearningConfig.RegenerateConfig.DEFAULT);
        ReviewServices review = new ReviewServices(service, thumbnails::thumbnail, fixture.settings,
                learningServices);
        robot.interact(() -> {
            window = new HydraWindow(new UiContext(telemetry, Preferences.inMemory(), List.of(), "test",
                    Clock.systemDefaultZone()).withData(UiContext.Data.unavailable("no actions or queue in this test").withReview(review)), new FxUiExecutor());
            Stage stage = new Stage();
            stage.setScene(window.scene());
            stage.show();
            window.shell().show(ViewId.REVIEW);
        });
        awaitText(robot, String.format("%,d images · %,d pending · 0 accepted · 0 rejected", images, images));
        robot.interact(() -> robot.lookup("#review-view").query().requestFocus());
    }

    /**
     * Real key presses through the window (TestFX's robot costs about 80 ms a key here, so 300 images; the view
     * model test culls 2,000 with the same key commands).
     */
    @Test
    void aFolderIsCulledWithTheKeyboardAlone(FxRobot robot) throws Exception {
        open(robot, 300, ReviewFixture.SMALL);

        for (int i = 0; i < 300; i++) {
            switch (i % 5) {
                case 0, 1, 2 -> robot.type(KeyCode.A);
                case 3 -> robot.type(KeyCode.X).type(KeyCode.H);
                default -> robot.type(KeyCode.R);
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.library.stats().byState().get("pending") == 0);
        assertThat(fixture.library.stats().byState()).containsEntry("accepted", 180L).containsEntry("rejected", 120L);
        assertThat(fixture.library.list(AssetQuery.ALL).stream()
                .filter(a -> a.reasons().contains("hands")).count()).isEqualTo(60);
        awaitText(robot, "300 images · 0 pending · 180 accepted · 120 rejected");
        assertThat(robot.lookup("#review-recent").queryListView().getItems()).hasSize(10);
        SceneSnapshots.write(window.scene(), "review-culled");
    }

    @Test
    void showsTheImageItsMetadataHelpGridAndUndo(FxRobot robot) throws Exception {
        Path reference = Files.write(dir.resolve("ref.png"), PngFiles.fixture(
                "comfyui_sdxlturbo_samplercustom.png"));
        open(robot, 12, ReviewFixture.FIXTURES);
        service.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.library.list(
                AssetQuery.ALL).stream().allMatch(a -> Files.exists(
                thumbnails.pathFor(a.contentHash()))));
        assertThat(reference).exists();

        robot.type(KeyCode.RIGHT);
        awaitText(robot, "img_00001.png");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ImageView image = robot.lookup("#review-image").queryAs(ImageView.class);
            return image.getImage() != null && image.getImage().getProgress() >= 1.0;
        });
        assertThat(shown(robot, "z_image_turbo_bf16.safetensors")).as(() -> robot.lookup((Node n) -> n instanceof Labeled)
                .queryAllAs(Labeled.class).stream().map(Labeled::getText).toList().toString()).isPresent();
        assertThat(shown(robot, "47447417949230")).isPresent();
        SceneSnapshots.write(window.scene(), "review-single");

        robot.type(KeyCode.X);
        robot.type(KeyCode.F);
        awaitText(robot, "rejected · face · img_00001.png");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.library.get(fixture.library.list(
                AssetQuery.ALL).get(1).id()).orElseThrow().reasons().isEmpty());

        robot.write("?");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#review-help").query().isVisible()).isTrue();
        assertThat(shown(robot, "the reason: F face   H hands   C composition   S style   T artifacts   O outfit")).isPresent()
                .as("the configured reason keys are listed");
        SceneSnapshots.write(window.scene(), "review-help");
        robot.type(KeyCode.ESCAPE);

        robot.type(KeyCode.G);
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        robot.type(KeyCode.A);
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.library.stats().byState().get("accepted") == 3);
        SceneSnapshots.write(window.scene(), "review-grid");
        robot.type(KeyCode.G);
        assertThat(fixture.library.stats().byState().get(ReviewState.ACCEPTED.label())).isEqualTo(3);
    }

    /**
     * The learning side of the screen: the Learning page (Shift+L) with its interval bars, the comparison of two
     * images of one prompt (Shift+C, ← picks the left), and a re-generation shown beside its parent.
     */
    @Test
    void showsTheLearningPageComparesTwoImagesAndShowsAReGenerationBesideItsParent(FxRobot robot) throws Exception {
        open(robot, 24, ReviewFixture.FIXTURES, true);
        for (int i = 0; i < 24; i++) {
            if (i % 6 < 3) {
                robot.type(KeyCode.A);
            } else {
                robot.type(KeyCode.X).type(KeyCode.H);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.library.stats().byState().get("pending") == 0);

        robot.press(KeyCode.SHIFT).type(KeyCode.L).release(KeyCode.SHIFT);
        await().atMost(Duration.ofSeconds(30)).until(() -> !robot.lookup("#learning-table")
                .queryTableView().getItems().isEmpty());
        assertThat(label(robot, "#learning-summary")).startsWith("24 decisions · 0 comparisons · 50 % (");
        assertThat(label(robot, "#learning-quality")).startsWith("Model: not enough decisions yet");
        assertThat(robot.lookup("#learning-recommendations").queryAs(VBox.class).getChildren())
                .map(line -> ((Label) line).getText())
                .anySatisfy(line -> assertThat(line).startsWith("avoid checkpoint").contains(" of 4"))
                .anySatisfy(line -> assertThat(line).startsWith("negative prompt + \"bad hands"));
        SceneSnapshots.write(window.scene(), "review-learning");
        robot.type(KeyCode.ESCAPE);

        robot.press(KeyCode.SHIFT).type(KeyCode.C).release(KeyCode.SHIFT);
        await().atMost(Duration.ofSeconds(30)).until(() -> label(robot, "#comparison-status").startsWith(
                "← picks the left"));
        SceneSnapshots.write(window.scene(), "review-compare");
        robot.type(KeyCode.LEFT);
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.database.jdbi().withHandle(h -> h.createQuery(
                "select count(*) from review_comparison").mapTo(Integer.class).one()) == 1);
        robot.type(KeyCode.ESCAPE);

        long parent = fixture.library.list(AssetQuery.ALL).get(3).id();
        Path child = Files.write(dir.resolve("regen_00001_.png"), PngFiles.fixture(
                "comfyui_lora_multiple.png"));
        Files.setLastModifiedTime(child, FileTime.from(Instant.parse(
                "2026-11-21T07:00:00Z")));
        service.added(fixture.library.register(child, AssetOrigin.job("job-1", parent)));
        await().atMost(Duration.ofSeconds(30)).until(() -> shown(robot, "25 images · 1 pending · 12 accepted · "
                + "12 rejected").isPresent());
        robot.interact(() -> robot.lookup("#review-view").query().requestFocus());
        for (int i = 0; i < 30; i++) {
            robot.type(KeyCode.RIGHT);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#review-companion").queryAs(ImageView.class)
                .getImage() != null);
        assertThat(shown(robot, "This re-generation")).isPresent();
        SceneSnapshots.write(window.scene(), "review-regenerated-beside-parent");
    }

    private static void awaitText(FxRobot robot, String text) {
        await().atMost(Duration.ofSeconds(60)).until(() -> shown(robot, text).isPresent());
    }

    private static Optional<Node> shown(FxRobot robot, String text) {
        return robot.lookup((Node node) -> node instanceof Labeled labeled && text.equals(labeled.getText())
                && node.isVisible()).tryQuery();
    }

    static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
