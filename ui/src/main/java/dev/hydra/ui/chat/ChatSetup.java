package dev.hydra.ui.chat;

import dev.hydra.services.chat.ChatClient;
import dev.hydra.services.chat.LettaToken;

/**
 * What the Chat view needs from the composition root.
 *
 * @param url          the configured Letta server (null: chat not set up; the view explains how)
 * @param defaultAgent the agent to open first (name or id), or null for the most recent
 * @param client       the client for {@code url} (null when not set up)
 * @param token        where the token comes from; the view stores one a person types
 */
public record ChatSetup(String url, String defaultAgent, ChatClient client, LettaToken token) {

    public static ChatSetup notConfigured() {
        return new ChatSetup(null, null, null, null);
    }

    public boolean configured() {
        return client != null;
    }
}
