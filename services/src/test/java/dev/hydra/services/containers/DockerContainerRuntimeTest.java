package dev.hydra.services.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.testing.DockerDaemon;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** docker-java against a real dockerd 20.10 (API 1.41) on a private socket. */
class DockerContainerRuntimeTest {

    private final DockerDaemon docker = DockerDaemon.shared();
    private final AtomicInteger changes = new AtomicInteger();
    private final DockerContainerRuntime runtime = new DockerContainerRuntime("box", docker.host(), "1.44",
            Duration.ofSeconds(5), Duration.ofMillis(500), Clock.systemUTC(), changes::incrementAndGet);

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void listsContainersWithHealthFromInspectAndNegotiatesTheApiVersion() {
        ContainerReport report = runtime.read();

        assertThat(report.status().state()).isEqualTo(SourceStatus.State.OK);
        assertThat(runtime.apiVersion()).as("20.10 refuses 1.44 and names 1.41").isEqualTo("1.41");
        Container web = named(report, "web");
        assertThat(web.health()).isEqualTo(Container.Health.HEALTHY);
        assertThat(web.state()).isEqualTo("running");
        assertThat(web.composeProject()).isEqualTo("ai-stack");
        assertThat(web.image()).isEqualTo(DockerDaemon.IMAGE);
        assertThat(web.startedAt()).isNotNull();
        assertThat(named(report, "flaky").health()).isEqualTo(Container.Health.UNHEALTHY);
        Container batch = named(report, "batch");
        assertThat(batch.state()).isEqualTo("exited");
        assertThat(batch.exitCode()).isEqualTo(3);
        assertThat(batch.health()).isEqualTo(Container.Health.NONE);
    }

    @Test
    void cpuAndMemoryArriveFromStatsShortlyAfter() {
        runtime.read();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Container web = named(runtime.read(), "web");
            assertThat(web.memoryUsedBytes()).isPositive();
            assertThat(web.cpuPercent()).isNotNull().isGreaterThanOrEqualTo(0.0);
        });
        assertThat(named(runtime.read(), "batch").cpuPercent()).as("not running: no figures").isNull();
    }

    @Test
    void restartIsSeenThroughTheEventsStreamAndCounted() throws Exception {
        docker.run("restartable", List.of(), "sleep", "100000");
        try {
            Container before = named(runtime.read(), "restartable");
            runtime.restart(before.id());
            await().atMost(Duration.ofSeconds(15)).until(() -> changes.get() > 0);
            Container after = named(runtime.read(), "restartable");
            assertThat(after.startedAt()).isAfter(before.startedAt());
            assertThat(after.running()).isTrue();

            runtime.stop(after.id());
            assertThat(named(runtime.read(), "restartable").state()).isEqualTo("exited");
            runtime.stop(after.id());
            runtime.start(after.id());
            assertThat(named(runtime.read(), "restartable").running()).isTrue();
        } finally {
            docker.docker("rm", "-f", "restartable");
        }
    }

    @Test
    void logsAreDemultiplexedIntoStdoutAndStderrLines() throws Exception {
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        Container web = named(runtime.read(), "web");
        try (AutoCloseable ignored = runtime.logs(web.id(), 10, false, lines::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() >= 2);
        }
        assertThat(lines).contains(new LogLine("web started", false), new LogLine("web warning", true));
    }

    @Test
    void aTtyContainersRawLogIsSplitIntoLines() throws Exception {
        docker.run("tty-app", List.of("-t"), "sh", "-c", "echo tty line 1; echo tty line 2; exec sleep 100000");
        try {
            List<LogLine> lines = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                lines.clear();
                try (AutoCloseable ignored = runtime.logs(named(runtime.read(), "tty-app").id(), 10, false, lines::add)) {
                    await().atMost(Duration.ofSeconds(3)).until(() -> lines.size() >= 2);
                }
            });
            assertThat(lines).containsExactly(new LogLine("tty line 1", false), new LogLine("tty line 2", false));
        } finally {
            docker.docker("rm", "-f", "tty-app");
        }
    }

    @Test
    void throughAnSshForwardedSocketTheListAndTheEventsArrive(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (dev.hydra.services.testing.SshServer sshd = dev.hydra.services.testing.SshServer.start(dir.resolve("sshd"),
                "/usr/bin:/bin")) {
            java.nio.file.Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
            var ssh = new dev.hydra.services.transport.ssh.SshConnection(new dev.hydra.services.transport.ssh.SshTarget(
                    "127.0.0.1", sshd.port(), sshd.user(), List.of(sshd.clientKey()), Duration.ofSeconds(5)),
                    new dev.hydra.services.transport.ssh.HostKeyStore(dir.resolve("known_hosts"), dir.resolve("app")),
                    dev.hydra.services.transport.ssh.SshAgent.fromEnvironment(java.util.Map.of()));
            var forward = ssh.forwardUnixSocket(docker.socket().toString());
            AtomicInteger forwardedChanges = new AtomicInteger();
            DockerContainerRuntime remote = new DockerContainerRuntime("remote", "tcp://127.0.0.1:" + forward.localPort(),
                    "1.44", Duration.ofSeconds(5), Duration.ofSeconds(5), Clock.systemUTC(),
                    forwardedChanges::incrementAndGet);
            try {
                assertThat(named(remote.read(), "web").health()).isEqualTo(Container.Health.HEALTHY);
                docker.run("evented", List.of(), "sleep", "100000");
                await().atMost(Duration.ofSeconds(10)).until(() -> forwardedChanges.get() > 0);
                assertThat(named(remote.read(), "evented").running()).isTrue();
            } finally {
                docker.docker("rm", "-f", "evented");
                remote.close();
                forward.close();
                ssh.close();
            }
        }
    }

    @Test
    void anUnknownContainerAndAnAbsentDaemonGiveClearErrors() {
        assertThatThrownBy(() -> runtime.restart("no-such-container")).isInstanceOf(IOException.class)
                .hasMessageContaining("no container no-such-container on box");

        DockerContainerRuntime nowhere = new DockerContainerRuntime("ghost", "unix:///nonexistent/docker.sock", null,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC(), () -> { });
        ContainerReport report = nowhere.read();
        assertThat(report.status().state()).isEqualTo(SourceStatus.State.FAILED);
        assertThat(report.status().message()).contains("Docker on ghost", "cannot be reached");
        nowhere.close();
    }

    private static Container named(ContainerReport report, String name) {
        return report.containers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in " + report));
    }
}
