package dev.hydra.services.chat;

import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Letta bearer token: one typed into the window this session, else {@code LETTA_API_KEY} from the
 * environment, else the OS keyring. Never from hydra.yaml, never logged. A keyring that cannot be used (no
 * keyring service on this machine) fails soft: there is then no stored token, and {@link #keyringProblem()} says
 * why.
 */
public final class LettaToken implements TokenSource {

    public static final String ENVIRONMENT_VARIABLE = "LETTA_API_KEY";
    static final String ACCOUNT = "letta-api-key";
    private static final Logger LOG = LoggerFactory.getLogger(LettaToken.class);

    private final Map<String, String> environment;
    private final SecretStore keyring;
    private volatile String typed;
    private volatile String keyringProblem;
    private volatile Optional<String> stored;

    public LettaToken(Map<String, String> environment, SecretStore keyring) {
        this.environment = Map.copyOf(environment);
        this.keyring = keyring;
    }

    @Override
    public Optional<String> token() {
        if (typed != null) {
            return Optional.of(typed);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.strip());
        }
        return fromKeyring();
    }

    /** Where the token in use comes from, for doctor and the chat view (never the token itself). */
    public String origin() {
        if (typed != null) {
            return "the token entered in the window";
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return ENVIRONMENT_VARIABLE;
        }
        return fromKeyring().isPresent() ? keyring.describe() : "none";
    }

    /**
     * Uses this token from now on and tries to keep it in the keyring.
     *
     * @return null when stored, else why it could not be (it is then used for this session only)
     */
    public String useAndRemember(String token) {
        typed = token.strip();
        try {
            keyring.write(ACCOUNT, typed);
            stored = Optional.of(typed);
            keyringProblem = null;
            return null;
        } catch (SecretStore.SecretStoreException e) {
            keyringProblem = e.getMessage();
            LOG.warn("The Letta token is used for this session only: {}", e.getMessage());
            return e.getMessage();
        }
    }

    /** Why the keyring could not be used, or null. */
    public String keyringProblem() {
        fromKeyring();
        return keyringProblem;
    }

    private Optional<String> fromKeyring() {
        Optional<String> known = stored;
        if (known != null) {
            return known;
        }
        try {
            known = keyring.read(ACCOUNT);
        } catch (SecretStore.SecretStoreException e) {
            keyringProblem = e.getMessage();
            LOG.debug("No Letta token from the keyring: {}", e.getMessage());
            known = Optional.empty();
        }
        stored = known;
        return known;
    }
}
