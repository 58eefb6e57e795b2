package dev.hydra.services.chat;

import java.time.Instant;
import java.util.List;

/**
 * A Letta agent, as far as a chat needs it.
 *
 * @param model  {@code provider/model}, e.g. openai/gpt-4.1-mini (from {@code model}, else {@code llm_config.handle})
 * @param blocks its core memory blocks when the listing asked for them
 */
public record Agent(String id, String name, String description, String agentType, String model, List<String> tags,
        List<MemoryBlock> blocks, Instant createdAt, Instant updatedAt) {

    public Agent {
        tags = tags == null ? List.of() : List.copyOf(tags);
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }
}
