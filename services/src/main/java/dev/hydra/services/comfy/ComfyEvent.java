package dev.hydra.services.comfy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A message from ComfyUI's WebSocket ({@code /ws?clientId=…}), typed. Unknown types (custom nodes add their own)
 * arrive as {@link Other}; binary previews as {@link Preview}.
 */
public sealed interface ComfyEvent {

    /** Queue size; the first one after connecting carries this socket's session id. */
    record Status(int queueRemaining, String sid) implements ComfyEvent {
    }

    record ExecutionStart(String promptId) implements ComfyEvent {
    }

    /** Nodes whose outputs are reused from the cache; all of them when the same graph ran before. */
    record ExecutionCached(String promptId, List<String> nodes) implements ComfyEvent {
    }

    /** A node starts; {@code node == null} means the whole prompt is finished (history is written by then). */
    record Executing(String promptId, String node) implements ComfyEvent {
        public boolean finished() {
            return node == null;
        }
    }

    /** Sampler steps of a node. */
    record Progress(String promptId, String node, int value, int max) implements ComfyEvent {
    }

    /** A node with UI output finished; {@code output} has the shape of a history entry's outputs[node]. */
    record Executed(String promptId, String node, JsonNode output) implements ComfyEvent {
    }

    record ExecutionSuccess(String promptId) implements ComfyEvent {
    }

    record ExecutionError(String promptId, String nodeId, String nodeType, String exceptionType,
            String exceptionMessage) implements ComfyEvent {
    }

    record ExecutionInterrupted(String promptId, String nodeId) implements ComfyEvent {
    }

    /** A preview image (binary frame type 1 or 4): small, without metadata. */
    record Preview(int type, byte[] image) implements ComfyEvent {
    }

    record Other(String type, JsonNode data) implements ComfyEvent {
    }

    /** The socket closed or failed; {@code reason} says why. */
    record Disconnected(String reason) implements ComfyEvent {
    }
}
