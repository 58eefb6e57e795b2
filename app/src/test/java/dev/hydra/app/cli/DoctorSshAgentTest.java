package dev.hydra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.app.AppComposition;
import dev.hydra.app.AppPaths;
import dev.hydra.services.testing.SshAgentProcess;
import dev.hydra.services.testing.SshKeys;
import dev.hydra.services.testing.SshServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hydra doctor} with a node reached over SSH whose only way in is a key in the user's ssh-agent: a real sshd
 * that accepts that key alone and a real ssh-agent, with no key file in the temporary home.
 */
class DoctorSshAgentTest {

    @TempDir
    Path home;

    private SshServer sshd;
    private Path agentKey;

    @BeforeEach
    void startSshd() throws Exception {
        sshd = SshServer.start(home.resolve("sshd"), "/usr/bin:/bin");
        agentKey = SshKeys.generate(home.resolve("agent_ed25519"), "ed25519");
        sshd.authorizeOnly(SshKeys.publicKey(agentKey));
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/known_hosts"), sshd.knownHostsLine() + "\n");
        Files.writeString(home.resolve("hydra.yaml"), """
                nodes:
                  - name: gpu-node
                    host: 127.0.0.1
                    ssh: {user: %s, port: %d}
                """.formatted(sshd.user(), sshd.port()));
    }

    @AfterEach
    void stopSshd() {
        sshd.close();
    }

    @Test
    void saysHowManyKeysTheAgentHoldsAndLogsInWithThem() {
        try (SshAgentProcess agent = SshAgentProcess.start(home.resolve("agent")).add(agentKey)) {
            StringWriter out = new StringWriter();

            int code = doctor(agent.environment(), out);

            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString())
                    .contains("ok       ssh-agent the ssh-agent at " + agent.socket() + " holds 1 key")
                    .contains("ok       ssh       gpu-node: logged in as " + sshd.user() + "@127.0.0.1:" + sshd.port());
        }
    }

    @Test
    void aStaleAgentIsAWarningAndTheNodesErrorSaysWhatWasTried() {
        SshAgentProcess agent = SshAgentProcess.start(home.resolve("agent")).add(agentKey);
        agent.kill();
        StringWriter out = new StringWriter();

        int code = doctor(agent.environment(), out);

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("warning  ssh-agent no ssh-agent answers at " + agent.socket())
                .contains("PROBLEM  ssh       gpu-node: no SSH key to log in to")
                .contains("key files: none")
                .contains("fix: start the agent again");
    }

    @Test
    void withoutAnAgentTheDoctorSaysKeyFilesOnly() {
        StringWriter out = new StringWriter();

        doctor(Map.of(), out);

        assertThat(out.toString()).contains("info     ssh-agent no ssh-agent (SSH_AUTH_SOCK is not set): SSH logs in "
                + "with key files only");
    }

    private int doctor(Map<String, String> agentEnvironment, StringWriter out) {
        Map<String, String> environment = new HashMap<>(agentEnvironment);
        environment.put("PATH", home.toString());
        environment.put("HOME", home.toString());
        try (AppComposition app = new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", home.toString()), "Linux",
                home), Clock.systemUTC(), environment)) {
            CommandLine commandLine = HydraCommand.commandLine(app);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(new StringWriter(), true));
            return commandLine.execute("doctor");
        }
    }
}
