package dev.hydra.services.comfy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Turns ComfyUI's JSON frames ({"type", "data"}) into typed events. */
final class ComfyEvents {

    private ComfyEvents() {
    }

    static ComfyEvent parse(JsonNode frame) {
        String type = frame.path("type").asText("");
        JsonNode data = frame.path("data");
        String promptId = data.path("prompt_id").asText(null);
        return switch (type) {
            case "status" -> new ComfyEvent.Status(data.path("status").path("exec_info").path("queue_remaining").asInt(),
                    data.path("sid").asText(null));
            case "execution_start" -> new ComfyEvent.ExecutionStart(promptId);
            case "execution_cached" -> {
                List<String> nodes = new ArrayList<>();
                data.path("nodes").forEach(n -> nodes.add(n.asText()));
                yield new ComfyEvent.ExecutionCached(promptId, nodes);
            }
            case "executing" -> new ComfyEvent.Executing(promptId,
                    data.path("node").isNull() || data.path("node").isMissingNode() ? null : data.get("node").asText());
            case "progress" -> new ComfyEvent.Progress(promptId, data.path("node").asText(null),
                    data.path("value").asInt(), data.path("max").asInt());
            case "executed" -> new ComfyEvent.Executed(promptId, data.path("node").asText(null), data.path("output"));
            case "execution_success" -> new ComfyEvent.ExecutionSuccess(promptId);
            case "execution_error" -> new ComfyEvent.ExecutionError(promptId, data.path("node_id").asText(null),
                    data.path("node_type").asText(null), data.path("exception_type").asText(null),
                    data.path("exception_message").asText(null));
            case "execution_interrupted" -> new ComfyEvent.ExecutionInterrupted(promptId,
                    data.path("node_id").asText(null));
            default -> new ComfyEvent.Other(type, data);
        };
    }
}
