package dev.hydra.ui.chat;

import atlantafx.base.theme.Styles;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Subscription;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** One row of the conversation, bound to its {@link ChatEntry}; {@link #dispose()} unbinds it when its cell moves on. */
final class EntryView extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm");
    private final List<Subscription> subscriptions = new ArrayList<>();

    EntryView(ChatEntry entry, ChatViewModel vm) {
        getStyleClass().addAll("hl-entry", "hl-entry-" + entry.kind().name().toLowerCase().replace('_', '-'));
        setSpacing(4);
        setFillWidth(true);

        // Text nodes, not Labels, in every row: rows are built while scrolling, and controls cost CSS and skins.
        Text title = styledText("hl-entry-title");
        watch(entry.titleProperty().subscribe(title::setText));
        Text time = styledText("hl-entry-time");
        watch(entry.dateProperty().subscribe(date -> time.setText(format(date))));
        Text state = styledText("hl-entry-state");
        watch(entry.streamingProperty().subscribe(v -> updateState(entry, state)));
        watch(entry.incompleteProperty().subscribe(v -> updateState(entry, state)));
        watch(entry.failedProperty().subscribe(v -> updateState(entry, state)));
        FontIcon copy = new FontIcon(Feather.COPY);
        copy.getStyleClass().add("hl-copy");
        copy.setAccessibleText("Copy this message");
        copy.setOnMouseClicked(e -> {
            copy(entry);
            e.consume();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, state, spacer, time, copy);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.getStyleClass().add("hl-entry-header");

        Node body = body(entry, vm);
        if (entry.foldable()) {
            FontIcon chevron = new FontIcon(Feather.CHEVRON_RIGHT);
            header.getChildren().addFirst(chevron);
            header.getStyleClass().add("hl-foldable");
            header.setOnMouseClicked(e -> entry.expandedProperty().set(!entry.expandedProperty().get()));
            watch(entry.expandedProperty().subscribe(open -> {
                chevron.setIconCode(open ? Feather.CHEVRON_DOWN : Feather.CHEVRON_RIGHT);
                body.setVisible(open);
                body.setManaged(open);
            }));
        }
        getChildren().addAll(header, body);
    }

    void dispose() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
    }

    private Node body(ChatEntry entry, ChatViewModel vm) {
        return switch (entry.kind()) {
            case ASSISTANT -> {
                MarkdownView markdown = new MarkdownView();
                watch(entry.textProperty().subscribe(markdown::setMarkdown));
                yield markdown;
            }
            case TOOL -> {
                Label arguments = code();
                watch(entry.textProperty().subscribe(arguments::setText));
                yield new VBox(4, caption("Arguments"), arguments, caption("Result"), result(entry));
            }
            case APPROVAL -> approval(entry, vm);
            case RAW, SYSTEM -> {
                Label raw = code();
                watch(entry.textProperty().subscribe(raw::setText));
                yield raw;
            }
            case ERROR -> {
                Node text = text(entry);
                Button retry = new Button("Retry", new FontIcon(Feather.ROTATE_CW));
                retry.getStyleClass().add(Styles.SMALL);
                retry.setOnAction(e -> vm.retry());
                watch(vm.canRetryProperty().subscribe(can -> {
                    retry.setVisible(can);
                    retry.setManaged(can);
                }));
                yield new VBox(6, text, retry);
            }
            default -> text(entry);
        };
    }

    private Node approval(ChatEntry entry, ChatViewModel vm) {
        Label arguments = code();
        watch(entry.textProperty().subscribe(arguments::setText));
        TextField reason = new TextField();
        reason.setPromptText("Reason (optional, the agent sees it)");
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button approve = new Button("Approve", new FontIcon(Feather.CHECK));
        approve.getStyleClass().add(Styles.SUCCESS);
        approve.setOnAction(e -> vm.answer(entry, true, reason.getText()));
        Button deny = new Button("Deny", new FontIcon(Feather.X));
        deny.getStyleClass().add(Styles.DANGER);
        deny.setOnAction(e -> vm.answer(entry, false, reason.getText()));
        HBox actions = new HBox(8, reason, approve, deny);
        actions.setAlignment(Pos.CENTER_LEFT);
        Text outcome = styledText("hl-entry-state");
        watch(entry.approvalProperty().subscribe(answer -> {
            boolean pending = answer == ChatEntry.Approval.PENDING;
            actions.setVisible(pending);
            actions.setManaged(pending);
            outcome.setText(switch (answer) {
                case APPROVED -> "Approved";
                case DENIED -> "Denied";
                default -> "";
            });
        }));
        watch(vm.busyProperty().subscribe(busy -> actions.setDisable(busy)));
        return new VBox(6, arguments, actions, new TextFlow(outcome), result(entry));
    }

    /** A tool's result, shown once it arrived, in the error style when the tool failed. */
    private Label result(ChatEntry entry) {
        Label result = code();
        watch(entry.detailProperty().subscribe(text -> {
            result.setText(text);
            result.setVisible(!text.isEmpty());
            result.setManaged(!text.isEmpty());
        }));
        watch(entry.failedProperty().subscribe(failed -> result.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("failed"), failed)));
        return result;
    }

    private Node text(ChatEntry entry) {
        Text text = styledText("hl-entry-text");
        watch(entry.textProperty().subscribe(text::setText));
        TextFlow flow = new TextFlow(text);
        flow.getStyleClass().add("hl-entry-body");
        return flow;
    }

    private static Text styledText(String styleClass) {
        Text text = new Text();
        text.getStyleClass().add(styleClass);
        return text;
    }

    private static Label code() {
        Label label = new Label();
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        label.getStyleClass().add("hl-md-code-block");
        return label;
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("caption");
        return label;
    }

    private static void updateState(ChatEntry entry, Text state) {
        String text = entry.incompleteProperty().get() ? "incomplete"
                : entry.streamingProperty().get() ? "streaming…"
                : entry.failedProperty().get() && entry.kind() == ChatEntry.Kind.TOOL ? "error" : "";
        state.setText(text);
        state.setVisible(!text.isEmpty());
        state.setManaged(!text.isEmpty());
        state.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("problem"),
                entry.incompleteProperty().get() || entry.failedProperty().get());
    }

    private static void copy(ChatEntry entry) {
        ClipboardContent content = new ClipboardContent();
        String detail = entry.detailProperty().get();
        content.putString(entry.textProperty().get() + (detail.isEmpty() ? "" : "\n\n" + detail));
        Clipboard.getSystemClipboard().setContent(content);
    }

    static String format(Instant date) {
        if (date == null) {
            return "";
        }
        var local = date.atZone(ZoneId.systemDefault());
        return local.toLocalDate().equals(LocalDate.now()) ? TIME.format(local) : DAY_TIME.format(local);
    }

    private void watch(Subscription subscription) {
        subscriptions.add(subscription);
    }
}
