package dev.hydra.services.chat;

import java.util.List;

/**
 * One event of a Letta stream (SSE) or one item of a reply: a message, or one of the control events that frame a
 * turn. Dispatch is on Letta's {@code message_type}; an unknown type becomes {@link LettaMessage.Unknown}, never
 * dropped.
 */
public sealed interface StreamEvent permits LettaMessage, StreamEvent.Ping, StreamEvent.StopReason,
        StreamEvent.Usage, StreamEvent.Error {

    /** Keepalive; since server 0.16.7 the first event of every stream, carrying the run id (for cancelling). */
    record Ping(String runId) implements StreamEvent {
    }

    /**
     * Why the turn ended: {@code end_turn}, {@code requires_approval}, {@code cancelled}, {@code llm_api_error}, ...
     */
    record StopReason(String reason) implements StreamEvent {

        private static final List<String> COMPLETED = List.of("end_turn", "max_steps", "tool_rule", "requires_approval");

        /** Whether the run completed normally (as opposed to failed or cancelled), per the server's mapping. */
        public boolean completed() {
            return COMPLETED.contains(reason);
        }

        public boolean cancelled() {
            return "cancelled".equals(reason);
        }

        public boolean requiresApproval() {
            return "requires_approval".equals(reason);
        }
    }

    /** Token usage of the turn (null fields were not reported). */
    record Usage(Integer completionTokens, Integer promptTokens, Integer totalTokens, Integer stepCount,
            List<String> runIds) implements StreamEvent {
    }

    /**
     * An error reported inside the stream ({@code event: error}): 0.15+ {@code error_message}, the older
     * {@code {"error":{type,message,detail}}} envelope, or {@code {"error": "...", "code": ...}} for an unhandled
     * server exception.
     */
    record Error(String errorType, String message, String detail, String runId) implements StreamEvent {
    }
}
