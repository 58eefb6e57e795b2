package dev.hydra.services.comfy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ComfyUI queued a prompt.
 *
 * @param nodeErrors non-empty when some outputs failed validation and were dropped while the rest still runs
 *                   (a 200 can carry them): a warning, not a failure
 */
public record PromptAccepted(String promptId, double number, JsonNode nodeErrors) {

    public boolean hasWarnings() {
        return nodeErrors != null && nodeErrors.isObject() && !nodeErrors.isEmpty();
    }
}
