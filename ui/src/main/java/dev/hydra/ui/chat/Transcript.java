package dev.hydra.ui.chat;

import dev.hydra.services.chat.LettaMessage;
import dev.hydra.services.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rows of one conversation, keyed by part key so that a streamed part, its later fragments and its stored
 * copy all land in the same row. A tool's return joins its call's row; an approval answer marks its request.
 */
final class Transcript {

    private final ObservableList<ChatEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<ChatEntry> readOnly = FXCollections.unmodifiableObservableList(entries);
    private final Map<String, ChatEntry> byKey = new HashMap<>();

    ObservableList<ChatEntry> entries() {
        return readOnly;
    }

    void clear() {
        entries.clear();
        byKey.clear();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The oldest stored message id (the cursor for older pages). */
    String oldestStoredId() {
        return entries.stream().filter(ChatEntry::stored).map(ChatEntry::messageId).filter(id -> id != null)
                .findFirst().orElse(null);
    }

    /** The newest stored message id (the cursor for catching up after a stream). */
    String newestStoredId() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).stored() && entries.get(i).messageId() != null) {
                return entries.get(i).messageId();
            }
        }
        return null;
    }

    /** Older history in front of what is shown; items already shown are skipped. @return rows added */
    int prepend(List<LettaMessage> older) {
        Transcript page = new Transcript();
        older.stream().filter(message -> !byKey.containsKey(key(message))).forEach(message -> page.upsert(message, true));
        List<ChatEntry> rows = new ArrayList<>(page.entries);
        rows.removeIf(entry -> byKey.containsKey(entry.key()));
        rows.forEach(entry -> byKey.put(entry.key(), entry));
        entries.addAll(0, rows);
        return rows.size();
    }

    /** Takes a message (whole, or a stream's message so far) into its row; returns the row, or null if hidden. */
    ChatEntry upsert(LettaMessage message, boolean stored) {
        switch (message) {
            case LettaMessage.ToolReturn result -> {
                ChatEntry call = toolRow(result.toolCallId());
                if (call == null) {
                    call = row(ChatEntry.Kind.TOOL, key(message), message);
                    call.setTitle("Tool result");
                }
                call.setDetail(result.toolReturn() + (result.stderr() == null || result.stderr().isBlank() ? ""
                        : "\n" + result.stderr()));
                call.setFailed(result.failed());
                call.setStored(call.stored() || stored);
                return call;
            }
            case LettaMessage.ApprovalResponse response -> {
                response.approvals().forEach(answer -> {
                    ChatEntry request = toolRow(answer.toolCallId());
                    if (request != null && request.kind() == ChatEntry.Kind.APPROVAL) {
                        request.setApproval(answer.approve() ? ChatEntry.Approval.APPROVED : ChatEntry.Approval.DENIED);
                    }
                });
                return null;
            }
            case LettaMessage.User user when isLoginOrHeartbeat(user.content()) -> {
                return null;
            }
            default -> {
            }
        }
        ChatEntry entry = row(kind(message), key(message), message);
        fill(entry, message);
        entry.setStored(entry.stored() || stored);
        return entry;
    }

    /** The rows after the newest stored one: the optimistic bubble and a stream's rows. */
    List<ChatEntry> unstoredTail() {
        int last = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).stored()) {
                last = i;
            }
        }
        return new ArrayList<>(entries.subList(last + 1, entries.size()));
    }

    /** Adds a row of our own (an error) at the end. */
    void append(ChatEntry entry) {
        if (!byKey.containsKey(entry.key())) {
            byKey.put(entry.key(), entry);
            entries.add(entry);
        }
    }

    void remove(ChatEntry entry) {
        entries.remove(entry);
        byKey.remove(entry.key());
    }

    static String key(LettaMessage message) {
        return message.meta().partKey(message.type());
    }

    private ChatEntry row(ChatEntry.Kind kind, String key, LettaMessage message) {
        ChatEntry entry = byKey.get(key);
        if (entry == null) {
            entry = new ChatEntry(kind, key);
            byKey.put(key, entry);
            entries.add(entry);
        }
        entry.setMessageId(message.meta().id());
        entry.setDate(message.meta().date());
        return entry;
    }

    private ChatEntry toolRow(String toolCallId) {
        if (toolCallId == null) {
            return null;
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (toolCallId.equals(entries.get(i).toolCallId())) {
                return entries.get(i);
            }
        }
        return null;
    }

    private static ChatEntry.Kind kind(LettaMessage message) {
        return switch (message) {
            case LettaMessage.User u -> ChatEntry.Kind.USER;
            case LettaMessage.Assistant a -> ChatEntry.Kind.ASSISTANT;
            case LettaMessage.Reasoning r -> ChatEntry.Kind.REASONING;
            case LettaMessage.HiddenReasoning h -> ChatEntry.Kind.HIDDEN_REASONING;
            case LettaMessage.ToolCallRequest t -> ChatEntry.Kind.TOOL;
            case LettaMessage.ApprovalRequest a -> ChatEntry.Kind.APPROVAL;
            case LettaMessage.System s -> ChatEntry.Kind.SYSTEM;
            case LettaMessage.Summary s -> ChatEntry.Kind.SYSTEM;
            case LettaMessage.Event e -> ChatEntry.Kind.SYSTEM;
            default -> ChatEntry.Kind.RAW;
        };
    }

    private static void fill(ChatEntry entry, LettaMessage message) {
        switch (message) {
            case LettaMessage.User user -> {
                entry.setTitle("You");
                entry.setText(user.content());
            }
            case LettaMessage.Assistant assistant -> {
                entry.setTitle("Agent");
                entry.setText(assistant.content());
            }
            case LettaMessage.Reasoning reasoning -> {
                entry.setTitle("Reasoning");
                entry.setText(reasoning.reasoning());
            }
            case LettaMessage.HiddenReasoning hidden -> {
                entry.setTitle("Reasoning hidden (" + (hidden.state() == null ? "redacted" : hidden.state()) + ")");
                entry.setText(hidden.hiddenReasoning());
            }
            case LettaMessage.ToolCallRequest call -> {
                entry.setTitle(call.toolCall().name() == null ? "Tool call" : call.toolCall().name());
                entry.setText(pretty(call.toolCall().arguments()));
                entry.setToolCallId(call.toolCall().toolCallId());
            }
            case LettaMessage.ApprovalRequest request -> {
                entry.setTitle("Approve " + (request.toolCall().name() == null ? "a tool call" : request.toolCall().name()) + "?");
                entry.setText(pretty(request.toolCall().arguments()));
                entry.setToolCallId(request.toolCall().toolCallId());
                if (entry.approvalProperty().get() == ChatEntry.Approval.NONE) {
                    entry.setApproval(ChatEntry.Approval.PENDING);
                }
            }
            case LettaMessage.System system -> {
                entry.setTitle("System prompt");
                entry.setText(system.content());
            }
            case LettaMessage.Summary summary -> {
                entry.setTitle("Summary of earlier messages");
                entry.setText(summary.summary());
            }
            case LettaMessage.Event event -> {
                entry.setTitle("Event: " + event.eventType());
                entry.setText(event.eventData());
            }
            case LettaMessage.Unknown unknown -> {
                entry.setTitle("Message of unknown type " + unknown.type());
                entry.setText(unknown.rawJson());
            }
            default -> entry.setText(String.valueOf(message));
        }
    }

    /** Tool arguments as indented JSON; partial JSON (mid-stream) as it is. */
    static String pretty(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.mapper().readTree(json));
        } catch (java.io.IOException e) {
            return json;
        }
    }

    /** Legacy agents store login and heartbeat events as user messages with JSON content. */
    private static boolean isLoginOrHeartbeat(String content) {
        String text = content == null ? "" : content.strip();
        return text.startsWith("{") && (text.contains("\"type\": \"heartbeat\"") || text.contains("\"type\":\"heartbeat\"")
                || text.contains("\"type\": \"login\"") || text.contains("\"type\":\"login\""));
    }
}
