package dev.hydra.services.testing;

import java.nio.file.Path;
import java.util.List;

/** Fresh OpenSSH key pairs made by the real ssh-keygen, for the SSH tests. */
public final class SshKeys {

    private SshKeys() {
    }

    /** A new key pair without a passphrase: {@code file} and {@code file.pub}. {@code type}: ed25519, rsa, ecdsa. */
    public static Path generate(Path file, String type) {
        Path keygen = Binaries.require("openssh-client", "/usr/bin/ssh-keygen");
        Processes.run(List.of(keygen.toString(), "-q", "-t", type, "-N", "", "-C", "hydra-test-" + type, "-f",
                file.toString()), file.getParent());
        return file;
    }

    /** Puts a passphrase on an existing key file, as a user who keeps keys encrypted would. */
    public static void encrypt(Path file, String passphrase) {
        Path keygen = Binaries.require("openssh-client", "/usr/bin/ssh-keygen");
        Processes.run(List.of(keygen.toString(), "-q", "-p", "-P", "", "-N", passphrase, "-f", file.toString()),
                file.getParent());
    }

    /** The public half of a key made by {@link #generate}. */
    public static Path publicKey(Path file) {
        return file.resolveSibling(file.getFileName() + ".pub");
    }
}
