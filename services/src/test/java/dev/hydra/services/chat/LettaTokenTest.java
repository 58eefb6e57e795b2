package dev.hydra.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the token comes from, and a keyring that cannot be used failing soft. */
class LettaTokenTest {

    /** A machine without a keyring service (a server, a container, CI). */
    private static final SecretStore NO_KEYRING = new SecretStore() {
        @Override
        public Optional<String> read(String account) {
            throw new SecretStoreException("No usable OS keyring on this machine (no D-Bus session); set "
                    + "LETTA_API_KEY in the environment instead", null);
        }

        @Override
        public void write(String account, String secret) {
            read(account);
        }

        @Override
        public String describe() {
            return "the OS keyring";
        }
    };

    @Test
    void theEnvironmentComesBeforeTheKeyring() {
        LettaToken token = new LettaToken(Map.of("LETTA_API_KEY", " sk-env "), new MapStore(Map.of(LettaToken.ACCOUNT, "sk-ring")));

        assertThat(token.token()).contains("sk-env");
        assertThat(token.origin()).isEqualTo("LETTA_API_KEY");
    }

    @Test
    void theKeyringIsUsedWhenTheEnvironmentHasNone() {
        LettaToken token = new LettaToken(Map.of(), new MapStore(Map.of(LettaToken.ACCOUNT, "sk-ring")));

        assertThat(token.token()).contains("sk-ring");
        assertThat(token.origin()).isEqualTo("a test map");
    }

    @Test
    void noKeyringServiceMeansNoTokenAndAClearReasonNotAnError() {
        LettaToken token = new LettaToken(Map.of(), NO_KEYRING);

        assertThat(token.token()).isEmpty();
        assertThat(token.origin()).isEqualTo("none");
        assertThat(token.keyringProblem()).startsWith("No usable OS keyring on this machine");
    }

    @Test
    void aTypedTokenIsRememberedInTheKeyringOrUsedForTheSessionOnly() {
        MapStore store = new MapStore(Map.of());
        LettaToken remembered = new LettaToken(Map.of("LETTA_API_KEY", "sk-env"), store);
        assertThat(remembered.useAndRemember("sk-typed")).isNull();
        assertThat(remembered.token()).contains("sk-typed");
        assertThat(store.values).containsEntry(LettaToken.ACCOUNT, "sk-typed");

        LettaToken sessionOnly = new LettaToken(Map.of(), NO_KEYRING);
        assertThat(sessionOnly.useAndRemember("sk-typed")).startsWith("No usable OS keyring");
        assertThat(sessionOnly.token()).contains("sk-typed");
    }

    @Test
    void theRealKeyringFailsSoftOnAMachineWithoutOne() {
        // This build machine has no Secret Service on D-Bus; whatever the machine, nothing is thrown.
        LettaToken token = new LettaToken(Map.of(), new OsKeyring());

        assertThat(token.origin()).isNotNull();
        if (token.token().isEmpty()) {
            assertThat(token.keyringProblem() == null || token.keyringProblem().startsWith("No usable OS keyring")).isTrue();
        }
    }

    private static final class MapStore implements SecretStore {
        final Map<String, String> values;

        MapStore(Map<String, String> initial) {
            values = new HashMap<>(initial);
        }

        @Override
        public Optional<String> read(String account) {
            return Optional.ofNullable(values.get(account));
        }

        @Override
        public void write(String account, String secret) {
            values.put(account, secret);
        }

        @Override
        public String describe() {
            return "a test map";
        }
    }
}
