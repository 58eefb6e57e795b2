package dev.hydra.services.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real OpenSSH sshd (Debian's openssh-server) on a free loopback port, with a generated host key and user key,
 * key authentication only. Sessions get {@code PATH} from {@link #start(Path, String)}, so a stand-in nvidia-smi
 * can be on it. Fails with a clear message when sshd is missing (.ci/run installs it).
 */
public final class SshServer implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;

    private SshServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts sshd in {@code dir}; sessions run with {@code sessionPath} as PATH. */
    public static SshServer start(Path dir, String sessionPath) {
        return start(dir, sessionPath, Processes.freePort());
    }

    private static SshServer start(Path dir, String sessionPath, int port) {
        Path sshd = Binaries.require("openssh-server", "/usr/sbin/sshd");
        Path keygen = Binaries.require("openssh-client", "/usr/bin/ssh-keygen");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("host_ed25519"))) {
                Processes.run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f",
                        dir.resolve("host_ed25519").toString()), dir);
                Processes.run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "hydra-test",
                        "-f", dir.resolve("client_ed25519").toString()), dir);
                Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
            }
            if ("root".equals(System.getProperty("user.name"))) {
                Files.createDirectories(Path.of("/run/sshd"));
            }
            Files.writeString(dir.resolve("sshd_config"), """
                    Port %d
                    ListenAddress 127.0.0.1
                    HostKey %s
                    PidFile %s
                    AuthorizedKeysFile %s
                    PasswordAuthentication no
                    KbdInteractiveAuthentication no
                    PubkeyAuthentication yes
                    PermitRootLogin prohibit-password
                    UsePAM no
                    StrictModes no
                    AllowStreamLocalForwarding yes
                    SetEnv PATH=%s
                    LogLevel VERBOSE
                    """.formatted(port, dir.resolve("host_ed25519"), dir.resolve("sshd.pid"),
                    dir.resolve("authorized_keys"), sessionPath));
            Process process = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
            SshServer server = new SshServer(dir, port, process);
            Processes.await("sshd listening on 127.0.0.1:" + port, Duration.ofSeconds(20), server::accepts,
                    dir.resolve("sshd.log"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return System.getProperty("user.name");
    }

    /** The user's private key (OpenSSH format, no passphrase). */
    public Path clientKey() {
        return dir.resolve("client_ed25519");
    }

    /** From now on only these public keys may log in (sshd reads its authorized_keys at every login). */
    public void authorizeOnly(Path... publicKeys) {
        StringBuilder lines = new StringBuilder();
        try {
            for (Path key : publicKeys) {
                lines.append(Files.readString(key).strip()).append('\n');
            }
            Files.writeString(dir.resolve("authorized_keys"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host key's public half, as a known_hosts line for 127.0.0.1 on this port. */
    public String knownHostsLine() {
        try {
            String[] parts = Files.readString(dir.resolve("host_ed25519.pub")).strip().split(" ");
            return "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host key's fingerprint as ssh-keygen -lf prints it ("SHA256:..."). */
    public String hostKeyFingerprint() {
        String line = Processes.run(List.of("/usr/bin/ssh-keygen", "-lf", dir.resolve("host_ed25519.pub").toString()),
                dir);
        return line.split(" ")[1];
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Restarts sshd on the same port with the same keys (after {@link #close()}). */
    public SshServer restart(String sessionPath) {
        return start(dir, sessionPath, port);
    }

    private boolean accepts() {
        if (!process.isAlive()) {
            throw new IllegalStateException("sshd exited");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops sshd and the sessions it started. */
    @Override
    public void close() {
        Processes.stop(process.toHandle(), Duration.ofSeconds(5));
    }
}
