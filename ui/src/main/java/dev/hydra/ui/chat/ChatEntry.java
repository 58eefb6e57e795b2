package dev.hydra.ui.chat;

import java.time.Instant;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One row of the conversation: a message bubble, a folded reasoning or tool step, an approval request, or an
 * error. Text grows while a reply streams; everything changes on the UI thread only.
 */
public final class ChatEntry {

    public enum Kind {
        USER, ASSISTANT, REASONING, HIDDEN_REASONING, TOOL, APPROVAL, SYSTEM, ERROR, RAW
    }

    public enum Approval {
        NONE, PENDING, APPROVED, DENIED
    }

    private final Kind kind;
    private final String key;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyBooleanWrapper streaming = new ReadOnlyBooleanWrapper(this, "streaming");
    private final ReadOnlyBooleanWrapper incomplete = new ReadOnlyBooleanWrapper(this, "incomplete");
    private final ReadOnlyObjectWrapper<Approval> approval = new ReadOnlyObjectWrapper<>(this, "approval", Approval.NONE);
    private final ReadOnlyObjectWrapper<Instant> date = new ReadOnlyObjectWrapper<>(this, "date");
    private final BooleanProperty expanded = new SimpleBooleanProperty(this, "expanded");
    private String messageId;
    private String toolCallId;
    private boolean stored;

    ChatEntry(Kind kind, String key) {
        this.kind = kind;
        this.key = key;
    }

    public Kind kind() {
        return kind;
    }

    /** The part key (otid, or id + type) that matches a streamed part to its stored message. */
    public String key() {
        return key;
    }

    /** Whether this row can fold (reasoning, tool calls, raw JSON). */
    public boolean foldable() {
        return kind == Kind.REASONING || kind == Kind.TOOL || kind == Kind.RAW || kind == Kind.SYSTEM;
    }

    /** Whether the row came from stored history (as opposed to a stream not yet reconciled). */
    public boolean stored() {
        return stored;
    }

    public String messageId() {
        return messageId;
    }

    public String toolCallId() {
        return toolCallId;
    }

    void setStored(boolean value) {
        stored = value;
    }

    void setMessageId(String id) {
        messageId = id;
    }

    void setToolCallId(String id) {
        toolCallId = id;
    }

    void setTitle(String value) {
        title.set(value == null ? "" : value);
    }

    void setText(String value) {
        text.set(value == null ? "" : value);
    }

    void setDetail(String value) {
        detail.set(value == null ? "" : value);
    }

    void setFailed(boolean value) {
        failed.set(value);
    }

    void setStreaming(boolean value) {
        streaming.set(value);
    }

    void setIncomplete(boolean value) {
        incomplete.set(value);
    }

    void setApproval(Approval value) {
        approval.set(value);
    }

    void setDate(Instant value) {
        if (value != null) {
            date.set(value);
        }
    }

    /** The heading: who speaks, or the tool's name. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The message text; a tool call's arguments; a raw message's JSON. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** A tool call's result (or error). */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty streamingProperty() {
        return streaming.getReadOnlyProperty();
    }

    /** The stream broke before this part was finished, and history did not have it either. */
    public ReadOnlyBooleanProperty incompleteProperty() {
        return incomplete.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Approval> approvalProperty() {
        return approval.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> dateProperty() {
        return date.getReadOnlyProperty();
    }

    /** Folded rows (reasoning, tool calls) start closed. */
    public BooleanProperty expandedProperty() {
        return expanded;
    }

    @Override
    public String toString() {
        return kind + " " + key + ": " + text.get();
    }
}
