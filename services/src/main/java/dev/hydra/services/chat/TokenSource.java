package dev.hydra.services.chat;

import java.util.Optional;

/** Where the Letta bearer token comes from (the environment, the OS keyring, what a person typed). */
public interface TokenSource {

    /** The token, if any. Self-hosted servers without --secure need none. */
    Optional<String> token();

    /** A token source with none: for servers that need no authentication. */
    TokenSource NONE = Optional::empty;
}
