package dev.hydra.services.queue.handlers;

import java.io.IOException;

/**
 * Sends one message to a Letta agent and returns its reply text. The composition root binds it to the Letta chat
 * client; {@link #NOT_CONFIGURED} says plainly that there is none.
 */
@FunctionalInterface
public interface LettaMessenger {

    LettaMessenger NOT_CONFIGURED = (agent, message) -> {
        throw new LettaUnavailableException("no Letta server is configured, so letta_message jobs cannot run", true);
    };

    /**
     * @param agent an agent id or name
     * @throws LettaUnavailableException when the server refuses (permanent) or cannot be reached (transient)
     */
    String send(String agent, String message) throws IOException, InterruptedException;

    /** Letta answered with an error, or could not be reached. */
    final class LettaUnavailableException extends IOException {

        private final boolean permanent;

        public LettaUnavailableException(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean isPermanent() {
            return permanent;
        }
    }
}
