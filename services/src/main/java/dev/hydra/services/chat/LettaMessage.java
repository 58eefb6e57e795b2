package dev.hydra.services.chat;

import java.time.Instant;
import java.util.List;

/**
 * A Letta message as the server streams it and stores it in history, one record per {@code message_type}. Every
 * message carries {@link Meta}; an unknown type is kept whole as raw JSON ({@link Unknown}).
 */
public sealed interface LettaMessage extends StreamEvent {

    Meta meta();

    /** Letta's {@code message_type} name of this message. */
    String type();

    /**
     * The fields common to every message. While token-streaming, all fragments of one LLM response share the
     * {@code id}; each part (reasoning, text, tool call) has its own {@code otid}.
     *
     * @param date second precision; null when absent or unreadable
     */
    record Meta(String id, Instant date, String otid, String runId, String stepId, boolean isError) {

        /** The key under which stream fragments join and stream and history items match: otid, else id + type. */
        public String partKey(String type) {
            return otid != null ? otid : id + "/" + type;
        }
    }

    /** A tool invocation; {@code arguments} is the JSON text the model produced (partial while streaming). */
    record ToolCall(String name, String arguments, String toolCallId) {
    }

    /** One answer to an approval request, as stored in history. */
    record Approval(String toolCallId, boolean approve, String reason) {
    }

    record System(Meta meta, String content) implements LettaMessage {
        public String type() {
            return "system_message";
        }
    }

    /** The user's message; content parts other than text are rendered as a short placeholder. */
    record User(Meta meta, String content) implements LettaMessage {
        public String type() {
            return "user_message";
        }
    }

    record Assistant(Meta meta, String content) implements LettaMessage {
        public String type() {
            return "assistant_message";
        }
    }

    /** @param source {@code reasoner_model} or {@code non_reasoner_model} */
    record Reasoning(Meta meta, String reasoning, String source) implements LettaMessage {
        public String type() {
            return "reasoning_message";
        }
    }

    /** @param state {@code redacted} or {@code omitted} */
    record HiddenReasoning(Meta meta, String state, String hiddenReasoning) implements LettaMessage {
        public String type() {
            return "hidden_reasoning_message";
        }
    }

    /** While token-streaming, the name arrives in the first delta only and later deltas carry argument pieces. */
    record ToolCallRequest(Meta meta, ToolCall toolCall) implements LettaMessage {
        public String type() {
            return "tool_call_message";
        }
    }

    /** @param status {@code success} or {@code error} */
    record ToolReturn(Meta meta, String toolReturn, String status, String toolCallId, String stdout, String stderr)
            implements LettaMessage {
        public String type() {
            return "tool_return_message";
        }

        public boolean failed() {
            return "error".equals(status);
        }
    }

    /** The agent waits for a person to approve or deny this tool call; the turn ends with requires_approval. */
    record ApprovalRequest(Meta meta, ToolCall toolCall) implements LettaMessage {
        public String type() {
            return "approval_request_message";
        }
    }

    record ApprovalResponse(Meta meta, List<Approval> approvals) implements LettaMessage {
        public String type() {
            return "approval_response_message";
        }
    }

    /** A compaction summary (only sent with include_compaction_messages). */
    record Summary(Meta meta, String summary) implements LettaMessage {
        public String type() {
            return "summary_message";
        }
    }

    /** @param eventData the event's data as JSON text */
    record Event(Meta meta, String eventType, String eventData) implements LettaMessage {
        public String type() {
            return "event_message";
        }
    }

    /** A message type this client does not know: kept and shown as its raw JSON, never dropped. */
    record Unknown(Meta meta, String type, String rawJson) implements LettaMessage {
    }
}
