package dev.hydra.ui.chat;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hydra.services.chat.Agent;
import java.util.Map;
import java.util.WeakHashMap;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Chat view: agent picker, the conversation (a virtualised list that loads older pages when its top comes
 * into view), the composer (Enter sends, Shift+Enter adds a line, Esc stops), and the memory panel. When there is
 * no server, no answer or no token, it says so and what to do instead.
 */
public final class ChatView extends BorderPane {

    static final String SETUP_HINT = """
            letta:
              url: http://hydra-storage:8283
              agent: hydra-steward""";

    private final ChatViewModel vm;
    private final ListView<ChatEntry> conversation = new ListView<>();
    /** The last laid-out height of each row, so the list can measure rows off screen without building them. */
    private final Map<ChatEntry, Double> heights = new WeakHashMap<>();

    public ChatView(ChatViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("hl-view", "hl-chat-view");

        conversation.setItems(vm.entries());
        conversation.getStyleClass().addAll("hl-conversation", Tweaks.EDGE_TO_EDGE);
        conversation.setCellFactory(list -> new EntryCell(vm, heights));
        conversation.setFocusTraversable(false);
        vm.olderRowsAddedProperty().subscribe(added -> {
            if (added.intValue() > 0) {
                conversation.scrollTo(added.intValue());
            }
        });
        vm.changesProperty().subscribe(this::followTail);
        vm.entries().addListener((javafx.collections.ListChangeListener<ChatEntry>) change -> {
            while (change.next()) {
                if (change.wasAdded() && change.getTo() == vm.entries().size() && !vm.loadingOlderProperty().get()) {
                    followTail();
                }
            }
        });

        BorderPane chat = new BorderPane(conversation);
        chat.setBottom(composer());
        SplitPane split = new SplitPane(chat, new MemoryPanelView(vm.memory()));
        split.setDividerPositions(0.68);
        SplitPane.setResizableWithParent(split.getItems().get(1), false);

        VBox offline = offline();
        StackPane center = new StackPane(split, offline);
        StackPane.setAlignment(offline, Pos.TOP_LEFT);
        vm.stateProperty().subscribe(state -> {
            boolean ready = state == ChatViewModel.State.READY;
            split.setVisible(ready);
            offline.setVisible(!ready);
        });
        setTop(toolbar());
        setCenter(center);
        addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE && vm.busyProperty().get()) {
                vm.stop();
                event.consume();
            }
        });
        if (vm.stateProperty().get() == ChatViewModel.State.CONNECTING) {
            vm.connect();
        }
    }

    /**
     * Keeps the newest row in view while it grows, unless the person scrolled up to read: the scroll happens
     * after the next layout, when the row's new height is known.
     */
    private void followTail() {
        if (getScene() == null || vm.entries().isEmpty() || !atTail()) {
            return;
        }
        getScene().addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                getScene().removePostLayoutPulseListener(this);
                if (conversation.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                    flow.scrollPixels(Double.MAX_VALUE / 4);
                }
            }
        });
    }

    private boolean atTail() {
        if (!(conversation.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) || flow.getLastVisibleCell() == null) {
            return true;
        }
        return flow.getLastVisibleCell().getIndex() >= vm.entries().size() - 3;
    }

    private HBox toolbar() {
        ComboBox<Agent> picker = new ComboBox<>(vm.agents());
        picker.setId("agent-picker");
        picker.setPromptText("Agent");
        picker.setCellFactory(list -> new AgentCell(true));
        picker.setButtonCell(new AgentCell(false));
        picker.setPrefWidth(320);
        vm.agentProperty().subscribe(agent -> picker.getSelectionModel().select(agent));
        picker.setOnAction(e -> vm.select(picker.getValue()));
        picker.disableProperty().bind(vm.busyProperty());
        Label server = new Label(vm.url() == null ? "" : vm.url());
        server.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, new Label("Agent"), picker, spacer, server);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 20, 8, 20));
        bar.visibleProperty().bind(vm.stateProperty().isEqualTo(ChatViewModel.State.READY));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private HBox composer() {
        TextArea input = new TextArea();
        input.setId("chat-input");
        input.setPromptText("Message the agent — Enter sends, Shift+Enter adds a line, Esc stops");
        input.setWrapText(true);
        input.setPrefRowCount(3);
        input.textProperty().bindBidirectional(vm.draftProperty());
        input.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER) {
                if (event.isShiftDown()) {
                    input.insertText(input.getCaretPosition(), "\n");
                } else {
                    vm.send();
                }
                event.consume();
            }
        });
        HBox.setHgrow(input, Priority.ALWAYS);
        Button send = new Button("Send", new FontIcon(Feather.SEND));
        send.setId("chat-send");
        send.getStyleClass().add(Styles.ACCENT);
        send.setOnAction(e -> vm.send());
        send.disableProperty().bind(vm.busyProperty().or(Bindings.createBooleanBinding(
                () -> vm.draftProperty().get() == null || vm.draftProperty().get().isBlank(), vm.draftProperty())));
        Button stop = new Button("Stop", new FontIcon(Feather.SQUARE));
        stop.setId("chat-stop");
        stop.getStyleClass().add(Styles.DANGER);
        stop.setOnAction(e -> vm.stop());
        stop.visibleProperty().bind(vm.busyProperty());
        stop.managedProperty().bind(vm.busyProperty());
        send.visibleProperty().bind(vm.busyProperty().not());
        send.managedProperty().bind(send.visibleProperty());
        HBox box = new HBox(8, input, new VBox(6, send, stop));
        box.getStyleClass().add("hl-composer");
        box.setPadding(new Insets(10, 12, 12, 12));
        return box;
    }

    /** Not configured, connecting, unreachable, a token needed, no agents: what it means and what to do. */
    private VBox offline() {
        FontIcon icon = new FontIcon(Feather.MESSAGE_SQUARE);
        icon.getStyleClass().add("hl-empty-icon");
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_3);
        Label message = new Label();
        message.setWrapText(true);
        message.textProperty().bind(vm.stateMessageProperty());
        Label hint = new Label("Point Hydra Control at a Letta server in hydra.yaml (`hydra doctor` shows where it "
                + "lives), then restart:");
        hint.setWrapText(true);
        Label snippet = new Label(SETUP_HINT);
        snippet.getStyleClass().add("hl-md-code-block");
        Label tokenNote = new Label("A server started with --secure, and Letta Cloud, need a token: set LETTA_API_KEY, "
                + "or enter it here when asked (it is kept in the OS keyring). It never goes into hydra.yaml.");
        tokenNote.setWrapText(true);
        tokenNote.getStyleClass().add(Styles.TEXT_MUTED);
        VBox setup = new VBox(8, hint, snippet, tokenNote);

        Button retry = new Button("Retry", new FontIcon(Feather.ROTATE_CW));
        retry.setId("chat-retry-connect");
        retry.setOnAction(e -> vm.connect());
        PasswordField token = new PasswordField();
        token.setPromptText("Letta password or API key");
        token.setPrefWidth(320);
        Button connect = new Button("Connect", new FontIcon(Feather.KEY));
        connect.getStyleClass().add(Styles.ACCENT);
        connect.setOnAction(e -> {
            vm.submitToken(token.getText());
            token.clear();
        });
        token.setOnAction(connect.getOnAction());
        HBox tokenRow = new HBox(8, token, connect);
        Label keyring = new Label();
        keyring.setWrapText(true);
        keyring.getStyleClass().add(Styles.TEXT_MUTED);
        keyring.textProperty().bind(vm.keyringNoteProperty());

        VBox pane = new VBox(14, icon, title, message, setup, retry, tokenRow, keyring);
        pane.getStyleClass().add("hl-empty-state");
        pane.setMaxWidth(680);
        pane.setPadding(new Insets(40));
        vm.stateProperty().subscribe(state -> {
            title.setText(switch (state) {
                case NOT_CONFIGURED -> "Chat is not set up";
                case CONNECTING -> "Connecting…";
                case UNREACHABLE -> "The Letta server does not answer";
                case NEEDS_TOKEN -> "The Letta server needs a token";
                case NO_AGENTS -> "No agents yet";
                case READY -> "";
            });
            show(setup, state == ChatViewModel.State.NOT_CONFIGURED);
            show(retry, state == ChatViewModel.State.UNREACHABLE || state == ChatViewModel.State.NO_AGENTS);
            show(tokenRow, state == ChatViewModel.State.NEEDS_TOKEN);
        });
        return pane;
    }

    private static void show(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    /**
     * A conversation row; the top row coming into view asks for the next older page. The list also uses a hidden
     * cell to measure rows it does not show (to size its scroll bar); for a row laid out before, that cell
     * answers with the known height instead of building the row's nodes again.
     */
    private static final class EntryCell extends ListCell<ChatEntry> {
        private static final javafx.css.PseudoClass MINE = javafx.css.PseudoClass.getPseudoClass("mine");
        private final ChatViewModel vm;
        private final Map<ChatEntry, Double> heights;
        private EntryView view;
        private ChatEntry shown;
        private Double knownHeight;

        EntryCell(ChatViewModel vm, Map<ChatEntry, Double> heights) {
            this.vm = vm;
            this.heights = heights;
            setPrefWidth(0);
            getStyleClass().add("hl-entry-cell");
        }

        @Override
        protected void updateItem(ChatEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            pseudoClassStateChanged(MINE, !empty && entry != null && entry.kind() == ChatEntry.Kind.USER);
            boolean measuring = getParent() != null && !getParent().isVisible();
            knownHeight = measuring && entry != null ? heights.getOrDefault(entry, estimate(entry)) : null;
            if (empty || entry == null || knownHeight != null) {
                clear();
                return;
            }
            if (getIndex() == 0 && !measuring && vm.hasOlderProperty().get()) {
                vm.loadOlder();
            }
            if (view != null && shown == entry) {
                return;
            }
            clear();
            shown = entry;
            view = new EntryView(entry, vm);
            if (getListView() != null) {
                view.maxWidthProperty().bind(getListView().widthProperty().subtract(40));
            }
            setGraphic(view);
        }

        /** A first guess for a row never laid out, from its text: the real height replaces it once it is shown. */
        private static double estimate(ChatEntry entry) {
            if (entry.foldable()) {
                return 48;
            }
            int length = entry.textProperty().get().length();
            long lines = length / 90 + entry.textProperty().get().chars().filter(c -> c == '\n').count() + 1;
            return 64 + 21 * lines;
        }

        private void clear() {
            if (view != null) {
                view.dispose();
                view = null;
            }
            shown = null;
            setGraphic(null);
        }

        @Override
        protected double computePrefHeight(double width) {
            if (knownHeight != null) {
                return knownHeight;
            }
            double height = super.computePrefHeight(width);
            if (shown != null && width > 0) {
                heights.put(shown, height);
            }
            return height;
        }
    }

    /** An agent in the picker: name, and in the list also its model and tags. */
    private static final class AgentCell extends ListCell<Agent> {
        private final boolean detailed;

        AgentCell(boolean detailed) {
            this.detailed = detailed;
        }

        @Override
        protected void updateItem(Agent agent, boolean empty) {
            super.updateItem(agent, empty);
            if (empty || agent == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            String details = (agent.model() == null ? "" : agent.model())
                    + (agent.tags().isEmpty() ? "" : "  ·  " + String.join(", ", agent.tags()));
            if (!detailed) {
                setText(agent.name() + (agent.model() == null ? "" : "  (" + agent.model() + ")"));
                return;
            }
            Label name = new Label(agent.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            Label caption = new Label(details);
            caption.getStyleClass().add("caption");
            setText(null);
            setGraphic(new VBox(2, name, caption));
        }
    }
}
