package dev.hydra.ui.chat;

import dev.hydra.services.chat.MemoryBlock;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One core memory block in the side panel: its value, an editable draft, chars/limit, what the agent changed. */
public final class MemoryBlockViewModel {

    private final String label;
    private final Integer limit;
    private final ReadOnlyStringWrapper value = new ReadOnlyStringWrapper(this, "value", "");
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final ReadOnlyBooleanWrapper changedByAgent = new ReadOnlyBooleanWrapper(this, "changedByAgent");
    private final ReadOnlyStringWrapper previousValue = new ReadOnlyStringWrapper(this, "previousValue", "");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(this, "readOnly");
    private final IntegerBinding chars = Bindings.createIntegerBinding(() -> draft.get() == null ? 0 : draft.get().length(),
            draft);
    private final BooleanBinding dirty = Bindings.createBooleanBinding(() -> !value.get().equals(draft.get()), value, draft);
    private final String description;

    MemoryBlockViewModel(MemoryBlock block) {
        this.label = block.label();
        this.limit = block.limit();
        this.description = block.description();
        readOnly.set(block.readOnly());
        take(block);
    }

    /** The stored value changed; a draft the person is editing is kept. */
    void take(MemoryBlock block) {
        boolean editing = dirty.get();
        value.set(block.value() == null ? "" : block.value());
        if (!editing) {
            draft.set(value.get());
        }
    }

    void markChanged(String before) {
        changedByAgent.set(before != null);
        previousValue.set(before == null ? "" : before);
    }

    void setSaving(boolean value) {
        saving.set(value);
    }

    void setProblem(String text) {
        problem.set(text == null ? "" : text);
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The most characters the value may hold; null when the server did not say. */
    public Integer limit() {
        return limit;
    }

    /** "123 / 20000" */
    public String charsText() {
        return chars.get() + (limit == null ? "" : " / " + limit);
    }

    public ReadOnlyStringProperty valueProperty() {
        return value.getReadOnlyProperty();
    }

    public StringProperty draftProperty() {
        return draft;
    }

    public IntegerBinding chars() {
        return chars;
    }

    public boolean overLimit() {
        return limit != null && chars.get() > limit;
    }

    public BooleanBinding dirty() {
        return dirty;
    }

    /** The agent rewrote this block during the last turn. */
    public ReadOnlyBooleanProperty changedByAgentProperty() {
        return changedByAgent.getReadOnlyProperty();
    }

    /** The value before the agent's change, to compare. */
    public ReadOnlyStringProperty previousValueProperty() {
        return previousValue.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }
}
