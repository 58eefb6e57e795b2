package dev.hydra.services.transport.ssh;

import java.io.IOException;

/**
 * The node's host key could not be verified, so nothing was sent. {@link Kind#UNKNOWN}: never seen before, the user
 * may accept its fingerprint once. {@link Kind#CHANGED}: differs from the recorded key: possibly an attack, refused.
 */
public final class HostKeyException extends IOException {

    public enum Kind { UNKNOWN, CHANGED }

    private final Kind kind;
    private final UnverifiedHostKey key;

    HostKeyException(Kind kind, UnverifiedHostKey key, String message) {
        super(message);
        this.kind = kind;
        this.key = key;
    }

    public Kind kind() {
        return kind;
    }

    public UnverifiedHostKey key() {
        return key;
    }
}
