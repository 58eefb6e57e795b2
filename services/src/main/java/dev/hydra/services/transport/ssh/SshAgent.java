package dev.hydra.services.transport.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The user's ssh-agent, found through {@code SSH_AUTH_SOCK} in the environment the app was started with. The agent
 * protocol is JSch's agent client over the JDK's own Unix domain sockets (no native code); sshj only sees the keys as
 * {@link AgentAuthMethod}s. Every question to the agent has a time limit, so an agent that hangs cannot hold up a
 * login. The agent is asked afresh at every connection: keys added with {@code ssh-add} later are used then.
 */
public final class SshAgent {

    public static final String SOCKET_VARIABLE = "SSH_AUTH_SOCK";

    private final Path socket;

    private SshAgent(Path socket) {
        this.socket = socket;
    }

    /** The agent named by {@code SSH_AUTH_SOCK} in {@code environment}; without it, an agent that is never there. */
    public static SshAgent fromEnvironment(Map<String, String> environment) {
        String value = environment.get(SOCKET_VARIABLE);
        return new SshAgent(value == null || value.isBlank() ? null : Path.of(value));
    }

    /** Whether the agent answers and how many keys it holds, asked now; blocks at most {@code timeout}. */
    public AgentStatus status(Duration timeout) throws InterruptedException {
        try {
            return keys(timeout).status();
        } catch (InterruptedIOException e) {
            throw new InterruptedException(e.getMessage());
        }
    }

    /** The agent's keys, or none with the reason; waits at most {@code timeout}. */
    Listing keys(Duration timeout) throws InterruptedIOException {
        if (socket == null) {
            return new Listing(new AgentStatus(AgentStatus.Availability.NOT_SET, null, 0, null), List.of());
        }
        try {
            return within(timeout, this::ask);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            return notAnswering(e.getMessage());
        }
    }

    private Listing ask() throws AgentProxyException {
        String refusal = connectionProblem();
        if (refusal != null) {
            return notAnswering(refusal);
        }
        List<Identity> identities = List.copyOf(repository().getIdentities());
        return new Listing(new AgentStatus(AgentStatus.Availability.PRESENT, socket, identities.size(), null),
                identities.stream().map(identity -> new AgentKey(this, identity)).toList());
    }

    /** The agent's signature of {@code data} with the key {@code identity}, in SSH wire form (algorithm, blob). */
    byte[] sign(Identity identity, byte[] data, String algorithm, Duration timeout) throws IOException {
        byte[] signature = within(timeout, () -> identity.getSignature(data, algorithm));
        if (signature == null) {
            throw new IOException("the ssh-agent at " + socket + " refused to sign with its " + identity.getAlgName()
                    + " key");
        }
        return signature;
    }

    private Listing notAnswering(String reason) {
        return new Listing(new AgentStatus(AgentStatus.Availability.NOT_ANSWERING, socket, 0, reason), List.of());
    }

    /** Null when something listens on the socket, else why not ("Connection refused" for a stale socket). */
    private String connectionProblem() {
        try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return null;
        } catch (IOException e) {
            return messageOf(e);
        }
    }

    private AgentIdentityRepository repository() throws AgentProxyException {
        return new AgentIdentityRepository(new SSHAgentConnector(new UnixDomainSocketFactory(), socket));
    }

    /** Runs {@code call} on a virtual thread; past {@code timeout} it is interrupted, which closes its socket. */
    private <T> T within(Duration timeout, Callable<T> call) throws IOException {
        FutureTask<T> task = new FutureTask<>(call);
        Thread.ofVirtual().name("ssh-agent").start(task);
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new IOException("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new IOException(messageOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking the ssh-agent");
        }
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** What the agent said when asked for its keys. */
    record Listing(AgentStatus status, List<AgentKey> keys) {
    }

    /** One key the agent holds; it signs, its private half never leaves the agent. */
    record AgentKey(SshAgent agent, Identity identity) {

        /** The key's type as the agent names it: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, or a certificate's. */
        String type() {
            return identity.getAlgName();
        }

        /** The public key in SSH wire form. */
        byte[] blob() {
            return identity.getPublicKeyBlob();
        }

        byte[] sign(byte[] data, String algorithm, Duration timeout) throws IOException {
            return agent.sign(identity, data, algorithm, timeout);
        }
    }
}
