package dev.hydra.services.chat;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One finished turn: the agent's messages (the user's own message is not echoed), why it stopped, and the usage.
 *
 * @param stopReason null when the turn was cut short before the server said why it ended
 */
public record Turn(List<LettaMessage> messages, StreamEvent.StopReason stopReason, StreamEvent.Usage usage) {

    public Turn {
        messages = List.copyOf(messages);
    }

    /** The assistant's text: every assistant message of the turn, in order, separated by blank lines. */
    public String replyText() {
        return messages.stream().filter(LettaMessage.Assistant.class::isInstance)
                .map(m -> ((LettaMessage.Assistant) m).content())
                .collect(Collectors.joining("\n\n"));
    }

    /** The approval requests the turn ended on (stop reason requires_approval). */
    public List<LettaMessage.ApprovalRequest> pendingApprovals() {
        return messages.stream().filter(LettaMessage.ApprovalRequest.class::isInstance)
                .map(LettaMessage.ApprovalRequest.class::cast).toList();
    }
}
