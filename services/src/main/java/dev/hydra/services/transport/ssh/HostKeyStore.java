package dev.hydra.services.transport.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Verifies host keys against the user's {@code ~/.ssh/known_hosts} (read only) and the application's own
 * known_hosts in its data directory (where keys the user accepts are written). An unknown key is refused and kept
 * as pending, with its SHA256 fingerprint, until the user accepts it; a key that differs from a recorded one is
 * refused every time.
 */
public final class HostKeyStore {

    private final Path userKnownHosts;
    private final Path appKnownHosts;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** @param userKnownHosts usually ~/.ssh/known_hosts (may be absent); appKnownHosts in the data directory */
    public HostKeyStore(Path userKnownHosts, Path appKnownHosts) {
        this.userKnownHosts = userKnownHosts;
        this.appKnownHosts = appKnownHosts;
    }

    public Path appKnownHosts() {
        return appKnownHosts;
    }

    /** The key last presented by host:port that is not yet trusted, if any. */
    public Optional<UnverifiedHostKey> pending(String host, int port) {
        return Optional.ofNullable(pending.get(host + ":" + port)).map(Pending::key);
    }

    /**
     * Records the pending key of host:port as trusted, if its fingerprint is the one given (the one the user saw).
     *
     * @throws IllegalStateException when there is no pending key for that host or its fingerprint differs
     */
    public synchronized void trust(String host, int port, String fingerprint) throws IOException {
        Pending candidate = pending.get(host + ":" + port);
        if (candidate == null) {
            throw new IllegalStateException("no unverified host key is waiting for " + host + ":" + port
                    + " (connect first, then accept the fingerprint shown)");
        }
        if (!candidate.key().fingerprint().equals(fingerprint)) {
            throw new IllegalStateException("the fingerprint " + fingerprint + " is not the one " + host + ":" + port
                    + " presented (" + candidate.key().fingerprint() + ")");
        }
        Files.createDirectories(appKnownHosts.getParent());
        if (!Files.exists(appKnownHosts)) {
            Files.createFile(appKnownHosts);
        }
        String hostPart = port == 22 ? host : "[" + host + "]:" + port;
        OpenSSHKnownHosts file = new OpenSSHKnownHosts(appKnownHosts.toFile());
        file.write(new OpenSSHKnownHosts.HostEntry(null, hostPart, KeyType.fromKey(candidate.publicKey()),
                candidate.publicKey()));
        pending.remove(host + ":" + port);
    }

    /** A verifier for one connection attempt; {@link Verifier#failure()} says why it refused, if it did. */
    Verifier verifier() {
        return new Verifier();
    }

    /** "SHA256:&lt;base64 without padding&gt;" of the key, as OpenSSH prints it. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    final class Verifier implements HostKeyVerifier {
        private HostKeyException failure;

        HostKeyException failure() {
            return failure;
        }

        @Override
        public boolean verify(String host, int port, PublicKey key) {
            List<Outcome> outcomes = new ArrayList<>();
            for (Path file : List.of(userKnownHosts, appKnownHosts)) {
                outcomes.add(check(file, host, port, key));
            }
            if (outcomes.contains(Outcome.MATCH)) {
                pending.remove(host + ":" + port);
                return true;
            }
            UnverifiedHostKey presented = new UnverifiedHostKey(host, port, KeyType.fromKey(key).toString(),
                    fingerprint(key));
            if (outcomes.contains(Outcome.CHANGED)) {
                failure = new HostKeyException(HostKeyException.Kind.CHANGED, presented, "HOST KEY CHANGED for "
                        + host + ":" + port + ": it now presents " + presented.keyType() + " " + presented.fingerprint()
                        + ", which differs from the key recorded in " + userKnownHosts + " or " + appKnownHosts
                        + ". Someone may be intercepting the connection, or the node was reinstalled. Refusing to "
                        + "connect; if the change is expected, remove the old line (ssh-keygen -R) and accept again.");
                return false;
            }
            pending.put(host + ":" + port, new Pending(presented, key));
            failure = new HostKeyException(HostKeyException.Kind.UNKNOWN, presented, "unknown host key for " + host
                    + ":" + port + ": " + presented.keyType() + " " + presented.fingerprint()
                    + ". Check it against the node (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and accept it once"
                    + " in the window, or with: hydra trust-host <node>");
            return false;
        }

        @Override
        public List<String> findExistingAlgorithms(String host, int port) {
            List<String> algorithms = new ArrayList<>();
            for (Path file : List.of(userKnownHosts, appKnownHosts)) {
                OpenSSHKnownHosts known = read(file, new Outcome[1]);
                if (known != null) {
                    algorithms.addAll(known.findExistingAlgorithms(host, port));
                }
            }
            return algorithms;
        }
    }

    private static Outcome check(Path file, String host, int port, PublicKey key) {
        Outcome[] result = {Outcome.UNKNOWN};
        OpenSSHKnownHosts known = read(file, result);
        if (known == null) {
            return Outcome.UNKNOWN;
        }
        return known.verify(host, port, key) ? Outcome.MATCH : result[0];
    }

    private static OpenSSHKnownHosts read(Path file, Outcome[] result) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return new OpenSSHKnownHosts(file.toFile()) {
                @Override
                protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
                    result[0] = Outcome.UNKNOWN;
                    return false;
                }

                @Override
                protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
                    result[0] = Outcome.CHANGED;
                    return false;
                }
            };
        } catch (IOException e) {
            return null;
        }
    }

    private enum Outcome { MATCH, UNKNOWN, CHANGED }

    private record Pending(UnverifiedHostKey key, PublicKey publicKey) {
    }
}
