package dev.hydra.ui.chat;

import dev.hydra.services.chat.ActiveStream;
import dev.hydra.services.chat.Agent;
import dev.hydra.services.chat.ChatClient;
import dev.hydra.services.chat.ChatException;
import dev.hydra.services.chat.HistoryQuery;
import dev.hydra.services.chat.LettaMessage;
import dev.hydra.services.chat.Outgoing;
import dev.hydra.services.chat.StreamEnd;
import dev.hydra.services.chat.StreamEvent;
import dev.hydra.services.chat.StreamListener;
import dev.hydra.services.chat.TurnAssembler;
import dev.hydra.ui.common.LatestValue;
import dev.hydra.ui.common.UiExecutor;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Chat view: connection, agent picker, the conversation (history paged on demand, replies streamed and
 * applied once per pulse), approvals, Stop, Retry, and the memory panel. After every stream the turn is re-read
 * from the server's history so that what is shown is what the server stored.
 */
public final class ChatViewModel {

    public enum State {
        /** No letta.url: the view explains how to connect. */
        NOT_CONFIGURED,
        CONNECTING,
        READY,
        /** The server does not answer: the view offers Retry. */
        UNREACHABLE,
        /** 401: the view asks for the token. */
        NEEDS_TOKEN,
        /** Connected, but there is no agent to talk to. */
        NO_AGENTS
    }

    static final int PAGE = 50;

    private final ChatSetup setup;
    private final ChatClient client;
    private final UiExecutor ui;
    private final Executor background;
    private final Clock clock;
    private final Transcript transcript = new Transcript();
    private final MemoryPanelViewModel memory;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyStringWrapper stateMessage = new ReadOnlyStringWrapper(this, "stateMessage", "");
    private final ObservableList<Agent> agents = FXCollections.observableArrayList();
    private final ObservableList<Agent> readOnlyAgents = FXCollections.unmodifiableObservableList(agents);
    private final ReadOnlyObjectWrapper<Agent> agent = new ReadOnlyObjectWrapper<>(this, "agent");
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper hasOlder = new ReadOnlyBooleanWrapper(this, "hasOlder");
    private final ReadOnlyBooleanWrapper loadingOlder = new ReadOnlyBooleanWrapper(this, "loadingOlder");
    private final ReadOnlyIntegerWrapper olderRowsAdded = new ReadOnlyIntegerWrapper(this, "olderRowsAdded");
    private final ReadOnlyBooleanWrapper canRetry = new ReadOnlyBooleanWrapper(this, "canRetry");
    private final javafx.beans.property.ReadOnlyLongWrapper changes = new javafx.beans.property.ReadOnlyLongWrapper(
            this, "changes");
    private final ReadOnlyStringWrapper keyringNote = new ReadOnlyStringWrapper(this, "keyringNote", "");
    private final Queue<Object> arrived = new ConcurrentLinkedQueue<>();
    private final LatestValue<Boolean> pulse;
    private Turn turn;
    private Outgoing lastSent;
    private ChatEntry errorRow;
    private int errors;

    /** A turn on its way: the stream, and its events joined into whole parts. */
    private static final class Turn {
        final TurnAssembler assembler = new TurnAssembler();
        final String agentId;
        ActiveStream stream;
        boolean stopping;

        Turn(String agentId) {
            this.agentId = agentId;
        }
    }

    public ChatViewModel(ChatSetup setup, UiExecutor ui, Executor background, Clock clock) {
        this.setup = setup;
        this.client = setup.client();
        this.ui = ui;
        this.background = background;
        this.clock = clock;
        this.memory = new MemoryPanelViewModel(client, ui, background);
        this.pulse = new LatestValue<>(ui, signal -> drain());
        if (setup.configured()) {
            state.set(State.CONNECTING);
        } else {
            state.set(State.NOT_CONFIGURED);
            stateMessage.set("No Letta server is configured.");
        }
    }

    /** Reads the agents and opens the default one. Also Retry after the server was unreachable. */
    public void connect() {
        if (!setup.configured()) {
            return;
        }
        state.set(State.CONNECTING);
        stateMessage.set("Connecting to " + setup.url() + "…");
        background.execute(() -> {
            try {
                List<Agent> found = client.agents(PAGE);
                ui.execute(() -> connected(found));
            } catch (ChatException e) {
                ui.execute(() -> connectionFailed(e));
            }
        });
    }

    private void connected(List<Agent> found) {
        agents.setAll(found);
        if (found.isEmpty()) {
            state.set(State.NO_AGENTS);
            stateMessage.set("The Letta server at " + setup.url() + " has no agents yet. Create one in the Letta ADE "
                    + "(or with the Letta API), then press Retry.");
            return;
        }
        state.set(State.READY);
        stateMessage.set("");
        String wanted = setup.defaultAgent();
        Agent first = found.stream().filter(a -> a.name().equals(wanted) || a.id().equals(wanted)).findFirst()
                .orElse(found.getFirst());
        Agent current = agent.get();
        select(current != null && found.stream().anyMatch(a -> a.id().equals(current.id())) ? current : first);
    }

    private void connectionFailed(ChatException e) {
        if (e.kind() == ChatException.Kind.UNAUTHORIZED) {
            state.set(State.NEEDS_TOKEN);
            stateMessage.set("The Letta server at " + setup.url() + " needs a token (its password, or a Letta Cloud "
                    + "API key).");
        } else {
            state.set(State.UNREACHABLE);
            stateMessage.set(e.getMessage());
        }
    }

    /** Uses this token (kept in the OS keyring where there is one) and connects again. */
    public void submitToken(String token) {
        if (token == null || token.isBlank() || setup.token() == null) {
            return;
        }
        String problem = setup.token().useAndRemember(token);
        keyringNote.set(problem == null ? "" : "Used for this session only. " + problem);
        connect();
    }

    /** Opens an agent: its latest history page and its memory. */
    public void select(Agent chosen) {
        if (chosen == null || busy.get() || (agent.get() != null && agent.get().id().equals(chosen.id())
                && !transcript.isEmpty())) {
            return;
        }
        agent.set(chosen);
        transcript.clear();
        errorRow = null;
        canRetry.set(false);
        hasOlder.set(false);
        String agentId = chosen.id();
        memory.show(() -> agent.get() == null ? null : agent.get().id());
        background.execute(() -> {
            try {
                List<LettaMessage> page = client.history(agentId, HistoryQuery.latest(PAGE));
                ui.execute(() -> {
                    if (isShown(agentId)) {
                        transcript.prepend(page);
                        hasOlder.set(mayHaveOlder(page));
                    }
                });
            } catch (ChatException e) {
                ui.execute(() -> showError("History could not be read: " + e.getMessage(), false));
            }
        });
    }

    /** The next older page, in front of what is shown (called when the top of the list comes into view). */
    public void loadOlder() {
        String cursor = transcript.oldestStoredId();
        Agent current = agent.get();
        if (loadingOlder.get() || !hasOlder.get() || cursor == null || current == null) {
            return;
        }
        loadingOlder.set(true);
        background.execute(() -> {
            try {
                List<LettaMessage> page = client.history(current.id(), HistoryQuery.olderThan(cursor, PAGE));
                ui.execute(() -> {
                    loadingOlder.set(false);
                    if (isShown(current.id())) {
                        int added = transcript.prepend(page);
                        hasOlder.set(added > 0 && mayHaveOlder(page));
                        olderRowsAdded.set(0);
                        olderRowsAdded.set(added);
                    }
                });
            } catch (ChatException e) {
                ui.execute(() -> {
                    loadingOlder.set(false);
                    hasOlder.set(false);
                    showError("Older messages could not be read: " + e.getMessage(), false);
                });
            }
        });
    }

    /** Sends the draft (Enter). */
    public void send() {
        String text = draft.get() == null ? "" : draft.get().strip();
        if (text.isEmpty() || busy.get() || agent.get() == null) {
            return;
        }
        draft.set("");
        Outgoing.Text message = Outgoing.text(text);
        showOwnMessage(message);
        start(message);
    }

    /** Answers an approval request and lets the agent go on. */
    public void answer(ChatEntry request, boolean approve, String reason) {
        if (busy.get() || request.approvalProperty().get() != ChatEntry.Approval.PENDING) {
            return;
        }
        request.setApproval(approve ? ChatEntry.Approval.APPROVED : ChatEntry.Approval.DENIED);
        start(new Outgoing.ApprovalAnswer(request.toolCallId(), approve, reason));
    }

    /** Stop (Esc): cancels the run on the server; the stream then ends with "cancelled". */
    public void stop() {
        Turn running = turn;
        if (running == null || running.stopping) {
            return;
        }
        running.stopping = true;
        List<String> runIds = running.stream == null ? List.of()
                : running.stream.runId().map(List::of).orElse(List.of());
        background.execute(() -> {
            try {
                client.cancel(running.agentId, runIds);
            } catch (ChatException e) {
                // Nothing running on the server any more (or it cannot be reached): end our side of it.
                if (running.stream != null) {
                    running.stream.close();
                }
            }
        });
    }

    /** Sends the failed message again. */
    public void retry() {
        if (!canRetry.get() || busy.get() || lastSent == null) {
            return;
        }
        clearError();
        Outgoing again = lastSent;
        if (again instanceof Outgoing.Text text) {
            transcript.unstoredTail().forEach(transcript::remove);
            again = Outgoing.text(text.text());
            showOwnMessage((Outgoing.Text) again);
        }
        start(again);
    }

    private void showOwnMessage(Outgoing.Text message) {
        transcript.upsert(new LettaMessage.User(new LettaMessage.Meta(null, clock.instant(), message.otid(), null, null,
                false), message.text()), false);
    }

    private void start(Outgoing message) {
        clearError();
        lastSent = message;
        Turn next = new Turn(agent.get().id());
        turn = next;
        busy.set(true);
        memory.beforeTurn();
        next.stream = client.stream(next.agentId, message, true, new StreamListener() {
            @Override
            public void onEvent(StreamEvent event) {
                arrived.add(event);
                pulse.offer(Boolean.TRUE);
            }

            @Override
            public void onEnd(StreamEnd end) {
                arrived.add(end);
                pulse.offer(Boolean.TRUE);
            }
        });
    }

    /** On the UI thread, once per pulse: applies everything that arrived since the last pulse. */
    private void drain() {
        Turn current = turn;
        Map<String, LettaMessage> changed = new LinkedHashMap<>();
        StreamEnd end = null;
        for (Object item = arrived.poll(); item != null; item = arrived.poll()) {
            if (current == null) {
                continue;
            }
            if (item instanceof StreamEvent event) {
                LettaMessage whole = current.assembler.accept(event);
                if (whole != null) {
                    changed.put(Transcript.key(whole), whole);
                }
            } else if (item instanceof StreamEnd ended) {
                end = ended;
            }
        }
        changed.values().forEach(message -> {
            ChatEntry entry = transcript.upsert(message, false);
            if (entry != null) {
                entry.setStreaming(true);
            }
        });
        if (end != null && current != null) {
            finish(current, end);
        }
        if (!changed.isEmpty()) {
            changes.set(changes.get() + 1);
        }
    }

    private void finish(Turn finished, StreamEnd end) {
        turn = null;
        if (end.failure() != null && end.failure().kind() == ChatException.Kind.UNAUTHORIZED) {
            busy.set(false);
            connectionFailed(end.failure());
            return;
        }
        transcript.entries().forEach(entry -> entry.setStreaming(false));
        String afterId = transcript.newestStoredId();
        String agentId = finished.agentId;
        background.execute(() -> {
            List<LettaMessage> stored;
            try {
                stored = client.history(agentId, afterId == null ? HistoryQuery.latest(PAGE)
                        : HistoryQuery.newerThan(afterId, 500));
            } catch (ChatException e) {
                stored = null;
            }
            List<LettaMessage> fetched = stored;
            ui.execute(() -> {
                if (isShown(agentId)) {
                    reconcile(fetched, end);
                }
                busy.set(false);
                memory.afterTurn();
            });
        });
    }

    /**
     * Makes the rows equal what the server stored: streamed rows take their stored copy (the same row object, so
     * nothing is rebuilt), stored messages the stream lacked are added, and streamed rows the server does not have
     * are dropped, or kept and marked incomplete when the turn broke.
     */
    private void reconcile(List<LettaMessage> stored, StreamEnd end) {
        boolean broken = end.failure() != null || !end.complete() || end.error() != null;
        if (stored == null) {
            showError("Reply shown as streamed: the stored history could not be re-read.", false);
            return;
        }
        List<ChatEntry> streamed = transcript.unstoredTail();
        stored.forEach(message -> transcript.upsert(message, true));
        for (ChatEntry entry : streamed) {
            if (!entry.stored() && broken && entry.kind() != ChatEntry.Kind.ERROR) {
                entry.setIncomplete(true);
            } else if (!entry.stored()) {
                transcript.remove(entry);
            }
        }
        String problem = end.problem();
        if (problem != null && !(end.complete() && end.stopReason().cancelled())) {
            showError(problem + (end.complete() ? "" : ". What arrived is kept and marked incomplete."), true);
        }
        changes.set(changes.get() + 1);
    }

    private void showError(String text, boolean retryable) {
        clearError();
        errorRow = new ChatEntry(ChatEntry.Kind.ERROR, "error-" + ++errors);
        errorRow.setTitle("Error");
        errorRow.setText(text);
        errorRow.setFailed(true);
        errorRow.setDate(clock.instant());
        transcript.append(errorRow);
        canRetry.set(retryable && lastSent != null);
    }

    private void clearError() {
        if (errorRow != null) {
            transcript.remove(errorRow);
            errorRow = null;
        }
        canRetry.set(false);
    }

    private boolean isShown(String agentId) {
        return agent.get() != null && agent.get().id().equals(agentId);
    }

    /** The very first stored message of a Letta agent is its system prompt; once it is shown, there is no more. */
    private static boolean mayHaveOlder(List<LettaMessage> page) {
        return !page.isEmpty() && !(page.getFirst() instanceof LettaMessage.System);
    }

    public MemoryPanelViewModel memory() {
        return memory;
    }

    public ObservableList<ChatEntry> entries() {
        return transcript.entries();
    }

    public ObservableList<Agent> agents() {
        return readOnlyAgents;
    }

    public ReadOnlyObjectProperty<Agent> agentProperty() {
        return agent.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the state means and what to do, in words. */
    public ReadOnlyStringProperty stateMessageProperty() {
        return stateMessage.getReadOnlyProperty();
    }

    /** The configured server's URL, or null. */
    public String url() {
        return setup.url();
    }

    public StringProperty draftProperty() {
        return draft;
    }

    /** A turn is streaming: Send waits, Stop is offered. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasOlderProperty() {
        return hasOlder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingOlderProperty() {
        return loadingOlder.getReadOnlyProperty();
    }

    /** How many rows the last older page put in front (the view keeps its scroll position by it). */
    public ReadOnlyIntegerProperty olderRowsAddedProperty() {
        return olderRowsAdded.getReadOnlyProperty();
    }

    /** Counts changes at the end of the conversation (streamed text, a reconciled turn): the view follows them. */
    public javafx.beans.property.ReadOnlyLongProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRetryProperty() {
        return canRetry.getReadOnlyProperty();
    }

    /** Why a typed token could not be kept in the keyring, or empty. */
    public ReadOnlyStringProperty keyringNoteProperty() {
        return keyringNote.getReadOnlyProperty();
    }
}
