package dev.hydra.services.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.gpu.GpuReport;
import dev.hydra.services.gpu.NvidiaSmiProbe;
import dev.hydra.services.testing.NvidiaSmiStandIn;
import dev.hydra.services.testing.SshServer;
import dev.hydra.services.transport.process.CommandResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSH against a real OpenSSH sshd on loopback: host keys, commands, timeouts, socket forwarding. */
class SshConnectionTest {

    private static final SshAgent NO_AGENT = SshAgent.fromEnvironment(Map.of());

    private static SshServer server;
    private static NvidiaSmiStandIn standIn;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSshd(@TempDir Path shared) {
        standIn = NvidiaSmiStandIn.install(shared.resolve("bin"), "h100-load");
        server = SshServer.start(shared.resolve("sshd"), standIn.searchPath());
    }

    @AfterAll
    static void stopSshd() {
        server.close();
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintUntilTheUserAcceptsIt() throws Exception {
        HostKeyStore keys = new HostKeyStore(dir.resolve("user_known_hosts"), dir.resolve("app/known_hosts"));
        SshConnection ssh = new SshConnection(target(), keys, NO_AGENT);

        assertThatThrownBy(() -> ssh.exec("echo ok", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(HostKeyException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HostKeyException.Kind.UNKNOWN);
                    assertThat(e.key().fingerprint()).isEqualTo(server.hostKeyFingerprint());
                    assertThat(e.getMessage()).contains(server.hostKeyFingerprint(), "hydra trust-host");
                });
        assertThat(keys.pending("127.0.0.1", server.port())).map(UnverifiedHostKey::fingerprint)
                .contains(server.hostKeyFingerprint());

        keys.trust("127.0.0.1", server.port(), server.hostKeyFingerprint());

        assertThat(Files.readString(dir.resolve("app/known_hosts"))).contains("[127.0.0.1]:" + server.port());
        assertThat(ssh.exec("echo ok", Duration.ofSeconds(5)).stdout()).isEqualTo("ok\n");
        assertThat(new SshConnection(target(), new HostKeyStore(dir.resolve("none"), dir.resolve("app/known_hosts")),
                NO_AGENT)
                .exec("echo again", Duration.ofSeconds(5)).stdout()).as("remembered in the app's known_hosts")
                .isEqualTo("again\n");
        ssh.close();
    }

    @Test
    void aFingerprintOtherThanThePresentedOneIsNotAccepted() throws Exception {
        HostKeyStore keys = new HostKeyStore(dir.resolve("none"), dir.resolve("app/known_hosts"));
        SshConnection ssh = new SshConnection(target(), keys, NO_AGENT);
        assertThatThrownBy(() -> ssh.exec("true", Duration.ofSeconds(5))).isInstanceOf(HostKeyException.class);

        assertThatThrownBy(() -> keys.trust("127.0.0.1", server.port(), "SHA256:somethingElse"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(server.hostKeyFingerprint());
        assertThat(dir.resolve("app/known_hosts")).doesNotExist();
    }

    @Test
    void aChangedHostKeyIsRefusedLoudlyAndCannotBeAccepted() throws Exception {
        Path userKnownHosts = dir.resolve("known_hosts");
        Path otherKey = dir.resolve("other");
        new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString())
                .start().waitFor();
        String[] other = Files.readString(dir.resolve("other.pub")).split(" ");
        Files.writeString(userKnownHosts, "[127.0.0.1]:" + server.port() + " " + other[0] + " " + other[1] + "\n");
        HostKeyStore keys = new HostKeyStore(userKnownHosts, dir.resolve("app/known_hosts"));

        assertThatThrownBy(() -> new SshConnection(target(), keys, NO_AGENT).exec("echo ok", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(HostKeyException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HostKeyException.Kind.CHANGED);
                    assertThat(e.getMessage()).startsWith("HOST KEY CHANGED").contains(server.hostKeyFingerprint());
                });
        assertThat(keys.pending("127.0.0.1", server.port())).isEmpty();
        assertThatThrownBy(() -> keys.trust("127.0.0.1", server.port(), server.hostKeyFingerprint()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void argumentsReachTheRemoteProgramExactlyAndExitCodesComeBack() throws Exception {
        try (SshConnection ssh = trusted()) {
            CommandResult echoed = new SshCommandRunner(ssh).run(List.of("printf", "%s|", "two words", "it's", "$HOME",
                    "a;b"), Duration.ofSeconds(5));
            assertThat(echoed.stdout()).isEqualTo("two words|it's|$HOME|a;b|");
            CommandResult failed = ssh.exec("echo broken >&2; exit 3", Duration.ofSeconds(5));
            assertThat(failed.exitCode()).isEqualTo(3);
            assertThat(failed.stderr()).isEqualTo("broken\n");
        }
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedAndSaysSo() throws Exception {
        try (SshConnection ssh = trusted()) {
            long start = System.nanoTime();
            CommandResult result = ssh.exec("sleep 30", Duration.ofMillis(500));
            assertThat(result.timedOut()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(ssh.exec("echo still usable", Duration.ofSeconds(5)).stdout()).isEqualTo("still usable\n");
        }
    }

    @Test
    void nvidiaSmiRunsOverSshThroughTheSameProbeAsLocally() throws Exception {
        try (SshConnection ssh = trusted()) {
            GpuReport report = new NvidiaSmiProbe("nvidia-smi", new SshCommandRunner(ssh), Duration.ofSeconds(5),
                    Clock.systemUTC()).read();
            assertThat(report.status().state()).isEqualTo(SourceStatus.State.OK);
            assertThat(report.gpus()).singleElement().satisfies(gpu -> {
                assertThat(gpu.name()).isEqualTo("NVIDIA H100 80GB HBM3");
                assertThat(gpu.processes()).isNotEmpty();
            });
        }
    }

    @Test
    void aUnixSocketOnTheNodeIsReachableThroughALocalPort() throws Exception {
        Path socket = Files.createTempDirectory("hydra-sock").resolve("echo.sock");
        try (ServerSocketChannel echo = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            echo.bind(UnixDomainSocketAddress.of(socket));
            Thread.ofVirtual().start(() -> {
                try (SocketChannel client = echo.accept()) {
                    ByteBuffer buffer = ByteBuffer.allocate(64);
                    client.read(buffer);
                    buffer.flip();
                    client.write(ByteBuffer.wrap(("echo:" + StandardCharsets.UTF_8.decode(buffer)).getBytes()));
                } catch (IOException ignored) {
                    // the test fails on the reading side
                }
            });
            try (SshConnection ssh = trusted(); SocketForward forward = ssh.forwardUnixSocket(socket.toString());
                    Socket local = new Socket(InetAddress.getLoopbackAddress(), forward.localPort())) {
                OutputStream out = local.getOutputStream();
                out.write("hello".getBytes());
                out.flush();
                InputStream in = local.getInputStream();
                assertThat(new String(in.readNBytes(10))).isEqualTo("echo:hello");
            }
        }
    }

    @Test
    void aRefusedKeyIsExplained() throws Exception {
        Path wrongKey = dir.resolve("wrong");
        new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrongKey.toString())
                .start().waitFor();
        HostKeyStore keys = knownKeys();
        SshTarget target = new SshTarget("127.0.0.1", server.port(), server.user(), List.of(wrongKey),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> new SshConnection(target, keys, NO_AGENT).exec("true", Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class).hasMessageContaining("refused the login")
                .hasMessageContaining("authorized_keys");
    }

    private SshConnection trusted() throws IOException {
        return new SshConnection(target(), knownKeys(), NO_AGENT);
    }

    private HostKeyStore knownKeys() throws IOException {
        Path knownHosts = dir.resolve("trusted_known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        return new HostKeyStore(knownHosts, dir.resolve("app/known_hosts"));
    }

    private static SshTarget target() {
        return new SshTarget("127.0.0.1", server.port(), server.user(), List.of(server.clientKey()),
                Duration.ofSeconds(5));
    }
}
