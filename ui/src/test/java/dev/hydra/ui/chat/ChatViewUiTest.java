package dev.hydra.ui.chat;

import static dev.hydra.services.testing.ScriptedTurn.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydra.services.chat.LettaClient;
import dev.hydra.services.chat.LettaEndpoint;
import dev.hydra.services.chat.LettaToken;
import dev.hydra.services.chat.SecretStore;
import dev.hydra.services.cluster.ClusterState;
import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.testing.FakeLettaAgent;
import dev.hydra.services.testing.FakeLettaServer;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.shell.HydraWindow;
import dev.hydra.ui.shell.UiContext;
import dev.hydra.ui.shell.ViewId;
import dev.hydra.ui.testing.SceneSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Chat view in the real window on the headless platform, against the fake Letta server: pick an agent, send,
 * see the streamed reply, expand the reasoning, edit a memory block. Pictures go to target/snapshots/.
 */
@ExtendWith(ApplicationExtension.class)
class ChatViewUiTest {

    private final FakeLettaServer server = FakeLettaServer.start();
    private final FakeLettaAgent steward = server.addAgent("hydra-steward", "anthropic/claude-sonnet-4", "cluster", "ops");
    private final FakeLettaAgent researcher = server.addAgent("night-researcher", "openai/gpt-4.1", "research");
    private HydraWindow window;

    @Start
    void start(Stage stage) {
        steward.pastExchange("Is the 4090 free tonight?", "Yes — nothing is queued on **hydra-ai** after 22:00.");
        steward.passage("ComfyUI renders run on hydra-compute", "gpu");
        LettaToken token = new LettaToken(Map.of(), SecretStore.inMemory());
        ChatSetup setup = new ChatSetup(server.url(), "night-researcher",
                new LettaClient(LettaEndpoint.of(server.url()), token), token);
        window = new HydraWindow(new UiContext(new IdleCluster(), Preferences.inMemory(), List.of(), "test",
                Clock.systemDefaultZone()).withChat(setup), new FxUiExecutor());
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pickSendSeeTheStreamExpandReasoningAndEditMemory(FxRobot robot) {
        robot.interact(() -> window.shell().show(ViewId.CHAT));
        await().atMost(Duration.ofSeconds(20)).until(() -> window.chat().stateProperty().get() == ChatViewModel.State.READY);

        ComboBox<?> picker = robot.lookup("#agent-picker").queryAs(ComboBox.class);
        assertThat(picker.getValue()).extracting("name").isEqualTo("night-researcher");
        robot.clickOn(picker);
        robot.clickOn((Node node) -> node instanceof Labeled l && "hydra-steward".equals(l.getText()) && node.isVisible());
        awaitText(robot, "Is the 4090 free tonight?");

        steward.script(turn().reasoning("Dana asks about tonight's load; check the queue first.")
                .callsTool("queue_status", "{\"node\": \"hydra-ai\"}", "0 jobs after 22:00")
                .editsMemory("human", "Name: Dana. Prefers short answers. Renders at night.")
                .says("Tonight is **free**:\n\n- no jobs after 22:00\n- the 4090 is idle\n\n```\nhydra queue list\n```")
                .inChunksOf(5).pacedAt(Duration.ofMillis(5)));
        robot.clickOn("#chat-input").write("What runs tonight?");
        robot.type(KeyCode.ENTER);
        awaitStyledText(robot, "free");
        await().atMost(Duration.ofSeconds(20)).until(() -> !window.chat().busyProperty().get());
        awaitText(robot, "queue_status");
        assertThat(shown(robot, "What runs tonight?")).isPresent();
        assertThat(shownText(robot, "hydra queue list")).as("the code block").isPresent();
        assertThat(shown(robot, "Dana asks about tonight's load; check the queue first.")).as("folded").isEmpty();

        robot.clickOn(shown(robot, "Reasoning").orElseThrow());
        awaitText(robot, "Dana asks about tonight's load; check the queue first.");
        robot.clickOn(shown(robot, "queue_status").orElseThrow());
        awaitText(robot, "0 jobs after 22:00");
        awaitText(robot, "changed by the agent");
        WaitForAsyncUtils.waitForFxEvents();
        SceneSnapshots.write(window.scene(), "chat-reasoning-expanded");

        TextArea persona = robot.lookup("#memory-persona").queryAs(TextArea.class);
        robot.interact(() -> persona.setText(""));
        robot.clickOn(persona).write("I am the steward. Answer in one line.");
        robot.clickOn("#save-persona");
        await().atMost(Duration.ofSeconds(10)).until(() -> steward.blockValue("persona")
                .equals("I am the steward. Answer in one line."));
        WaitForAsyncUtils.waitForFxEvents();
        SceneSnapshots.write(window.scene(), "chat-memory");
    }

    @Test
    void anApprovalShowsApproveAndDeny(FxRobot robot) {
        steward.script(turn().reasoning("Restarting is risky; ask first.").asksApproval("restart_container",
                "{\"node\": \"hydra-compute\", \"container\": \"comfyui\"}").says("ComfyUI was restarted."));
        robot.interact(() -> window.shell().show(ViewId.CHAT));
        await().atMost(Duration.ofSeconds(20)).until(() -> window.chat().stateProperty().get() == ChatViewModel.State.READY);
        robot.interact(() -> window.chat().select(window.chat().agents().stream()
                .filter(a -> a.name().equals("hydra-steward")).findFirst().orElseThrow()));
        awaitText(robot, "Is the 4090 free tonight?");

        robot.clickOn("#chat-input").write("Restart ComfyUI");
        robot.type(KeyCode.ENTER);
        awaitText(robot, "Approve restart_container?");
        await().atMost(Duration.ofSeconds(20)).until(() -> !window.chat().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        SceneSnapshots.write(window.scene(), "chat-approval");

        robot.clickOn((Node node) -> node instanceof Labeled l && "Approve".equals(l.getText()) && node.isVisible());
        awaitStyledText(robot, "ComfyUI was restarted.");
        awaitText(robot, "Approved");
        awaitText(robot, "Approved and done.");

        robot.interact(() -> window.shell().themeModeProperty().set(dev.hydra.ui.theme.ThemeMode.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        SceneSnapshots.write(window.scene(), "chat-dark");
    }

    private static void awaitText(FxRobot robot, String text) {
        await().atMost(Duration.ofSeconds(20)).until(() -> shown(robot, text).isPresent());
    }

    private static void awaitStyledText(FxRobot robot, String text) {
        await().atMost(Duration.ofSeconds(20)).until(() -> shownText(robot, text).isPresent());
    }

    private static Optional<Node> shown(FxRobot robot, String text) {
        return shownText(robot, text);
    }

    /** A Markdown run (Text in a TextFlow) or a label showing this text. */
    private static Optional<Node> shownText(FxRobot robot, String text) {
        return robot.lookup((Node node) -> (node instanceof Text t && text.equals(t.getText())
                || node instanceof Labeled l && text.equals(l.getText())) && parentsVisible(node)).tryQuery();
    }

    private static boolean parentsVisible(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** No nodes: the chat test needs none. */
    private static final class IdleCluster implements ClusterState {
        @Override
        public ClusterSnapshot latest() {
            return new ClusterSnapshot(java.time.Instant.now(), List.of(), Map.of());
        }

        @Override
        public AutoCloseable subscribe(Consumer<ClusterSnapshot> listener) {
            return () -> {
            };
        }

        @Override
        public void refreshNow() {
        }

        @Override
        public Duration refreshInterval() {
            return Duration.ofSeconds(2);
        }
    }
}
