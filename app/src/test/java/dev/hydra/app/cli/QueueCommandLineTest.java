package dev.hydra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.app.AppComposition;
import dev.hydra.app.AppPaths;
import dev.hydra.services.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** hydra queue … in-process, each command with a fresh composition root (a restart), on the H2 file database. */
class QueueCommandLineTest {

    @TempDir
    Path home;

    private final MockWebServer endpoint = new MockWebServer();
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() throws Exception {
        endpoint.start();
        Files.writeString(home.resolve("hydra.yaml"), "queue:\n  pollInterval: 200ms\n");
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void aWebhookJobQueuedFromTheCommandLineRunsAndIsListedAfterARestart() throws Exception {
        endpoint.enqueue(new MockResponse.Builder().code(200).body("{\"ok\": true}").build());
        String payload = "{\"url\": \"" + endpoint.url("/webhook/nightly") + "\", \"body\": {\"chapter\": 3}}";

        assertThat(run("queue", "add", "webhook", "--title", "Nightly n8n flow", "--payload", payload,
                "--priority", "high")).as(err.toString()).isZero();
        String id = out.toString().strip();
        try (AppComposition desktop = app()) {
            desktop.role("desktop");
            desktop.jobs().start();
            await().atMost(Duration.ofSeconds(20)).until(() -> desktop.jobs().find(id).orElseThrow().state()
                    .id().equals("succeeded"));
        }
        RecordedRequest call = endpoint.takeRequest(5, TimeUnit.SECONDS);
        assertThat(call.getUrl().encodedPath()).isEqualTo("/webhook/nightly");

        assertThat(run("queue", "list", "--json")).isZero();
        JsonNode jobs = Json.mapper().readTree(out.toString());
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).get("id").asText()).isEqualTo(id);
        assertThat(jobs.get(0).get("state").asText()).isEqualTo("succeeded");
        assertThat(jobs.get(0).get("priority").asText()).isEqualTo("high");
        assertThat(jobs.get(0).get("title").asText()).isEqualTo("Nightly n8n flow");

        assertThat(run("queue", "show", id.substring(0, 8), "--json")).isZero();
        JsonNode detail = Json.mapper().readTree(out.toString());
        assertThat(detail.get("outputs").get("text").asText()).isEqualTo("{\"ok\": true}");
        assertThat(detail.get("events").findValuesAsText("kind")).containsExactly("queued", "started", "succeeded");
    }

    @Test
    void aMalformedPayloadIsRefusedAtAddWithAClearMessage() {
        assertThat(run("queue", "add", "webhook", "--title", "t", "--payload", "{\"url\": ")).isEqualTo(2);
        assertThat(err.toString()).startsWith("Refused: --payload is not valid JSON: Unexpected end-of-input");

        assertThat(run("queue", "add", "webhook", "--title", "t", "--payload", "{\"method\": \"POST\"}")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("Refused: webhook payload: the payload needs \"url\" (e.g. "
                + "\"http://hydra-storage:5678/webhook/briefing\")");

        assertThat(run("queue", "add", "maintenance", "--title", "t", "--payload", "{\"command\": \"rm -rf /\"}"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("is not an allowed maintenance command; allowed: none (add them under "
                + "queue.maintenanceCommands in hydra.yaml)");

        assertThat(run("queue", "add", "webhook", "--title", "t", "--payload", "@" + home.resolve("missing.json")))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--payload file " + home.resolve("missing.json") + " does not exist");

        assertThat(run("queue", "add", "webhook", "--title", "t", "--payload", "[1, 2]")).isEqualTo(2);
        assertThat(run("queue", "list")).isZero();
        assertThat(out.toString().strip()).isEqualTo("No jobs.");
    }

    @Test
    void cancelAndRetryFromTheCommandLine() throws Exception {
        Path payload = home.resolve("hook.json");
        Files.writeString(payload, "{\"url\": \"" + endpoint.url("/x") + "\"}");
        assertThat(run("queue", "add", "webhook", "--title", "later", "--payload", "@" + payload)).isZero();
        String id = out.toString().strip();

        assertThat(run("queue", "cancel", id)).isZero();
        assertThat(out.toString()).startsWith("Cancelled " + id);
        assertThat(run("queue", "cancel", id)).isEqualTo(1);
        assertThat(err.toString()).contains("has already finished (cancelled)");
        assertThat(run("queue", "retry", id.substring(0, 6))).isZero();
        assertThat(run("queue", "list", "--state", "pending", "--json")).as(err.toString()).isZero();
        assertThat(Json.mapper().readTree(out.toString()).get(0).get("id").asText()).isEqualTo(id);
        assertThat(run("queue", "retry", "ffffffff")).isEqualTo(4);
        assertThat(err.toString()).contains("No job ffffffff");
        assertThat(run("queue", "list", "--state", "sleeping")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown state 'sleeping'; one of: pending, waiting_for_resources");
    }

    private AppComposition app() {
        return new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", home.toString()), "Linux", home),
                Clock.systemUTC(), Map.of("PATH", home.toString()));
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        try (AppComposition app = app()) {
            CommandLine commandLine = HydraCommand.commandLine(app);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            return commandLine.execute(args);
        }
    }
}
