package dev.hydra.services.comfy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ComfyUI could not do what was asked. {@link Kind#REJECTED} means the request itself is wrong (a 400 from
 * {@code /prompt}: an unknown node, a missing model, a value out of range) and sending it again cannot help;
 * {@link #details()} then holds ComfyUI's {@code error} and {@code node_errors}.
 */
public final class ComfyException extends Exception {

    public enum Kind {
        /** 400: validation failed. */
        REJECTED,
        /** Connection refused, timed out, or reset. */
        UNREACHABLE,
        /** A 5xx or an answer that is not what the API promises. */
        SERVER_ERROR
    }

    private final Kind kind;
    private final transient JsonNode details;

    public ComfyException(Kind kind, String message, JsonNode details, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.details = details;
    }

    public Kind kind() {
        return kind;
    }

    public JsonNode details() {
        return details;
    }
}
