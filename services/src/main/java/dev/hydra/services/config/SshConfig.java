package dev.hydra.services.config;

/**
 * How to reach a node over SSH. Authentication is by key only; there is deliberately no password key.
 *
 * @param user         the remote user (default: this user's name)
 * @param port         default 22
 * @param identityFile an OpenSSH private key file (default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, whichever exist)
 * @param sudo         run power-limit changes with {@code sudo -n} (default false)
 */
public record SshConfig(String user, Integer port, String identityFile, Boolean sudo) {

    public SshConfig {
        port = port == null ? 22 : port;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("ssh.port must be between 1 and 65535, got " + port);
        }
        if (user != null && user.isBlank()) {
            throw new IllegalArgumentException("ssh.user must not be empty");
        }
        sudo = sudo != null && sudo;
    }
}
