package dev.hydra.services.chat;

import java.util.Optional;

/** Somewhere a secret can be kept between runs: the OS keyring in the app, a map in tests. */
public interface SecretStore {

    /**
     * The secret, if one is stored.
     *
     * @throws SecretStoreException when the store cannot be used at all (no keyring service on this machine)
     */
    Optional<String> read(String account);

    /** @throws SecretStoreException when the secret could not be stored */
    void write(String account, String secret);

    /** Where secrets go, for messages: "the GNOME keyring (Secret Service)", "Windows Credential Manager". */
    String describe();

    /** Secrets kept in memory only, for this run (tests, and machines where nothing may be written). */
    static SecretStore inMemory() {
        java.util.Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();
        return new SecretStore() {
            @Override
            public Optional<String> read(String account) {
                return Optional.ofNullable(secrets.get(account));
            }

            @Override
            public void write(String account, String secret) {
                secrets.put(account, secret);
            }

            @Override
            public String describe() {
                return "memory (this run only)";
            }
        };
    }

    /** The store cannot be used, with a reason a person understands. */
    final class SecretStoreException extends RuntimeException {
        public SecretStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
