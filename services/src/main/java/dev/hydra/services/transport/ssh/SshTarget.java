package dev.hydra.services.transport.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where and as whom to log in. Key authentication only: there is no password.
 *
 * @param identityFiles OpenSSH private key files to offer, in order, before the ssh-agent's keys (unencrypted: an
 *                      encrypted key is used through the agent)
 * @param timeout       for connecting, for each question to the ssh-agent, and the default for one command
 */
public record SshTarget(String host, int port, String user, List<Path> identityFiles, Duration timeout) {

    public SshTarget {
        identityFiles = List.copyOf(identityFiles);
    }

    /** "user@host:port", as messages name it. */
    public String describe() {
        return user + "@" + host + (port == 22 ? "" : ":" + port);
    }

    /** The usual OpenSSH key files in {@code ~/.ssh} that exist. */
    public static List<Path> defaultIdentityFiles(Path home) {
        return List.of("id_ed25519", "id_ecdsa", "id_rsa").stream()
                .map(name -> home.resolve(".ssh").resolve(name))
                .filter(java.nio.file.Files::isRegularFile)
                .toList();
    }
}
