package dev.hydra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.app.cli.HydraCommand;
import dev.hydra.app.desktop.Desktop;
import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.json.Json;
import dev.hydra.services.store.AuditEntry;
import dev.hydra.services.testing.DockerDaemon;
import dev.hydra.services.testing.MonitoringStack;
import dev.hydra.services.testing.NvidiaSmiStandIn;
import dev.hydra.services.testing.SshServer;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.shell.HydraWindow;
import dev.hydra.ui.shell.UiContext;
import dev.hydra.ui.shell.ViewId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * The "done when", against real components started by the test: a hydra.yaml naming a real Prometheus
 * (scraping a real node_exporter and a recorded GPU exporter), a real Alertmanager, a real sshd whose node serves
 * the nvidia-smi stand-in, and a real dockerd (reached directly, and through SSH). It shows all of them in
 * {@code hydra status --json} and in the window; a restart of a protected container needs its typed name and lands
 * in the audit log; killing the sshd marks its node unreachable within two refresh intervals while the other node
 * keeps updating.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEndToEndTest {

    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static Path home;
    private static SshServer sshd;
    private static DockerDaemon docker;
    private static AppComposition app;
    private HydraWindow window;

    @BeforeAll
    static void startTheCluster() throws Exception {
        home = Files.createTempDirectory("hydra-e2e");
        MonitoringStack monitoring = MonitoringStack.shared();
        docker = DockerDaemon.shared();
        String webPid = docker.docker("inspect", "-f", "{{.State.Pid}}", "web").strip();
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(home.resolve("node-bin"), "h100-load")
                .printingForComputeApps("gpu_uuid, pid, process_name, used_gpu_memory [MiB]\n"
                        + "GPU-00000000-0000-0000-0000-000000000000, " + webPid + ", python serve.py, 15690 MiB\n");
        sshd = SshServer.start(home.resolve("sshd"), standIn.searchPath());
        Files.writeString(home.resolve("hydra.yaml"), """
                refreshInterval: 1s
                localNode: {enabled: false}
                prometheus: {url: "%s"}
                alertmanager: {url: "%s"}
                nodes:
                  - name: gpu-node
                    host: 127.0.0.1
                    prometheusInstance: "gpu-node:9100"
                    ssh: {user: %s, port: %d, identityFile: "%s"}
                    docker: "ssh://%s"
                  - name: storage
                    host: storage.invalid
                    docker: "%s"
                services:
                  - {name: Prometheus, url: "%s/-/ready", node: storage}
                  - {name: Letta, url: "http://127.0.0.1:1/v1/health"}
                actions:
                  protectedContainers: [web, postgres]
                """.formatted(monitoring.prometheusUrl(), monitoring.alertmanagerUrl(), sshd.user(), sshd.port(),
                sshd.clientKey(), docker.socket(), docker.host(), monitoring.prometheusUrl()));
        app = new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", home.toString()), "Linux", home), Clock.systemUTC(),
                Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"));
        assertThat(app.loadedConfig().problem()).isEmpty();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        window = new HydraWindow(new UiContext(app.telemetry(), Preferences.inMemory(), List.of(), "e2e",
                Clock.systemDefaultZone()).withControls(Desktop.controls(app))
                .withData(UiContext.Data.unavailable("no queue or library in this test")
                        .withActions(app.actions(), app.actor())), new FxUiExecutor());
        stage.setScene(window.scene());
        stage.show();
    }

    @Test
    @Order(1)
    void anUnknownHostKeyIsShownAndAcceptedOnceFromTheCommandLine() throws Exception {
        StringWriter out = new StringWriter();
        ClusterSnapshot first = app.telemetry().collectOnce(Duration.ofSeconds(10));
        NodeSnapshot gpuNode = node(first, "gpu-node");
        assertThat(gpuNode.pendingHostKey()).isEqualTo(sshd.hostKeyFingerprint());
        assertThat(gpuNode.reachable()).isFalse();

        int code = cli(out, "trust-host", "gpu-node", "--fingerprint", sshd.hostKeyFingerprint());

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains(sshd.hostKeyFingerprint(), "Trusted");
        assertThat(app.actions().recentActions(1).getFirst().action()).isEqualTo("ssh.trust-host-key");
    }

    @Test
    @Order(2)
    void statusJsonShowsEveryRealSource() throws Exception {
        StringWriter out = new StringWriter();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            out.getBuffer().setLength(0);
            cli(out, "status", "--json", "--timeout", "10s");
            JsonNode gpuNode = jsonNode(out, "gpu-node");
            assertThat(gpuNode.path("cpu").path("percent").isNumber()).as(out.toString()).isTrue();
            assertThat(gpuNode.path("gpus").path(0).path("processes").path(0).path("container").asText()).isEqualTo("web");
            assertThat(gpuNode.path("containers").size()).isGreaterThanOrEqualTo(3);
        });
        JsonNode root = Json.mapper().readTree(out.toString());
        JsonNode storage = jsonNode(out, "storage");
        assertThat(storage.path("reachable").asBoolean()).isTrue();
        assertThat(storage.path("hostVia").asText()).isEqualTo("Prometheus (node_exporter)");
        assertThat(storage.path("memory").path("totalBytes").asLong()).isPositive();
        assertThat(containers(storage)).containsEntry("web", "healthy").containsEntry("flaky", "unhealthy")
                .containsEntry("batch", "none");
        assertThat(storage.path("alerts").path(0).path("name").asText()).isEqualTo("AlwaysFiring");
        JsonNode gpuNode = jsonNode(out, "gpu-node");
        assertThat(gpuNode.path("hostVia").asText()).isEqualTo("SSH (/proc)");
        assertThat(gpuNode.path("gpusVia").asText()).isEqualTo("Prometheus (nvidia_gpu_exporter) + nvidia-smi over SSH");
        JsonNode gpu = gpuNode.path("gpus").path(0);
        assertThat(gpu.path("name").asText()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(gpu.path("defaultPowerLimitW").asDouble()).isEqualTo(700.0);
        assertThat(gpuNode.path("alerts").size()).as("AlwaysFiring is labelled node=storage").isZero();
        assertThat(root.path("services").path(0).path("healthy").asBoolean()).isTrue();
        assertThat(root.path("services").path(1).path("healthy").asBoolean()).isFalse();
        assertThat(root.path("alerts").size()).isPositive();
    }

    @Test
    @Order(3)
    void theWindowShowsNodesContainersAlertsServicesAndGpus(FxRobot robot) throws Exception {
        app.telemetry().start();
        awaitShown(robot, "gpu-node");
        awaitShown(robot, "storage");
        awaitShown(robot, "AlwaysFiring");
        awaitShown(robot, "Prometheus");
        await().atMost(Duration.ofSeconds(30)).until(() -> containerItem(robot, "storage", "flaky").isPresent());
        snapshot(robot, "e2e-cluster");

        robot.interact(() -> window.shell().show(ViewId.GPUS));
        awaitShown(robot, "GPU 0 · NVIDIA H100 80GB HBM3");
        awaitShown(robot, "web");
        awaitShown(robot, "via Prometheus (nvidia_gpu_exporter) + nvidia-smi over SSH");
        snapshot(robot, "e2e-gpus");
    }

    @Test
    @Order(4)
    void restartingAProtectedContainerNeedsItsTypedNameAndIsAudited(FxRobot robot) throws Exception {
        app.telemetry().start();
        robot.interact(() -> window.shell().show(ViewId.CLUSTER));
        await().atMost(Duration.ofSeconds(30)).until(() -> containerItem(robot, "storage", "web").isPresent());
        String startedBefore = docker.docker("inspect", "-f", "{{.State.StartedAt}}", "web").strip();
        TreeTableView<?> table = robot.lookup("#containers").queryAs(TreeTableView.class);
        robot.interact(() -> select(table, containerItem(robot, "storage", "web").orElseThrow()));
        Button restart = robot.lookup("#container-restart").queryAs(Button.class);
        assertThat(restart.isDisabled()).isFalse();
        robot.interact(restart::fire);
        WaitForAsyncUtils.waitForFxEvents();

        Button confirm = robot.lookup("#confirm-action").queryAs(Button.class);
        assertThat(confirm.isDisabled()).as("nothing typed yet").isTrue();
        robot.clickOn("#confirm-typed").write("wbe");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(confirm.isDisabled()).as("a wrong name").isTrue();
        snapshot(robot, "e2e-confirm-protected");
        robot.interact(() -> robot.lookup("#confirm-typed").queryAs(TextField.class).setText("web"));
        robot.clickOn("#confirm-action");

        await().atMost(Duration.ofSeconds(40)).until(() -> !docker.docker("inspect", "-f", "{{.State.StartedAt}}",
                "web").strip().equals(startedBefore));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            AuditEntry entry = app.actions().recentActions(1).getFirst();
            assertThat(entry.action()).isEqualTo("container.restart");
            assertThat(entry.target()).isEqualTo("storage/web");
            assertThat(entry.outcome()).isEqualTo("ok");
            assertThat(entry.actor()).isEqualTo(app.actor());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#action-result")
                .queryAs(atlantafx.base.controls.Message.class).getDescription(), text -> text != null
                && text.startsWith("Done: Restart container web on storage"));

        robot.interact(() -> select(table, containerItem(robot, "storage", "web").orElseThrow()));
        Button logs = robot.lookup("#container-logs").queryAs(Button.class);
        robot.interact(logs::fire);
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#container-log")
                .queryAs(javafx.scene.control.ListView.class).getItems()
                .contains(new dev.hydra.services.containers.LogLine("web warning", true)));
        Node whole = ((javafx.scene.control.ScrollPane) robot.lookup(".hl-cluster-view .scroll-pane").query())
                .getContent();
        snapshot(whole, "e2e-cluster-whole");

        robot.interact(() -> window.shell().show(ViewId.AUDIT));
        awaitShown(robot, "storage/web");
        snapshot(robot, "e2e-audit");
    }

    @Test
    @Order(5)
    void killingTheSshdMarksItsNodeUnreachableWithinTwoIntervalsWhileTheOtherKeepsUpdating() {
        app.telemetry().start();
        await().atMost(Duration.ofSeconds(30)).until(() -> node(app.telemetry().latest(), "gpu-node").reachable());
        Instant storageBefore = node(app.telemetry().latest(), "storage").observedAt();

        Instant killed = Instant.now();
        sshd.close();

        await().atMost(REFRESH.multipliedBy(2)).until(() -> !node(app.telemetry().latest(), "gpu-node").reachable());
        Duration detected = Duration.between(killed, Instant.now());
        assertThat(detected).isLessThanOrEqualTo(REFRESH.multipliedBy(2));
        await().atMost(REFRESH.multipliedBy(3)).until(() -> node(app.telemetry().latest(), "storage").observedAt()
                .isAfter(storageBefore.plus(REFRESH)));
        NodeSnapshot down = node(app.telemetry().latest(), "gpu-node");
        assertThat(down.source("ssh").orElseThrow().message()).contains("cannot connect to 127.0.0.1:" + sshd.port());
        assertThat(down.gpus()).as("last known GPUs stay, marked stale").isNotEmpty();
    }

    private static NodeSnapshot node(ClusterSnapshot snapshot, String name) {
        return snapshot.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode jsonNode(StringWriter out, String name) throws Exception {
        for (JsonNode node : Json.mapper().readTree(out.toString()).path("nodes")) {
            if (node.path("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no node " + name + " in " + out);
    }

    private static Map<String, String> containers(JsonNode node) {
        Map<String, String> health = new java.util.HashMap<>();
        node.path("containers").forEach(c -> health.put(c.path("name").asText(), c.path("health").asText()));
        return health;
    }

    private static int cli(StringWriter out, String... args) {
        CommandLine commandLine = HydraCommand.commandLine(app);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void select(TreeTableView table, TreeItem item) {
        table.getSelectionModel().select(item);
    }

    private static Optional<TreeItem<?>> containerItem(FxRobot robot, String node, String name) {
        TreeTableView<?> table = robot.lookup("#containers").queryAs(TreeTableView.class);
        if (table.getRoot() == null) {
            return Optional.empty();
        }
        return find(table.getRoot(), node, name);
    }

    private static Optional<TreeItem<?>> find(TreeItem<?> item, String node, String name) {
        if (item.getValue() instanceof dev.hydra.ui.cluster.LiveContainerRow live && name.equals(live.row().name())
                && node.equals(live.row().node())) {
            return Optional.of(item);
        }
        for (TreeItem<?> child : item.getChildren()) {
            Optional<TreeItem<?>> found = find(child, node, name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static void awaitShown(FxRobot robot, String text) {
        await().atMost(Duration.ofSeconds(60)).until(() -> robot.lookup((Node node) -> node instanceof Labeled labeled
                && text.equals(labeled.getText()) && node.isVisible()).tryQuery().isPresent()
                || robot.lookup((Node node) -> node instanceof javafx.scene.control.IndexedCell<?> cell
                && text.equals(cell.getText())).tryQuery().isPresent());
    }

    private void snapshot(FxRobot robot, String name) throws Exception {
        snapshot(window.scene().getRoot(), name);
    }

    private static void snapshot(Node node, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        var image = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get();
        Path dir = Path.of("target", "snapshots");
        Files.createDirectories(dir);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
    }
}
