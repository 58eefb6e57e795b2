package dev.hydra.services.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.actions.ActionResult.Outcome;
import dev.hydra.services.actions.ClusterAction.GpuEcoMode;
import dev.hydra.services.actions.ClusterAction.RestartContainer;
import dev.hydra.services.actions.ClusterAction.StartContainer;
import dev.hydra.services.alerts.AlertSource;
import dev.hydra.services.config.ActionsConfig;
import dev.hydra.services.containers.ContainerRuntime;
import dev.hydra.services.containers.DockerContainerRuntime;
import dev.hydra.services.store.AuditEntry;
import dev.hydra.services.store.AuditLog;
import dev.hydra.services.store.Database;
import dev.hydra.services.testing.DockerDaemon;
import dev.hydra.services.testing.NvidiaSmiStandIn;
import dev.hydra.services.transport.process.LocalCommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Confirmation, rate limits and the audit log, acting on a real dockerd and a real H2 database. */
class ActionServiceTest {

    private final DockerDaemon docker = DockerDaemon.shared();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T10:00:00Z"));
    private final Clock clock = new Clock() {
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now.get();
        }
    };
    private Database database;
    private DockerContainerRuntime runtime;
    private NvidiaSmiStandIn standIn;
    private ActionService actions;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        database = Database.openInMemory("actions-" + System.nanoTime());
        runtime = new DockerContainerRuntime("box", docker.host(), null, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Clock.systemUTC(), () -> { });
        standIn = NvidiaSmiStandIn.install(dir.resolve("bin"), "h100-load");
        GpuPowerControl power = new GpuPowerControl(new LocalCommandRunner(), standIn.executable().toString(), false,
                Duration.ofSeconds(5));
        ActionTargets targets = new ActionTargets() {
            public Optional<ContainerRuntime> containers(String node) {
                return node.equals("box") ? Optional.of(runtime) : Optional.empty();
            }

            public Optional<GpuPowerControl> gpuPower(String node) {
                return node.equals("box") ? Optional.of(power) : Optional.empty();
            }

            public Optional<AlertSource> alertSource() {
                return Optional.empty();
            }

            public void trustHostKey(String node, String fingerprint) throws IOException {
                throw new IOException("no SSH in this test");
            }
        };
        actions = new ActionService(targets, new AuditLog(database.jdbi(), clock),
                new ActionsConfig(List.of("web"), 0.7, 2, 100), clock);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        database.close();
    }

    @Test
    void aProtectedContainerRestartsOnlyWithItsNameTypedAndEveryAttemptIsAudited() {
        String id = docker.docker("inspect", "-f", "{{.Id}}", "web").strip();
        String startedBefore = docker.docker("inspect", "-f", "{{.State.StartedAt}}", "web").strip();
        RestartContainer restart = new RestartContainer("box", id, "web");

        assertThat(actions.requirement(restart).mustType()).isEqualTo("web");
        ActionResult clicked = actions.perform(restart, "me@desk", Confirmation.clicked());
        ActionResult mistyped = actions.perform(restart, "me@desk", Confirmation.typed("wbe"));
        assertThat(clicked.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(mistyped.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(docker.docker("inspect", "-f", "{{.State.StartedAt}}", "web").strip()).isEqualTo(startedBefore);

        ActionResult typed = actions.perform(restart, "me@desk", Confirmation.typed("web"));

        assertThat(typed.outcome()).isEqualTo(Outcome.OK);
        assertThat(docker.docker("inspect", "-f", "{{.State.StartedAt}}", "web").strip()).isNotEqualTo(startedBefore);
        List<AuditEntry> log = actions.recentActions(10);
        assertThat(log).extracting(AuditEntry::outcome).containsExactly("ok", "refused", "refused");
        assertThat(log.getFirst()).satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("me@desk");
            assertThat(entry.action()).isEqualTo("container.restart");
            assertThat(entry.target()).isEqualTo("box/web");
        });
        assertThat(log.get(1).detail()).contains("got \"wbe\"");
    }

    @Test
    void dangerousActionsAreRateLimitedAndTheLimitRefills() {
        GpuEcoMode eco = new GpuEcoMode("box", "GPU-0", 0, "H100", true, 700.0);
        assertThat(actions.perform(eco, "me", Confirmation.clicked()).outcome()).isEqualTo(Outcome.OK);
        assertThat(standIn.powerLimitSet()).contains("490");
        assertThat(actions.perform(eco, "me", Confirmation.clicked()).outcome()).isEqualTo(Outcome.OK);

        ActionResult third = actions.perform(eco, "me", Confirmation.clicked());
        assertThat(third.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(third.message()).startsWith("rate limit: at most 2 restarts, stops and power-limit changes per 60 s");
        String batch = docker.docker("inspect", "-f", "{{.Id}}", "batch").strip();
        assertThat(actions.perform(new StartContainer("box", batch, "batch"), "me", Confirmation.clicked()).outcome())
                .as("ordinary actions have their own, larger budget").isEqualTo(Outcome.OK);

        now.set(now.get().plusSeconds(61));
        assertThat(actions.perform(new GpuEcoMode("box", "GPU-0", 0, "H100", false, 700.0), "me",
                Confirmation.clicked()).outcome()).isEqualTo(Outcome.OK);
        assertThat(standIn.powerLimitSet()).contains("700");
    }

    @Test
    void failuresAreReportedAndAuditedWithTheirError() {
        standIn.denyingPowerLimits();
        ActionResult denied = actions.perform(new GpuEcoMode("box", "GPU-0", 0, "H100", true, 700.0), "me",
                Confirmation.clicked());
        assertThat(denied.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(denied.message()).contains("Insufficient Permissions", "ssh.sudo");

        ActionResult unknownDefault = actions.perform(new GpuEcoMode("box", "GPU-0", 0, "H100", true, null), "me",
                Confirmation.clicked());
        assertThat(unknownDefault.message()).contains("default power limit of GPU 0 is unknown");

        now.set(now.get().plusSeconds(61));
        ActionResult gone = actions.perform(new RestartContainer("box", "deadbeef", "ghost"), "me",
                Confirmation.clicked());
        assertThat(gone.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(actions.recentActions(10)).extracting(AuditEntry::outcome).containsOnly("failed");
        assertThat(actions.recentActions(1).getFirst().detail()).contains("no container deadbeef on box");
    }
}
