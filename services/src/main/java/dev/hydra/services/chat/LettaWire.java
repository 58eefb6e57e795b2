package dev.hydra.services.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.services.json.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Letta's JSON, read leniently: unknown fields ignored, unknown message types kept raw, several error envelopes. */
final class LettaWire {

    private LettaWire() {
    }

    /** One stream event or history item. */
    static StreamEvent event(JsonNode json) {
        String type = text(json, "message_type");
        if (type == null) {
            type = "";
        }
        return switch (type) {
            case "ping" -> new StreamEvent.Ping(text(json, "run_id"));
            case "stop_reason" -> new StreamEvent.StopReason(text(json, "stop_reason"));
            case "usage_statistics" -> new StreamEvent.Usage(integer(json, "completion_tokens"),
                    integer(json, "prompt_tokens"), integer(json, "total_tokens"), integer(json, "step_count"),
                    strings(json.get("run_ids")));
            case "error_message" -> error(json);
            default -> message(type, json);
        };
    }

    static LettaMessage message(String type, JsonNode json) {
        LettaMessage.Meta meta = new LettaMessage.Meta(text(json, "id"), instant(text(json, "date")), text(json, "otid"),
                text(json, "run_id"), text(json, "step_id"), json.path("is_err").asBoolean(false));
        return switch (type) {
            case "system_message" -> new LettaMessage.System(meta, content(json.get("content")));
            case "user_message" -> new LettaMessage.User(meta, content(json.get("content")));
            case "assistant_message" -> new LettaMessage.Assistant(meta, content(json.get("content")));
            case "reasoning_message" -> new LettaMessage.Reasoning(meta, text(json, "reasoning"), text(json, "source"));
            case "hidden_reasoning_message" -> new LettaMessage.HiddenReasoning(meta, text(json, "state"),
                    text(json, "hidden_reasoning"));
            case "tool_call_message" -> new LettaMessage.ToolCallRequest(meta, toolCall(json));
            case "tool_return_message" -> new LettaMessage.ToolReturn(meta, text(json, "tool_return"),
                    text(json, "status"), text(json, "tool_call_id"), joined(json.get("stdout")),
                    joined(json.get("stderr")));
            case "approval_request_message" -> new LettaMessage.ApprovalRequest(meta, toolCall(json));
            case "approval_response_message" -> new LettaMessage.ApprovalResponse(meta, approvals(json));
            case "summary_message" -> new LettaMessage.Summary(meta, text(json, "summary"));
            case "event_message" -> new LettaMessage.Event(meta, text(json, "event_type"),
                    json.has("event_data") ? json.get("event_data").toString() : null);
            default -> new LettaMessage.Unknown(meta, type.isEmpty() ? "(no message_type)" : type, json.toString());
        };
    }

    /** The data of an {@code event: error} in any of the shapes servers have sent. */
    static StreamEvent.Error error(JsonNode json) {
        JsonNode error = json.get("error");
        if (error != null && error.isObject()) {
            return new StreamEvent.Error(text(error, "type"), text(error, "message"), text(error, "detail"),
                    text(json, "run_id"));
        }
        if (error != null && error.isTextual()) {
            return new StreamEvent.Error(text(json, "code"), error.asText(), null, text(json, "run_id"));
        }
        return new StreamEvent.Error(text(json, "error_type"), text(json, "message"), text(json, "detail"),
                text(json, "run_id"));
    }

    static Agent agent(JsonNode json) {
        String model = text(json, "model");
        if (model == null) {
            model = text(json.path("llm_config"), "handle");
        }
        if (model == null) {
            model = text(json.path("llm_config"), "model");
        }
        List<MemoryBlock> blocks = new ArrayList<>();
        JsonNode blockArray = json.path("blocks").isArray() && !json.path("blocks").isEmpty() ? json.get("blocks")
                : json.path("memory").path("blocks");
        blockArray.forEach(block -> blocks.add(block(block)));
        return new Agent(text(json, "id"), text(json, "name"), text(json, "description"), text(json, "agent_type"),
                model, strings(json.get("tags")), blocks, instant(text(json, "created_at")),
                instant(text(json, "updated_at")));
    }

    static MemoryBlock block(JsonNode json) {
        return new MemoryBlock(text(json, "id"), text(json, "label"), text(json, "value"), integer(json, "limit"),
                text(json, "description"), json.path("read_only").asBoolean(false));
    }

    static Passage passage(JsonNode json) {
        String text = text(json, "text") != null ? text(json, "text") : text(json, "content");
        String created = text(json, "created_at") != null ? text(json, "created_at") : text(json, "timestamp");
        return new Passage(text(json, "id"), text, strings(json.get("tags")), instant(created));
    }

    static Run run(JsonNode json) {
        return new Run(text(json, "id"), text(json, "agent_id"), text(json, "status"), text(json, "stop_reason"),
                instant(text(json, "created_at")), instant(text(json, "completed_at")));
    }

    /**
     * The server's explanation in an error body: {@code detail} as a string, a list (FastAPI ≤0.12) or an object
     * (409 pending approval), else {@code error.message} or {@code error}; else the body itself, shortened.
     */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            return shorten(body);
        }
        JsonNode detail = json.get("detail");
        if (detail != null && detail.isTextual()) {
            return detail.asText();
        }
        if (detail != null && detail.isArray()) {
            List<String> messages = new ArrayList<>();
            detail.forEach(item -> messages.add(item.isObject() && item.has("msg") ? item.get("msg").asText()
                    : item.toString()));
            return String.join("; ", messages);
        }
        if (detail != null && detail.isObject()) {
            String message = text(detail, "message");
            String code = text(detail, "code");
            return code != null && message != null ? code + ": " + message : message != null ? message : detail.toString();
        }
        JsonNode error = json.get("error");
        if (error != null && error.isObject()) {
            return text(error, "message") != null ? text(error, "message") : error.toString();
        }
        if (error != null && error.isTextual()) {
            return error.asText();
        }
        if (json.has("message")) {
            return json.get("message").asText();
        }
        return shorten(body);
    }

    /** Timestamps as the server writes them: with a zone, with Z, or (SQLite) with none, which means UTC. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** Content as a string, or an array of parts of which text parts are joined and others named. */
    static String content(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            List<String> parts = new ArrayList<>();
            content.forEach(part -> parts.add("text".equals(text(part, "type")) || part.has("text")
                    ? part.path("text").asText("") : "[" + part.path("type").asText("attachment") + "]"));
            return String.join("", parts);
        }
        return content.toString();
    }

    private static LettaMessage.ToolCall toolCall(JsonNode json) {
        JsonNode call = json.get("tool_call");
        if (call == null || call.isNull()) {
            call = json.get("tool_calls");
            if (call != null && call.isArray()) {
                call = call.isEmpty() ? null : call.get(0);
            }
        }
        if (call == null || call.isNull()) {
            return new LettaMessage.ToolCall(null, null, null);
        }
        JsonNode arguments = call.get("arguments");
        return new LettaMessage.ToolCall(text(call, "name"),
                arguments == null || arguments.isNull() ? null : arguments.isTextual() ? arguments.asText()
                        : arguments.toString(),
                text(call, "tool_call_id"));
    }

    private static List<LettaMessage.Approval> approvals(JsonNode json) {
        List<LettaMessage.Approval> approvals = new ArrayList<>();
        json.path("approvals").forEach(a -> approvals.add(new LettaMessage.Approval(text(a, "tool_call_id"),
                a.path("approve").asBoolean(false), text(a, "reason"))));
        if (approvals.isEmpty() && json.has("approve")) {
            approvals.add(new LettaMessage.Approval(text(json, "approval_request_id"),
                    json.path("approve").asBoolean(false), text(json, "reason")));
        }
        return approvals;
    }

    static String text(JsonNode json, String field) {
        JsonNode value = json == null ? null : json.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    private static Integer integer(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || !value.canConvertToInt() ? null : value.asInt();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static String joined(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> lines = new ArrayList<>();
            value.forEach(v -> lines.add(v.asText()));
            return lines.stream().collect(Collectors.joining("\n"));
        }
        return value.asText();
    }

    private static String shorten(String body) {
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
