package dev.hydra.services.transport.ssh;

/**
 * A host key the node presented that is not (or no longer) the recorded one.
 *
 * @param fingerprint "SHA256:..." as {@code ssh-keygen -lf} prints it
 */
public record UnverifiedHostKey(String host, int port, String keyType, String fingerprint) {
}
