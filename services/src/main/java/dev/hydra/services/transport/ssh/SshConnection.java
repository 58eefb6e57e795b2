package dev.hydra.services.transport.ssh;

import dev.hydra.services.transport.process.CommandResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH connection to one node, opened on first use and re-opened after it drops. Thread-safe: commands run
 * side by side as separate sessions on the one connection. Host keys are verified by the {@link HostKeyStore}; the
 * login is by key: key files and the user's ssh-agent, never a password.
 */
public final class SshConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshConnection.class);
    private static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
    private static final int KEEP_ALIVE_SECONDS = 10;
    private static final String PID_MARKER = "hydra-remote-pid:";

    private final SshTarget target;
    private final HostKeyStore hostKeys;
    private final SshAgent agent;
    private SSHClient client;

    /** Logs in with the target's key files, then with the keys {@code agent} holds (see {@link LoginMethods}). */
    public SshConnection(SshTarget target, HostKeyStore hostKeys, SshAgent agent) {
        this.target = target;
        this.hostKeys = hostKeys;
        this.agent = agent;
    }

    public SshTarget target() {
        return target;
    }

    /**
     * Runs a shell command line on the node and waits for it, at most {@code timeout}; a command still running then
     * is sent KILL and its channel closed.
     *
     * @throws IOException when the node cannot be reached, refuses the login, or its host key is not trusted
     *                     ({@link HostKeyException})
     */
    public CommandResult exec(String commandLine, Duration timeout) throws IOException, InterruptedException {
        long started = System.nanoTime();
        SSHClient connected = connected();
        Session session;
        try {
            session = connected.startSession();
        } catch (ConnectionException | TransportException e) {
            drop(connected);
            throw new IOException("the SSH connection to " + target.describe() + " dropped: " + e.getMessage(), e);
        }
        try (session) {
            // The remote shell says its PID first (sshd makes it a process group leader), so a command past its
            // timeout can be killed with everything it started: OpenSSH ignores signal requests on plain sessions.
            Session.Command command = session.exec("printf '" + PID_MARKER + "%s\\n' $$ >&2; exec sh -c "
                    + SshCommandRunner.quote(commandLine));
            Output stdout = Output.drain(command.getInputStream());
            Output stderr = Output.drain(command.getErrorStream());
            boolean finished = true;
            try {
                command.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ConnectionException e) {
                finished = false;
            }
            String errors = finished ? stderr.await(Duration.ofSeconds(2)) : stderr.soFar();
            String remotePid = errors.startsWith(PID_MARKER) ? errors.lines().findFirst().orElse("")
                    .substring(PID_MARKER.length()).strip() : null;
            if (!finished && remotePid != null && remotePid.matches("\\d+")) {
                killRemote(remotePid);
                errors = stderr.await(Duration.ofSeconds(2));
            }
            if (errors.startsWith(PID_MARKER)) {
                int newline = errors.indexOf('\n');
                errors = newline < 0 ? "" : errors.substring(newline + 1);
            }
            Integer exit = command.getExitStatus();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new CommandResult(finished && exit != null ? exit : -1, stdout.await(Duration.ofSeconds(2)), errors,
                    !finished, elapsed);
        } catch (ConnectionException | TransportException e) {
            drop(connected);
            throw new IOException("the SSH connection to " + target.describe() + " failed: " + e.getMessage(), e);
        }
    }

    private void killRemote(String pid) throws InterruptedException {
        try (Session killer = connected().startSession()) {
            killer.exec("kill -KILL -- -" + pid + " 2>/dev/null || kill -KILL " + pid).join(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.debug("could not stop remote process {} on {}", pid, target.describe(), e);
        }
    }

    /**
     * Forwards a Unix socket on the node (e.g. /var/run/docker.sock) to a new TCP port on 127.0.0.1 of this machine.
     * Each local connection opens its own channel; the forward survives reconnects of this connection.
     */
    public SocketForward forwardUnixSocket(String remoteSocketPath) throws IOException {
        return SocketForward.start(this, remoteSocketPath);
    }

    /** A connected, authenticated client, connecting first if needed. */
    synchronized SSHClient connected() throws IOException {
        if (client != null && client.isConnected() && client.isAuthenticated()) {
            return client;
        }
        closeQuietly(client);
        client = null;
        HostKeyStore.Verifier verifier = hostKeys.verifier();
        SSHClient fresh = new SSHClient(new DefaultConfig());
        fresh.addHostKeyVerifier(verifier);
        fresh.setConnectTimeout((int) target.timeout().toMillis());
        fresh.setTimeout((int) target.timeout().toMillis());
        try {
            fresh.connect(target.host(), target.port());
        } catch (TransportException e) {
            closeQuietly(fresh);
            if (verifier.failure() != null) {
                throw verifier.failure();
            }
            throw new IOException("SSH to " + target.describe() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(fresh);
            throw new IOException("cannot connect to " + target.host() + ":" + target.port() + " (SSH): "
                    + describe(e), e);
        }
        try {
            fresh.getConnection().getKeepAlive().setKeepAliveInterval(KEEP_ALIVE_SECONDS);
            logIn(fresh);
        } catch (IOException e) {
            closeQuietly(fresh);
            throw e;
        }
        client = fresh;
        LOG.info("SSH connected to {}", target.describe());
        return client;
    }

    private void logIn(SSHClient ssh) throws IOException {
        LoginMethods login = LoginMethods.prepare(ssh, target, agent);
        if (login.isEmpty()) {
            throw new IOException("no SSH key to log in to " + target.describe() + ": " + login.describe()
                    + ". Set ssh.identityFile in hydra.yaml, or add your key to ssh-agent (ssh-add)");
        }
        try {
            ssh.auth(target.user(), login.methods());
        } catch (UserAuthException e) {
            throw new IOException(target.describe() + " refused the login; tried " + login.describe() + ". " + fix(), e);
        } catch (TransportException e) {
            // also how OpenSSH ends a login after MaxAuthTries keys ("Too many authentication failures")
            throw new IOException(target.describe() + " closed the connection during the login (" + e.getMessage()
                    + "); tried " + login.describe() + ". " + fix(), e);
        }
    }

    private String fix() {
        return "Add your public key to ~" + target.user() + "/.ssh/authorized_keys on " + target.host()
                + ", set ssh.identityFile in hydra.yaml, or add the key to ssh-agent (ssh-add)";
    }

    private synchronized void drop(SSHClient broken) {
        if (client == broken) {
            closeQuietly(client);
            client = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(client);
        client = null;
    }

    private static void closeQuietly(SSHClient ssh) {
        if (ssh == null) {
            return;
        }
        try {
            ssh.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing an SSH connection failed", e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** A stream read to its end on a virtual thread; what arrived so far can be read at any time. */
    private static final class Output {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        static Output drain(InputStream stream) {
            Output output = new Output();
            Thread.ofVirtual().name("ssh-output").start(() -> {
                byte[] buffer = new byte[8192];
                try (stream) {
                    for (int n; (n = stream.read(buffer)) >= 0; ) {
                        synchronized (output) {
                            output.kept.write(buffer, 0, Math.min(n, MAX_OUTPUT_BYTES - output.kept.size()));
                        }
                    }
                } catch (IOException closed) {
                    // keep what arrived
                }
                output.done.complete(null);
            });
            return output;
        }

        synchronized String soFar() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        String await(Duration wait) throws InterruptedException {
            try {
                done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // return what arrived
            }
            return soFar();
        }
    }
}
