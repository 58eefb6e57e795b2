package dev.hydra.app;

import dev.hydra.services.chat.ChatClient;
import dev.hydra.services.chat.ChatException;
import dev.hydra.services.chat.Turn;
import dev.hydra.services.queue.handlers.LettaMessenger;

/**
 * letta_message jobs through the chat client: one turn with the agent, its final reply as the job's output. A turn
 * that stops to wait for an approval fails for good (nobody is there to approve it); an unreachable server or a
 * server error is retried by the queue.
 */
final class LettaJobMessenger implements LettaMessenger {

    private final ChatClient client;

    LettaJobMessenger(ChatClient client) {
        this.client = client;
    }

    @Override
    public String send(String agent, String message) throws LettaUnavailableException {
        Turn turn;
        try {
            turn = client.reply(agent, message);
        } catch (ChatException e) {
            boolean retryable = e.kind() == ChatException.Kind.UNREACHABLE || e.kind() == ChatException.Kind.SERVER_ERROR;
            throw new LettaUnavailableException("Letta: " + e.getMessage(), !retryable);
        }
        if (!turn.pendingApprovals().isEmpty()) {
            throw new LettaUnavailableException("Letta: the agent stopped to wait for an approval ("
                    + turn.pendingApprovals().size() + " pending); answer it in the Chat view", true);
        }
        return turn.replyText();
    }
}
