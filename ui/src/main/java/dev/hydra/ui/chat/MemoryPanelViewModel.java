package dev.hydra.ui.chat;

import dev.hydra.services.chat.ChatClient;
import dev.hydra.services.chat.ChatException;
import dev.hydra.services.chat.MemoryBlock;
import dev.hydra.services.chat.Passage;
import dev.hydra.ui.common.UiExecutor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The memory side panel: core memory blocks (read, edit, save; what the agent changed in the last turn is
 * highlighted) and archival memory (search, add, delete).
 */
public final class MemoryPanelViewModel {

    static final int ARCHIVAL_RESULTS = 20;

    private final ChatClient client;
    private final UiExecutor ui;
    private final Executor background;
    private final ObservableList<MemoryBlockViewModel> blocks = FXCollections.observableArrayList();
    private final ObservableList<MemoryBlockViewModel> readOnlyBlocks = FXCollections.unmodifiableObservableList(blocks);
    private final ObservableList<Passage> passages = FXCollections.observableArrayList();
    private final ObservableList<Passage> readOnlyPassages = FXCollections.unmodifiableObservableList(passages);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper archivalStatus = new ReadOnlyStringWrapper(this, "archivalStatus", "");
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final StringProperty newPassage = new SimpleStringProperty(this, "newPassage", "");
    private Supplier<String> agentId = () -> null;
    private Map<String, String> beforeTurn = Map.of();

    MemoryPanelViewModel(ChatClient client, UiExecutor ui, Executor background) {
        this.client = client;
        this.ui = ui;
        this.background = background;
    }

    void show(Supplier<String> agent) {
        this.agentId = agent;
        blocks.clear();
        passages.clear();
        reload(false);
        listPassages();
    }

    /** Remembers the blocks as they are, so what the agent changes during the turn can be highlighted. */
    void beforeTurn() {
        Map<String, String> values = new HashMap<>();
        blocks.forEach(block -> values.put(block.label(), block.valueProperty().get()));
        beforeTurn = values;
    }

    /** Re-reads the blocks after a turn and marks those the agent changed. */
    void afterTurn() {
        reload(true);
    }

    public void save(MemoryBlockViewModel block) {
        String agent = agentId.get();
        String value = block.draftProperty().get();
        if (agent == null || !block.dirty().get()) {
            return;
        }
        if (block.overLimit()) {
            block.setProblem("Too long: " + block.chars().get() + " characters, the limit is " + block.limit());
            return;
        }
        block.setSaving(true);
        block.setProblem("");
        background.execute(() -> {
            try {
                MemoryBlock saved = client.updateBlock(agent, block.label(), value);
                ui.execute(() -> {
                    block.take(saved);
                    block.draftProperty().set(saved.value());
                    block.markChanged(null);
                    block.setSaving(false);
                });
            } catch (ChatException e) {
                ui.execute(() -> {
                    block.setSaving(false);
                    block.setProblem("Not saved: " + e.getMessage());
                });
            }
        });
    }

    /** Puts the stored value back into the editor. */
    public void revert(MemoryBlockViewModel block) {
        block.draftProperty().set(block.valueProperty().get());
        block.setProblem("");
    }

    public void search() {
        String agent = agentId.get();
        String text = query.get() == null ? "" : query.get().strip();
        if (agent == null) {
            return;
        }
        if (text.isEmpty()) {
            listPassages();
            return;
        }
        archivalStatus.set("Searching…");
        run(() -> client.searchPassages(agent, text, ARCHIVAL_RESULTS), found -> {
            passages.setAll(found);
            archivalStatus.set(found.isEmpty() ? "Nothing found for \"" + text + "\"" : found.size() + " found");
        });
    }

    public void addPassage() {
        String agent = agentId.get();
        String text = newPassage.get() == null ? "" : newPassage.get().strip();
        if (agent == null || text.isEmpty()) {
            return;
        }
        run(() -> client.insertPassage(agent, text, List.of()), added -> {
            newPassage.set("");
            passages.addAll(0, added);
            archivalStatus.set("Added to archival memory");
        });
    }

    public void delete(Passage passage) {
        String agent = agentId.get();
        run(() -> {
            client.deletePassage(agent, passage.id());
            return passage;
        }, deleted -> {
            passages.remove(deleted);
            archivalStatus.set("Deleted");
        });
    }

    private void listPassages() {
        String agent = agentId.get();
        if (agent == null) {
            return;
        }
        run(() -> client.passages(agent, ARCHIVAL_RESULTS), found -> {
            passages.setAll(found);
            archivalStatus.set(found.isEmpty() ? "Archival memory is empty" : "");
        });
    }

    private void reload(boolean markChanges) {
        String agent = agentId.get();
        if (agent == null) {
            return;
        }
        Map<String, String> before = beforeTurn;
        background.execute(() -> {
            try {
                List<MemoryBlock> fresh = client.blocks(agent);
                ui.execute(() -> {
                    if (!agent.equals(agentId.get())) {
                        return;
                    }
                    apply(fresh, markChanges ? before : Map.of());
                    status.set("");
                });
            } catch (ChatException e) {
                ui.execute(() -> status.set("Memory could not be read: " + e.getMessage()));
            }
        });
    }

    private void apply(List<MemoryBlock> fresh, Map<String, String> before) {
        Map<String, MemoryBlockViewModel> known = new HashMap<>();
        blocks.forEach(block -> known.put(block.label(), block));
        List<MemoryBlockViewModel> next = fresh.stream().map(block -> {
            MemoryBlockViewModel vm = known.get(block.label());
            if (vm == null) {
                vm = new MemoryBlockViewModel(block);
            } else {
                vm.take(block);
            }
            String old = before.get(block.label());
            if (!before.isEmpty()) {
                vm.markChanged(old != null && !old.equals(block.value()) ? old : null);
            }
            return vm;
        }).toList();
        if (!blocks.equals(next)) {
            blocks.setAll(next);
        }
    }

    private <T> void run(java.util.concurrent.Callable<T> call, java.util.function.Consumer<T> then) {
        background.execute(() -> {
            try {
                T result = call.call();
                ui.execute(() -> then.accept(result));
            } catch (ChatException e) {
                ui.execute(() -> archivalStatus.set(e.getMessage()));
            } catch (Exception e) {
                ui.execute(() -> archivalStatus.set("Failed: " + e));
            }
        });
    }

    public ObservableList<MemoryBlockViewModel> blocks() {
        return readOnlyBlocks;
    }

    public ObservableList<Passage> passages() {
        return readOnlyPassages;
    }

    /** Why memory could not be read, or empty. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty archivalStatusProperty() {
        return archivalStatus.getReadOnlyProperty();
    }

    public StringProperty queryProperty() {
        return query;
    }

    public StringProperty newPassageProperty() {
        return newPassage;
    }
}
