package dev.hydra.app;

import static dev.hydra.services.testing.ScriptedTurn.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobSpec;
import dev.hydra.services.review.Asset;
import dev.hydra.services.review.AssetQuery;
import dev.hydra.services.review.AssetSource;
import dev.hydra.services.review.AssetSummary;
import dev.hydra.services.review.ReviewState;
import dev.hydra.services.store.AuditEntry;
import dev.hydra.services.store.AuditLog;
import dev.hydra.services.testing.FakeComfyUi;
import dev.hydra.services.testing.FakeLettaServer;
import dev.hydra.services.testing.SshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs that reach other features through the composition root: maintenance commands on a cluster node over a real
 * OpenSSH sshd, letta_message jobs through the Letta client against the fake Letta server, and generated images
 * into the review library.
 */
class JobBindingsTest {

    @TempDir
    Path home;

    @Test
    void aMaintenanceJobRunsItsAllowListedCommandOnARemoteNodeOverSsh() throws Exception {
        try (SshServer sshd = SshServer.start(home.resolve("sshd"), "/usr/bin:/bin")) {
            Files.writeString(home.resolve("hydra.yaml"), """
                    queue:
                      pollInterval: 200ms
                      maintenanceCommands:
                        say-where: [sh, -c, "echo ran-on-$(hostname)-as-$(id -un)"]
                    nodes:
                      - name: storage
                        host: 127.0.0.1
                        ssh: {user: %s, port: %d, identityFile: "%s"}
                    """.formatted(sshd.user(), sshd.port(), sshd.clientKey()));
            Files.createDirectories(home.resolve("ssh"));
            Files.writeString(home.resolve("ssh/known_hosts"), sshd.knownHostsLine() + "\n");
            try (AppComposition app = app(Map.of())) {
                app.role("desktop");
                app.jobs().start();
                Job job = app.jobs().submit(JobSpec.of("maintenance", "Where am I",
                        Json.mapper().createObjectNode().put("command", "say-where").put("node", "storage")));

                await().atMost(Duration.ofSeconds(30)).until(() -> app.jobs().find(job.id()).orElseThrow().state()
                        .id().matches("succeeded|failed"));
                Job done = app.jobs().find(job.id()).orElseThrow();
                assertThat(done.state().id()).as(String.valueOf(done.lastError())).isEqualTo("succeeded");
                assertThat(done.outputs().text()).startsWith("ran-on-").contains("-as-" + sshd.user());
                AuditEntry audited = new AuditLog(app.database().jdbi(), Clock.systemUTC()).recent(5).stream()
                        .filter(e -> e.action().equals("maintenance.run")).findFirst().orElseThrow();
                assertThat(audited.target()).isEqualTo("storage");
                assertThat(audited.outcome()).isEqualTo("ok");
            }
        }
    }

    @Test
    void aLettaMessageJobStoresTheAgentsReply() throws Exception {
        try (FakeLettaServer letta = FakeLettaServer.start()) {
            letta.addAgent("hydra-steward", "anthropic/claude-sonnet-4")
                    .script(turn().reasoning("Summarise the night.").says("Good morning. 42 images, 2 jobs failed."));
            Files.writeString(home.resolve("hydra.yaml"), """
                    queue:
                      pollInterval: 200ms
                    letta:
                      url: %s
                    """.formatted(letta.url()));
            try (AppComposition app = app(Map.of())) {
                app.role("desktop");
                app.jobs().start();
                Job job = app.jobs().submit(JobSpec.of("letta_message", "Morning briefing",
                        Json.mapper().createObjectNode().put("agent", "hydra-steward").put("message", "Briefing, please")));

                await().atMost(Duration.ofSeconds(30)).until(() -> app.jobs().find(job.id()).orElseThrow().state()
                        .id().matches("succeeded|failed"));
                Job done = app.jobs().find(job.id()).orElseThrow();
                assertThat(done.state().id()).as(String.valueOf(done.lastError())).isEqualTo("succeeded");
                assertThat(done.outputs().text()).isEqualTo("Good morning. 42 images, 2 jobs failed.");
            }
            assertThat(letta.requests("POST", "/v1/agents/").stream().map(r -> r.json().toString()))
                    .anyMatch(body -> body.contains("Briefing, please"));
        }
    }

    @Test
    void imagesAGenerationJobProducesArriveInTheReviewLibraryWithTheJobAsOrigin() throws Exception {
        try (FakeComfyUi comfy = FakeComfyUi.start()) {
            Files.writeString(home.resolve("hydra.yaml"), """
                    queue:
                      pollInterval: 200ms
                      types:
                        image_generation: {gpu: false}
                    comfyui:
                      url: %s
                    """.formatted(comfy.url()));
            try (AppComposition app = app(Map.of())) {
                app.role("desktop");
                app.jobs().start();
                ObjectNode payload = Json.mapper().createObjectNode();
                payload.set("graph", FakeComfyUi.textToImage("a lighthouse at dusk", 4242));
                Job job = app.jobs().submit(JobSpec.of("image_generation", "Lighthouse", payload));

                await().atMost(Duration.ofSeconds(30)).until(() -> app.jobs().find(job.id()).orElseThrow().state()
                        .id().matches("succeeded|failed"));
                Job done = app.jobs().find(job.id()).orElseThrow();
                assertThat(done.state().id()).as(String.valueOf(done.lastError())).isEqualTo("succeeded");
                Path file = Path.of(done.outputs().files().getFirst());

                List<AssetSummary> assets = app.assets().list(AssetQuery.ALL);
                assertThat(assets).singleElement().satisfies(summary -> {
                    assertThat(summary.path()).isEqualTo(file);
                    assertThat(summary.state()).isEqualTo(ReviewState.PENDING);
                });
                Asset asset = app.assets().get(assets.getFirst().id()).orElseThrow();
                assertThat(asset.origin().source()).isEqualTo(AssetSource.JOB);
                assertThat(asset.origin().jobId()).isEqualTo(job.id());
                assertThat(asset.metadata().finalPass().orElseThrow().positive()).containsExactly("a lighthouse at dusk");
            }
        }
    }

    private AppComposition app(Map<String, String> env) {
        return new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", home.toString()), "Linux", home),
                Clock.systemUTC(), env);
    }
}
