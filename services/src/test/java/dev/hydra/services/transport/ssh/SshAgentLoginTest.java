package dev.hydra.services.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydra.services.testing.SshAgentProcess;
import dev.hydra.services.testing.SshKeys;
import dev.hydra.services.testing.SshServer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in with the user's ssh-agent, against a real OpenSSH sshd and a real ssh-agent filled with ssh-add; each
 * test lets sshd accept only the key it is about.
 */
class SshAgentLoginTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static SshServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSshd(@TempDir Path shared) {
        server = SshServer.start(shared.resolve("sshd"), "/usr/bin:/bin");
    }

    @AfterAll
    static void stopSshd() {
        server.close();
    }

    @Test
    void aNodeWithNoKeyFileLogsInWithTheAgentsKeyAndRunsACommand() throws Exception {
        Path agentKey = SshKeys.generate(dir.resolve("agent_ed25519"), "ed25519");
        server.authorizeOnly(SshKeys.publicKey(agentKey));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent")).add(agentKey);
                SshConnection ssh = connection(List.of(), agent.environment())) {
            assertThat(ssh.exec("echo logged in as $(id -un)", TIMEOUT).stdout())
                    .isEqualTo("logged in as " + server.user() + "\n");
        }
    }

    @Test
    void anRsaKeyInTheAgentSignsWithSha2BecauseOpenSshRefusesSha1() throws Exception {
        Path rsaKey = SshKeys.generate(dir.resolve("agent_rsa"), "rsa");
        server.authorizeOnly(SshKeys.publicKey(rsaKey));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent")).add(rsaKey);
                SshConnection ssh = connection(List.of(), agent.environment())) {
            assertThat(ssh.exec("echo rsa", TIMEOUT).stdout()).isEqualTo("rsa\n");
        }
    }

    @Test
    void aStaleAgentSocketFallsBackToTheKeyFile() throws Exception {
        Path fileKey = SshKeys.generate(dir.resolve("file_ed25519"), "ed25519");
        server.authorizeOnly(SshKeys.publicKey(fileKey));
        SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent")).add(fileKey);
        agent.kill();
        assertThat(agent.socket()).as("the dead agent's socket is left behind").exists();

        AgentStatus status = SshAgent.fromEnvironment(agent.environment()).status(TIMEOUT);
        assertThat(status.availability()).isEqualTo(AgentStatus.Availability.NOT_ANSWERING);
        assertThat(status.describe()).contains(agent.socket().toString(), "Connection refused");
        try (SshConnection ssh = connection(List.of(fileKey), agent.environment())) {
            assertThat(ssh.exec("echo key file", TIMEOUT).stdout()).isEqualTo("key file\n");
        }
    }

    @Test
    void anAgentHoldingTheWrongKeyDoesNotStopTheRightKeyFile() throws Exception {
        Path fileKey = SshKeys.generate(dir.resolve("file_ed25519"), "ed25519");
        Path wrongKey = SshKeys.generate(dir.resolve("wrong_ed25519"), "ed25519");
        server.authorizeOnly(SshKeys.publicKey(fileKey));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent")).add(wrongKey);
                SshConnection ssh = connection(List.of(fileKey), agent.environment())) {
            assertThat(ssh.exec("echo key file", TIMEOUT).stdout()).isEqualTo("key file\n");
        }
    }

    @Test
    void aRefusedKeyFileIsFollowedByTheAgentsKeys() throws Exception {
        Path wrongFile = SshKeys.generate(dir.resolve("wrong_ed25519"), "ed25519");
        Path otherAgentKey = SshKeys.generate(dir.resolve("other_ed25519"), "ed25519");
        Path agentKey = SshKeys.generate(dir.resolve("agent_ed25519"), "ed25519");
        server.authorizeOnly(SshKeys.publicKey(agentKey));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent")).add(otherAgentKey).add(agentKey);
                SshConnection ssh = connection(List.of(wrongFile), agent.environment())) {
            assertThat(ssh.exec("echo second agent key", TIMEOUT).stdout()).isEqualTo("second agent key\n");
        }
    }

    @Test
    void aKeyInBothTheFileAndTheAgentIsOfferedOnlyOnce() throws Exception {
        Path key = SshKeys.generate(dir.resolve("both_ed25519"), "ed25519");
        Path agentOnly = SshKeys.generate(dir.resolve("agent_only"), "ed25519");
        server.authorizeOnly(SshKeys.publicKey(SshKeys.generate(dir.resolve("only"), "ed25519")));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent")).add(key).add(agentOnly);
                SshConnection ssh = connection(List.of(key), agent.environment())) {
            assertThatThrownBy(() -> ssh.exec("true", TIMEOUT))
                    .hasMessageContaining("key files: " + key + ";")
                    .hasMessageContaining("the ssh-agent at " + agent.socket() + ": 1 key (1 more already offered as "
                            + "a key file)");
        }
    }

    @Test
    void anAgentThatRefusesToSignWithOneKeyIsAskedWithTheNext() throws Exception {
        Path refused = SshKeys.generate(dir.resolve("refused_ed25519"), "ed25519");
        Path signed = SshKeys.generate(dir.resolve("signed_ed25519"), "ed25519");
        server.authorizeOnly(SshKeys.publicKey(refused), SshKeys.publicKey(signed));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent")).addRefusingToSign(refused).add(signed);
                SshConnection ssh = connection(List.of(), agent.environment())) {
            assertThat(ssh.exec("echo second key", TIMEOUT).stdout()).isEqualTo("second key\n");
        }
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent2")).addRefusingToSign(refused);
                SshConnection ssh = connection(List.of(), agent.environment())) {
            assertThatThrownBy(() -> ssh.exec("true", TIMEOUT)).hasMessageContaining("refused the login")
                    .hasMessageContaining("the ssh-agent at " + agent.socket() + ": 1 key");
        }
    }

    @Test
    void anEncryptedKeyFileIsUsedThroughTheAgentThatHoldsIt() throws Exception {
        Path key = SshKeys.generate(dir.resolve("id_ed25519"), "ed25519");
        server.authorizeOnly(SshKeys.publicKey(key));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent")).add(key)) {
            SshKeys.encrypt(key, "correct horse battery staple");
            try (SshConnection ssh = connection(List.of(key), agent.environment())) {
                assertThat(ssh.exec("echo unlocked by the agent", TIMEOUT).stdout())
                        .isEqualTo("unlocked by the agent\n");
            }
        }
        assertThatThrownBy(() -> connection(List.of(key), Map.of()).exec("true", TIMEOUT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no SSH key to log in")
                .hasMessageContaining(key + " (cannot be used")
                .hasMessageContaining("ssh-add " + key)
                .hasMessageContaining("no ssh-agent (SSH_AUTH_SOCK is not set)")
                .hasMessageNotContaining("correct horse");
    }

    @Test
    void anAgentWithoutKeysIsSaidSoAndTheKeyFileStillWorks() throws Exception {
        Path fileKey = SshKeys.generate(dir.resolve("file_ed25519"), "ed25519");
        server.authorizeOnly(SshKeys.publicKey(fileKey));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent"))) {
            AgentStatus status = SshAgent.fromEnvironment(agent.environment()).status(TIMEOUT);
            assertThat(status.availability()).isEqualTo(AgentStatus.Availability.PRESENT);
            assertThat(status.keyCount()).isZero();
            try (SshConnection ssh = connection(List.of(fileKey), agent.environment())) {
                assertThat(ssh.exec("echo key file", TIMEOUT).stdout()).isEqualTo("key file\n");
            }
        }
    }

    @Test
    void anAgentThatNeverAnswersCostsOneTimeoutAndTheKeyFileStillWorks() throws Exception {
        Path fileKey = SshKeys.generate(dir.resolve("file_ed25519"), "ed25519");
        server.authorizeOnly(SshKeys.publicKey(fileKey));
        Path socket = Files.createDirectories(dir.resolve("hung")).resolve("agent.sock");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket));
            Map<String, String> environment = Map.of("SSH_AUTH_SOCK", socket.toString());
            Duration shortTimeout = Duration.ofSeconds(2);

            AgentStatus status = SshAgent.fromEnvironment(environment).status(shortTimeout);
            assertThat(status.availability()).isEqualTo(AgentStatus.Availability.NOT_ANSWERING);
            assertThat(status.problem()).contains("no answer within 2000 ms");
            try (SshConnection ssh = new SshConnection(new SshTarget("127.0.0.1", server.port(), server.user(),
                    List.of(fileKey), Duration.ofSeconds(4)), knownHosts(), SshAgent.fromEnvironment(environment))) {
                assertThat(ssh.exec("echo key file", TIMEOUT).stdout()).isEqualTo("key file\n");
            }
        }
    }

    @Test
    void whenNoKeyGetsInTheErrorSaysWhatWasTriedAndNothingSecret() throws Exception {
        Path wrongFile = SshKeys.generate(dir.resolve("wrong_file"), "ed25519");
        Path wrongAgentKey = SshKeys.generate(dir.resolve("wrong_agent"), "ed25519");
        Path missing = dir.resolve("missing_ed25519");
        server.authorizeOnly(SshKeys.publicKey(SshKeys.generate(dir.resolve("only"), "ed25519")));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent")).add(wrongAgentKey);
                SshConnection ssh = connection(List.of(wrongFile, missing), agent.environment())) {
            assertThatThrownBy(() -> ssh.exec("true", TIMEOUT))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("refused the login")
                    .hasMessageContaining("key files: " + wrongFile + ", " + missing + " (does not exist)")
                    .hasMessageContaining("the ssh-agent at " + agent.socket() + ": 1 key")
                    .hasMessageContaining("authorized_keys")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secretLine(wrongFile),
                            secretLine(wrongAgentKey), Files.readString(SshKeys.publicKey(wrongAgentKey)).split(" ")[1]));
        }
        assertThatThrownBy(() -> connection(List.of(), Map.of()).exec("true", TIMEOUT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no SSH key to log in")
                .hasMessageContaining("key files: none")
                .hasMessageContaining("no ssh-agent (SSH_AUTH_SOCK is not set)");
    }

    private SshConnection connection(List<Path> keyFiles, Map<String, String> environment) throws IOException {
        return new SshConnection(new SshTarget("127.0.0.1", server.port(), server.user(), keyFiles, TIMEOUT),
                knownHosts(), SshAgent.fromEnvironment(environment));
    }

    private HostKeyStore knownHosts() throws IOException {
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        return new HostKeyStore(knownHosts, dir.resolve("app_known_hosts"));
    }

    /** A line from the middle of a private key file: it must never appear in a message. */
    private static String secretLine(Path privateKey) throws IOException {
        List<String> lines = Files.readAllLines(privateKey);
        return lines.get(lines.size() / 2);
    }
}
