package dev.hydra.services.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fake Letta agent does on its next turn: reasoning, text, tool calls, memory edits, an approval request,
 * and how the stream behaves (token chunks, pace, an error or a dropped connection, waiting to be cancelled).
 */
public final class ScriptedTurn {

    sealed interface Part {
    }

    record Reasoning(String text) implements Part {
    }

    record Text(String text) implements Part {
    }

    record ToolCall(String name, String arguments, String result, boolean failed) implements Part {
    }

    record MemoryEdit(String label, String value) implements Part {
    }

    record ApprovalRequest(String name, String arguments) implements Part {
    }

    final List<Part> parts = new ArrayList<>();
    int chunkChars = 4;
    Duration pace = Duration.ZERO;
    String midStreamErrorType;
    String midStreamErrorMessage;
    int dropAfterEvents = -1;
    boolean holdUntilCancelled;
    boolean legacyErrorEnvelope;
    int failStatus;
    String failBody;

    public static ScriptedTurn turn() {
        return new ScriptedTurn();
    }

    public ScriptedTurn reasoning(String text) {
        parts.add(new Reasoning(text));
        return this;
    }

    public ScriptedTurn says(String text) {
        parts.add(new Text(text));
        return this;
    }

    /** A tool call and its return; {@code arguments} is JSON text. */
    public ScriptedTurn callsTool(String name, String arguments, String result) {
        parts.add(new ToolCall(name, arguments, result, false));
        return this;
    }

    public ScriptedTurn callsFailingTool(String name, String arguments, String error) {
        parts.add(new ToolCall(name, arguments, error, true));
        return this;
    }

    /** The agent rewrites a core memory block with its memory tool (shown as a tool call). */
    public ScriptedTurn editsMemory(String label, String value) {
        parts.add(new MemoryEdit(label, value));
        return this;
    }

    /** The turn ends waiting for a person to approve this tool call (stop reason requires_approval). */
    public ScriptedTurn asksApproval(String toolName, String arguments) {
        parts.add(new ApprovalRequest(toolName, arguments));
        return this;
    }

    /** Fragment size when the client asks for token streaming. */
    public ScriptedTurn inChunksOf(int chars) {
        chunkChars = chars;
        return this;
    }

    /** Pause between stream events. */
    public ScriptedTurn pacedAt(Duration pause) {
        pace = pause;
        return this;
    }

    /** After the parts: stop_reason llm_api_error, then {@code event: error} with this error. */
    public ScriptedTurn failsMidStream(String errorType, String message) {
        midStreamErrorType = errorType;
        midStreamErrorMessage = message;
        return this;
    }

    /** As {@link #failsMidStream} with the ≤0.14 envelope {@code {"error":{type,message,detail}}}. */
    public ScriptedTurn failsMidStreamTheOldWay(String errorType, String message) {
        legacyErrorEnvelope = true;
        return failsMidStream(errorType, message);
    }

    /** The connection closes abruptly after this many data events (no stop_reason, no [DONE]). */
    public ScriptedTurn dropsAfter(int events) {
        dropAfterEvents = events;
        return this;
    }

    /** After the parts, the run keeps going (pinging) until it is cancelled. */
    public ScriptedTurn runsUntilCancelled() {
        holdUntilCancelled = true;
        return this;
    }

    /** The send is refused before anything streams. */
    public ScriptedTurn refusedWith(int status, String body) {
        failStatus = status;
        failBody = body;
        return this;
    }
}
