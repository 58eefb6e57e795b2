package dev.hydra.services.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plays one scripted turn of a fake agent: stores its messages in history and emits them to a sink (the SSE
 * stream, or a list for a non-streamed reply), whole or in token fragments, with pings, cancellation, errors and
 * dropped connections as scripted.
 */
final class FakeTurn {

    /** Where events go. */
    interface Sink {
        void data(String json) throws IOException;

        void event(String name, String json) throws IOException;

        void done() throws IOException;

        /** Closes the connection abruptly. */
        void drop();
    }

    final String runId = "run-" + UUID.randomUUID();
    final CountDownLatch cancelled = new CountDownLatch(1);
    private final FakeLettaAgent agent;
    private final ScriptedTurn script;
    private final boolean tokens;
    private final Duration keepalive;
    private final Sink sink;
    private int emitted;
    private long pacedFrom;
    private boolean dropped;
    private String stepUuid;
    private int partIndex;

    FakeTurn(FakeLettaAgent agent, ScriptedTurn script, boolean tokens, Duration keepalive, Sink sink) {
        this.agent = agent;
        this.script = script;
        this.tokens = tokens;
        this.keepalive = keepalive;
        this.sink = sink;
    }

    /** @return the stop reason the turn ended with */
    String play(boolean initialPing, String approvalResult, boolean approvalFailed) throws IOException {
        if (initialPing) {
            emit(ping());
        }
        newStep();
        if (approvalResult != null) {
            ObjectNode ret = stored("tool_return_message", "message-" + UUID.randomUUID(), otid(UUID.randomUUID().toString(), 0));
            ret.put("tool_return", approvalResult).put("status", approvalFailed ? "error" : "success")
                    .put("tool_call_id", agent.pendingApprovalCallId).putNull("stdout").putNull("stderr");
            agent.pendingApprovalCallId = null;
            emit(ret.toString());
        }
        List<ScriptedTurn.Part> parts = script.parts;
        for (int i = 0; i < parts.size(); i++) {
            if (isCancelled()) {
                return cancel();
            }
            switch (parts.get(i)) {
                case ScriptedTurn.Reasoning r -> item("reasoning_message", "reasoning", r.text(), false, null);
                case ScriptedTurn.Text t -> {
                    item("assistant_message", "content", t.text(), false, null);
                    newStep();
                }
                case ScriptedTurn.ToolCall call -> toolCall(call.name(), call.arguments(), call.result(), call.failed());
                case ScriptedTurn.MemoryEdit edit -> {
                    synchronized (agent) {
                        agent.blocks.get(edit.label()).put("value", edit.value());
                    }
                    toolCall("memory_replace", Json.mapper().createObjectNode().put("label", edit.label())
                            .put("new_str", edit.value()).toString(), "None", false);
                }
                case ScriptedTurn.ApprovalRequest ask -> {
                    String callId = "call_" + UUID.randomUUID().toString().substring(0, 8);
                    item("approval_request_message", null, null, true, new String[] {ask.name(), ask.arguments(), callId});
                    agent.pendingApprovalCallId = callId;
                    ScriptedTurn rest = new ScriptedTurn();
                    rest.parts.addAll(parts.subList(i + 1, parts.size()));
                    rest.chunkChars = script.chunkChars;
                    synchronized (agent) {
                        agent.scripts.addFirst(rest);
                    }
                    return finish("requires_approval");
                }
            }
        }
        if (script.midStreamErrorType != null) {
            emit("{\"message_type\":\"stop_reason\",\"stop_reason\":\"llm_api_error\"}");
            ObjectNode error = Json.mapper().createObjectNode();
            if (script.legacyErrorEnvelope) {
                error.putObject("error").put("type", script.midStreamErrorType).put("message", script.midStreamErrorMessage)
                        .put("detail", "upstream said no");
            } else {
                error.put("message_type", "error_message").put("run_id", runId).put("error_type", script.midStreamErrorType)
                        .put("message", script.midStreamErrorMessage).put("detail", "upstream said no").putNull("seq_id");
            }
            if (!dropped) {
                sink.event("error", error.toString());
                sink.done();
            }
            return "llm_api_error";
        }
        if (script.holdUntilCancelled) {
            while (!isCancelled()) {
                waitForCancel(keepalive);
                if (!isCancelled()) {
                    emit(ping());
                }
            }
            return cancel();
        }
        return finish("end_turn");
    }

    private String finish(String reason) throws IOException {
        emit("{\"message_type\":\"stop_reason\",\"stop_reason\":\"" + reason + "\"}");
        emit(usage());
        if (!dropped) {
            sink.done();
        }
        return reason;
    }

    /** The mid-step watcher's cancellation: Python json.dumps spacing, then usage and [DONE]. */
    private String cancel() throws IOException {
        if (!dropped) {
            sink.data("{\"message_type\": \"stop_reason\", \"stop_reason\": \"cancelled\"}");
            sink.data(usage());
            sink.done();
        }
        return "cancelled";
    }

    private void toolCall(String name, String arguments, String result, boolean failed) throws IOException {
        String callId = "call_" + UUID.randomUUID().toString().substring(0, 8);
        item("tool_call_message", null, null, true, new String[] {name, arguments, callId});
        newStep();
        ObjectNode ret = stored("tool_return_message", "message-" + UUID.randomUUID(), otid(UUID.randomUUID().toString(), 0));
        ret.put("tool_return", result).put("status", failed ? "error" : "success").put("tool_call_id", callId)
                .putNull("stdout").putNull("stderr");
        ObjectNode whole = Json.mapper().createObjectNode().put("type", "tool").put("tool_return", result)
                .put("status", failed ? "error" : "success").put("tool_call_id", callId);
        ret.putArray("tool_returns").add(whole);
        emit(ret.toString());
    }

    /** One part of the current step: stored whole, emitted whole or in fragments sharing the id. */
    private void item(String type, String field, String text, boolean isCall, String[] call) throws IOException {
        String otid = otid(stepUuid, partIndex++);
        ObjectNode whole = stored(type, "message-" + stepUuid, otid);
        if (isCall) {
            ObjectNode callNode = whole.putObject("tool_call");
            callNode.put("name", call[0]).put("arguments", call[1]).put("tool_call_id", call[2]);
            whole.putArray("tool_calls").add(callNode.deepCopy());
        } else {
            whole.put(field, text);
            if (type.equals("reasoning_message")) {
                whole.put("source", "reasoner_model").putNull("signature");
            }
        }
        if (!tokens) {
            emit(whole.toString());
            return;
        }
        String chunked = isCall ? call[1] : text;
        int size = Math.max(1, script.chunkChars);
        for (int at = 0, n = 0; at < Math.max(1, chunked.length()); at += size, n++) {
            if (isCancelled()) {
                return;
            }
            String piece = chunked.isEmpty() ? "" : chunked.substring(at, Math.min(chunked.length(), at + size));
            ObjectNode fragment = FakeLettaAgent.message(type, "message-" + stepUuid, runId, whole.get("step_id").asText());
            fragment.put("otid", otid).set("date", whole.get("date"));
            if (isCall) {
                ObjectNode delta = Json.mapper().createObjectNode();
                if (n == 0) {
                    delta.put("name", call[0]);
                }
                delta.put("arguments", piece).put("tool_call_id", call[2]);
                fragment.set("tool_call", delta);
                fragment.set("tool_calls", delta.deepCopy());
            } else {
                fragment.put(field, piece);
                if (n == 0 && type.equals("reasoning_message")) {
                    fragment.put("source", "reasoner_model");
                }
            }
            emit(fragment.toString());
        }
    }

    private ObjectNode stored(String type, String id, String otid) {
        ObjectNode message = FakeLettaAgent.message(type, id, runId, "step-" + stepUuid);
        message.put("otid", otid);
        synchronized (agent) {
            agent.history.add(message);
        }
        return message;
    }

    private void emit(String json) throws IOException {
        if (dropped) {
            return;
        }
        if (script.dropAfterEvents >= 0 && emitted >= script.dropAfterEvents) {
            dropped = true;
            sink.drop();
            return;
        }
        emitted++;
        sink.data(json);
        if (!script.pace.isZero()) {
            // Paced against the clock, so the rate holds however long a write takes.
            pacedFrom = pacedFrom == 0 ? System.nanoTime() : pacedFrom;
            long due = pacedFrom + script.pace.toNanos() * emitted;
            waitForCancel(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
        }
    }

    private void waitForCancel(Duration pause) {
        try {
            cancelled.await(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    private void newStep() {
        stepUuid = UUID.randomUUID().toString();
        partIndex = 0;
    }

    /** The message uuid with its low bits replaced by the part index, as the server makes part otids. */
    private static String otid(String uuid, int part) {
        return uuid.substring(0, uuid.length() - 2) + String.format("%02x", part);
    }

    private String ping() {
        ObjectNode ping = FakeLettaAgent.message("ping", "ping-" + UUID.randomUUID(), runId, null);
        return ping.toString();
    }

    private String usage() {
        return "{\"message_type\":\"usage_statistics\",\"completion_tokens\":" + emitted + ",\"prompt_tokens\":2410,"
                + "\"total_tokens\":" + (2410 + emitted) + ",\"step_count\":1,\"run_ids\":null,"
                + "\"cached_input_tokens\":null,\"cache_write_tokens\":null,\"reasoning_tokens\":null,"
                + "\"context_tokens\":2448}";
    }

    static List<ObjectNode> parse(List<String> events) {
        List<ObjectNode> nodes = new ArrayList<>();
        for (String event : events) {
            try {
                nodes.add((ObjectNode) Json.mapper().readTree(event));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return nodes;
    }
}
