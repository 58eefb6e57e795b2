package dev.hydra.services.chat;

import java.util.UUID;

/**
 * What a person sends to an agent: a text message, or the answer to an approval request. Every text message
 * carries our own {@code otid}, the only way to match the optimistic bubble to the stored {@code user_message}.
 */
public sealed interface Outgoing {

    record Text(String text, String otid) implements Outgoing {
        public Text {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a message must not be empty");
            }
        }
    }

    /** @param reason optional, shown to the agent */
    record ApprovalAnswer(String toolCallId, boolean approve, String reason) implements Outgoing {
    }

    static Text text(String text) {
        return new Text(text, UUID.randomUUID().toString());
    }
}
