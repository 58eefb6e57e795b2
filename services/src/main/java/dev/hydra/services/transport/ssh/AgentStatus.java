package dev.hydra.services.transport.ssh;

import java.nio.file.Path;

/**
 * Whether the user's ssh-agent answered and how many keys it listed.
 *
 * @param socket   {@code SSH_AUTH_SOCK} (null when it is not set)
 * @param keyCount keys the agent listed (a locked agent lists none)
 * @param problem  why nothing answers at the socket (null unless NOT_ANSWERING)
 */
public record AgentStatus(Availability availability, Path socket, int keyCount, String problem) {

    public enum Availability {
        /** SSH_AUTH_SOCK is not set. */
        NOT_SET,
        /** SSH_AUTH_SOCK is set but nothing answers there: a stale socket of an agent that has gone, or a hung one. */
        NOT_ANSWERING,
        /** The agent answered. */
        PRESENT
    }

    /** One line for messages and hydra doctor; never a key, only the socket and a count. */
    public String describe() {
        return switch (availability) {
            case NOT_SET -> "no ssh-agent (" + SshAgent.SOCKET_VARIABLE + " is not set)";
            case NOT_ANSWERING -> "no ssh-agent answers at " + socket + " (" + SshAgent.SOCKET_VARIABLE + "): " + problem;
            case PRESENT -> "the ssh-agent at " + socket + " holds " + keyCount + (keyCount == 1 ? " key" : " keys");
        };
    }
}
