package dev.hydra.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.hydra.services.cluster.LocalNodeCollector;
import dev.hydra.services.cluster.TelemetryService;
import dev.hydra.services.gpu.LocalNvidiaSmi;
import dev.hydra.services.host.OshiHostMetricsSource;
import dev.hydra.services.testing.NvidiaSmiStandIn;
import dev.hydra.services.transport.process.ExecutableLocator;
import dev.hydra.services.transport.process.LocalCommandRunner;
import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.testing.SceneSnapshots;
import dev.hydra.ui.theme.ThemeMode;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on JavaFX's headless platform, fed by a real collector: this machine through OSHI and a recorded
 * H100 under load through the nvidia-smi stand-in. Each view's picture is written to target/snapshots/.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowUiTest {

    private static TelemetryService telemetry;
    private static dev.hydra.services.store.Database database;
    private static dev.hydra.services.queue.JobService queue;
    private static final dev.hydra.ui.queue.DemoHandler LLM = new dev.hydra.ui.queue.DemoHandler("llm_task");
    private HydraWindow window;

    @BeforeAll
    static void startTelemetry() throws Exception {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(Files.createTempDirectory("nvsmi"), "h100-load");
        LocalNvidiaSmi gpus = new LocalNvidiaSmi(null, new ExecutableLocator(standIn.searchPath(), false),
                new LocalCommandRunner(), Duration.ofSeconds(10), Clock.systemUTC());
        telemetry = new TelemetryService(List.of(new LocalNodeCollector("workstation",
                new OshiHostMetricsSource(Duration.ofMillis(200)), gpus, Clock.systemUTC())),
                Duration.ofMillis(500), Clock.systemDefaultZone());
        telemetry.start();
        startQueue();
    }

    /** A queue with jobs in every state: GPU work waits (the recorded H100 is 100 % busy), two run, one failed. */
    private static void startQueue() throws Exception {
        database = dev.hydra.services.store.Database.openInMemory("window-" + java.util.UUID.randomUUID());
        var config = new dev.hydra.services.config.QueueConfig(2, null, null, null, null, Duration.ofMillis(100), null,
                Duration.ofMillis(200), null, null, null, null);
        queue = new dev.hydra.services.queue.JobService(database.dataSource(), database.jdbi(), config,
                List.of(LLM, new dev.hydra.ui.queue.DemoHandler("webhook"),
                        new dev.hydra.ui.queue.DemoHandler("image_generation")),
                telemetry, Clock.systemUTC(), "desktop@workstation", dev.hydra.services.queue.QueueMetrics.detached());
        queue.start();
        submit("webhook", "Nightly n8n briefing flow", "{\"answer\": \"{\\\"executionId\\\": 4711}\"}", null);
        submit("webhook", "CrewAI /run/research-crew", "{\"fail\": \"HTTP 404 from http://hydra-storage:8500/run/research-crew: "
                + "crew not found\"}", null);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> queue.list(
                List.of(dev.hydra.services.queue.JobState.SUCCEEDED, dev.hydra.services.queue.JobState.FAILED), null,
                10).size() == 2);
        submit("image_generation", "Chapter 3 · scene 12 · hero close-up", "{\"graph\": {}}", null);
        submit("llm_task", "Research: KV-cache quantization on 70B", "{\"hold\": true}", null);
        submit("llm_task", "Batch: alt texts for chapter 2", "{\"hold\": true}", null);
        submit("llm_task", "Summarise yesterday's GPU alerts", "{}", dev.hydra.services.queue.Priority.LOW);
    }

    private static void submit(String type, String title, String payload, dev.hydra.services.queue.Priority priority)
            throws Exception {
        var spec = dev.hydra.services.queue.JobSpec.of(type, title, (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.hydra.services.json.Json.mapper().readTree(payload)).withPriority(priority);
        if (type.equals("image_generation")) {
            spec = spec.withNeeds(new dev.hydra.services.queue.ResourceNeeds(true, 12, false));
        }
        queue.submit(spec);
    }

    @AfterAll
    static void stopTelemetry() {
        LLM.release();
        queue.stop();
        database.close();
        telemetry.close();
    }

    @Start
    void start(Stage stage) {
        Banner problem = new Banner(Banner.Kind.DANGER, "hydra.yaml has a problem, so the embedded default is in use",
                "/home/me/.config/hydra/hydra.yaml:3:18: 'refreshInterval' expects a duration such as 2s, 500ms or 1m, "
                        + "got \"fast\"");
        window = new HydraWindow(new UiContext(telemetry, Preferences.inMemory(), List.of(problem),
                "Config ~/.config/hydra/hydra.yaml · Data ~/.local/share/hydra · H2 file", Clock.systemDefaultZone())
                .withData(UiContext.Data.unavailable("no actions or library in this test").withQueue(queue)), new FxUiExecutor());
        stage.setScene(window.scene());
        stage.show();
    }

    @Test
    void opensOnTheClusterViewWithThisMachineAndTheConfigProblem(FxRobot robot) {
        awaitText(robot, "workstation");

        assertThat(title(robot)).isEqualTo("Cluster");
        assertThat(shown(robot, "hydra.yaml has a problem, so the embedded default is in use")).isPresent();
        assertThat(shown(robot, "live · every 500 ms")).as("the node is being read").isPresent();
        SceneSnapshots.write(window.scene(), "cluster");
    }

    @Test
    void ctrlDigitsSwitchBetweenTheFiveViews(FxRobot robot) {
        awaitText(robot, "workstation");
        String[] expected = {"Cluster", "GPUs", "Queue", "Review", "Chat"};
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        for (int i = expected.length - 1; i >= 0; i--) {
            robot.press(KeyCode.CONTROL, digits[i]).release(digits[i], KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(title(robot)).isEqualTo(expected[i]);
        }
    }

    @Test
    void eachViewShowsWhatItHasAndIsPhotographed(FxRobot robot) {
        awaitText(robot, "workstation");
        for (ViewId view : ViewId.values()) {
            robot.interact(() -> window.shell().show(view));
            if (view == ViewId.GPUS) {
                awaitText(robot, "GPU 0 · NVIDIA H100 80GB HBM3");
                assertThat(shown(robot, "./gpu_burn")).as("processes are listed").isPresent();
                assertThat(shown(robot, "15.3 GiB")).isPresent();
                assertThat(robot.lookup(".hl-gpu-tile .hl-meter-bar").queryAllAs(ProgressBar.class))
                        .as("the VRAM and power bars are drawn, not squeezed to nothing")
                        .allSatisfy(bar -> assertThat(bar.getHeight()).isGreaterThan(4));
                assertThat(robot.lookup(".hl-gpu-tile .hl-meter-bar").queryAllAs(ProgressBar.class))
                        .as("the VRAM (19.4 of 79.6 GiB) and power (632 of 700 W) bars are filled")
                        .extracting(ProgressBar::getProgress)
                        .satisfiesExactly(vram -> assertThat(vram).isCloseTo(0.244, within(0.01)),
                                power -> assertThat(power).isCloseTo(0.903, within(0.01)));
            }
            if (view == ViewId.QUEUE) {
                awaitText(robot, "Research: KV-cache quantization on 70B");
                awaitText(robot, "60 % KSampler 12/20");
                assertThat(shown(robot, "Chapter 3 · scene 12 · hero close-up")).isPresent();
                robot.interact(() -> {
                    @SuppressWarnings("unchecked")
                    var table = (javafx.scene.control.TableView<dev.hydra.ui.queue.JobRow>) robot.lookup("#queue-table")
                            .queryAs(javafx.scene.control.TableView.class);
                    table.getItems().stream().filter(r -> r.title().startsWith("CrewAI")).findFirst()
                            .ifPresent(r -> table.getSelectionModel().select(r));
                });
                awaitText(robot, "Last error");
            }
            if (view == ViewId.REVIEW) {
                assertThat(shown(robot, "Review is unavailable")).as("no library in this test").isPresent();
            }
            if (view == ViewId.CHAT) {
                assertThat(shown(robot, "Chat is not set up")).as("no letta.url: the view says how to connect").isPresent();
            }
            WaitForAsyncUtils.waitForFxEvents();
            SceneSnapshots.write(window.scene(), view.name().toLowerCase());
        }
        robot.interact(() -> window.shell().themeModeProperty().set(ThemeMode.DARK));
        robot.interact(() -> window.shell().show(ViewId.GPUS));
        WaitForAsyncUtils.waitForFxEvents();
        SceneSnapshots.write(window.scene(), "gpus-dark");
    }

    @Test
    void ctrlKOpensThePaletteAndTypingNavigates(FxRobot robot) {
        awaitText(robot, "workstation");

        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.shell().palette().openProperty().get()).isTrue();
        robot.write("gpus");
        WaitForAsyncUtils.waitForFxEvents();
        SceneSnapshots.write(window.scene(), "palette");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.shell().palette().openProperty().get()).isFalse();
        assertThat(title(robot)).isEqualTo("GPUs");
    }

    @Test
    void aColonOpensThePaletteAsInK9sAndEscapeClosesIt(FxRobot robot) {
        awaitText(robot, "workstation");

        robot.write(":");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.shell().palette().openProperty().get()).isTrue();
        robot.type(KeyCode.DOWN).type(KeyCode.DOWN);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.shell().palette().openProperty().get()).isFalse();
        assertThat(title(robot)).as("Escape runs nothing").isEqualTo("Cluster");
    }

    private static String title(FxRobot robot) {
        return robot.lookup("#viewTitle").queryAs(Label.class).getText();
    }

    private static void awaitText(FxRobot robot, String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> shown(robot, text).isPresent());
    }

    /** A visible label, button or table cell showing exactly this text. */
    private static java.util.Optional<Node> shown(FxRobot robot, String text) {
        return robot.lookup((Node node) -> node instanceof Labeled labeled && text.equals(labeled.getText())
                && node.isVisible()).tryQuery();
    }
}
