package dev.hydra.services.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins a stream's events into whole messages. Token-streamed fragments join by otid (falling back to id + type),
 * never by id alone: all parts of one LLM response share the id. Not thread-safe: feed it from one thread.
 */
public final class TurnAssembler {

    private final Map<String, LettaMessage> parts = new LinkedHashMap<>();
    private String runId;
    private StreamEvent.StopReason stopReason;
    private StreamEvent.Usage usage;
    private StreamEvent.Error error;

    /** Takes one event; returns the message it joined into (whole so far), or null for control events. */
    public LettaMessage accept(StreamEvent event) {
        switch (event) {
            case StreamEvent.Ping ping -> rememberRun(ping.runId());
            case StreamEvent.StopReason reason -> stopReason = reason;
            case StreamEvent.Usage used -> usage = used;
            case StreamEvent.Error failed -> {
                error = failed;
                rememberRun(failed.runId());
            }
            case LettaMessage message -> {
                rememberRun(message.meta().runId());
                return parts.merge(message.meta().partKey(message.type()), message, TurnAssembler::join);
            }
        }
        return null;
    }

    public List<LettaMessage> messages() {
        return new ArrayList<>(parts.values());
    }

    public String runId() {
        return runId;
    }

    public StreamEvent.Error error() {
        return error;
    }

    public Turn turn() {
        return new Turn(messages(), stopReason, usage);
    }

    private void rememberRun(String id) {
        if (runId == null && id != null) {
            runId = id;
        }
    }

    /** The message so far followed by one more fragment of it. */
    static LettaMessage join(LettaMessage sofar, LettaMessage next) {
        return switch (sofar) {
            case LettaMessage.Assistant a when next instanceof LettaMessage.Assistant b ->
                    new LettaMessage.Assistant(a.meta(), concat(a.content(), b.content()));
            case LettaMessage.Reasoning a when next instanceof LettaMessage.Reasoning b ->
                    new LettaMessage.Reasoning(a.meta(), concat(a.reasoning(), b.reasoning()),
                            a.source() != null ? a.source() : b.source());
            case LettaMessage.ToolCallRequest a when next instanceof LettaMessage.ToolCallRequest b ->
                    new LettaMessage.ToolCallRequest(a.meta(), join(a.toolCall(), b.toolCall()));
            case LettaMessage.ApprovalRequest a when next instanceof LettaMessage.ApprovalRequest b ->
                    new LettaMessage.ApprovalRequest(a.meta(), join(a.toolCall(), b.toolCall()));
            default -> next;
        };
    }

    private static LettaMessage.ToolCall join(LettaMessage.ToolCall a, LettaMessage.ToolCall b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return new LettaMessage.ToolCall(a.name() != null ? a.name() : b.name(), concat(a.arguments(), b.arguments()),
                a.toolCallId() != null ? a.toolCallId() : b.toolCallId());
    }

    private static String concat(String a, String b) {
        return a == null ? b : b == null ? a : a + b;
    }
}
