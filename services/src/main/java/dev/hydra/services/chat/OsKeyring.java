package dev.hydra.services.chat;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Optional;

/**
 * The OS keyring through java-keyring: Secret Service (GNOME Keyring, KWallet) on Linux, Credential Manager on
 * Windows, Keychain on macOS. On a machine without one (a server, a container, no D-Bus session) every call fails
 * with a {@link SecretStoreException} saying so; callers treat that as "no stored token".
 */
public final class OsKeyring implements SecretStore {

    static final String SERVICE = "Hydra Control";

    @Override
    public Optional<String> read(String account) {
        try (Keyring keyring = open()) {
            return Optional.ofNullable(keyring.getPassword(SERVICE, account)).filter(s -> !s.isBlank());
        } catch (PasswordAccessException e) {
            return Optional.empty();
        } catch (SecretStoreException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw unusable(e);
        }
    }

    @Override
    public void write(String account, String secret) {
        try (Keyring keyring = open()) {
            keyring.setPassword(SERVICE, account, secret);
        } catch (SecretStoreException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw unusable(e);
        }
    }

    @Override
    public String describe() {
        return "the OS keyring";
    }

    private static Keyring open() {
        try {
            return Keyring.create();
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            throw unusable(e);
        }
    }

    private static SecretStoreException unusable(Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new SecretStoreException("No usable OS keyring on this machine (" + reason + "); set LETTA_API_KEY "
                + "in the environment instead", e);
    }
}
