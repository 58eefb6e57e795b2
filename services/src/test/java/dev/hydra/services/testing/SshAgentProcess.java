package dev.hydra.services.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real OpenSSH ssh-agent (Debian's openssh-client) on a private socket, started in the foreground so the test owns
 * it; keys are added with the real ssh-add. Fails with a clear message when the programs are missing.
 */
public final class SshAgentProcess implements AutoCloseable {

    private final Path socket;
    private final Process process;

    private SshAgentProcess(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
    }

    /** Starts ssh-agent listening on {@code dir/agent.sock} ({@code dir} must be short: a socket path has 108 bytes). */
    public static SshAgentProcess start(Path dir) {
        Path agent = Binaries.require("openssh-client", "/usr/bin/ssh-agent");
        try {
            Files.createDirectories(dir);
            Path socket = dir.resolve("agent.sock");
            ProcessBuilder builder = new ProcessBuilder(agent.toString(), "-D", "-a", socket.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("ssh-agent.log").toFile());
            // a key added with confirmation is then refused, as when the user clicks "deny" in the askpass dialog
            builder.environment().put("SSH_ASKPASS", "/bin/false");
            builder.environment().put("SSH_ASKPASS_REQUIRE", "force");
            Process process = builder.start();
            SshAgentProcess started = new SshAgentProcess(socket, process);
            Processes.await("ssh-agent listening on " + socket, Duration.ofSeconds(10), started::answers,
                    dir.resolve("ssh-agent.log"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path socket() {
        return socket;
    }

    /** The environment a user's shell has with this agent: {@code SSH_AUTH_SOCK}. */
    public Map<String, String> environment() {
        return Map.of("SSH_AUTH_SOCK", socket.toString());
    }

    /** Adds a private key file with ssh-add. */
    public SshAgentProcess add(Path privateKey) {
        return sshAdd(List.of(privateKey.toString()));
    }

    /** Adds a key that the agent may only use after the user confirms, which this agent always refuses. */
    public SshAgentProcess addRefusingToSign(Path privateKey) {
        return sshAdd(List.of("-c", privateKey.toString()));
    }

    private SshAgentProcess sshAdd(List<String> arguments) {
        Path sshAdd = Binaries.require("openssh-client", "/usr/bin/ssh-add");
        List<String> command = new ArrayList<>(List.of(sshAdd.toString(), "-q"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SSH_AUTH_SOCK", socket.toString());
        try {
            Process adding = builder.start();
            String output = new String(adding.getInputStream().readAllBytes());
            if (adding.waitFor() != 0) {
                throw new IllegalStateException("ssh-add " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Kills the agent the way a crash or a closed login session does: its socket file stays behind, stale. */
    public void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("ssh-agent exited");
        }
        try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        Processes.stop(process.toHandle(), Duration.ofSeconds(5));
    }
}
