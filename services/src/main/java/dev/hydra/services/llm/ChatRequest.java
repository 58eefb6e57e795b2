package dev.hydra.services.llm;

import java.util.List;

/**
 * A chat completion request. Null temperature and maxTokens leave the server's defaults.
 */
public record ChatRequest(String model, List<ChatMessage> messages, Double temperature, Integer maxTokens) {

    public ChatRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a chat request needs a model");
        }
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
    }
}
