package dev.hydra.services.llm;

/**
 * A complete answer.
 *
 * @param finishReason why the model stopped: stop, length, ... (null when the server did not say)
 * @param model        the model that answered, as the server reports it
 * @param promptTokens tokens read, or null when the server sent no usage
 * @param completionTokens tokens written, or null
 */
public record ChatResult(String text, String finishReason, String model, Integer promptTokens,
        Integer completionTokens) {
}
