package dev.hydra.ui.queue;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hydra.services.queue.JobQueue;
import dev.hydra.services.queue.JobState;
import dev.hydra.ui.common.Lists;
import dev.hydra.ui.common.PlannedFeature;
import dev.hydra.ui.common.PlannedFeatureView;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Queue view: filters and a summary on top, the jobs table, the selected job's detail with its actions, and the
 * cron schedules. Refreshes once a second while shown. "/" focuses the search box.
 */
public final class QueueView extends BorderPane {

    static final PlannedFeature UNAVAILABLE = new PlannedFeature("Queue",
            "The queue keeps its jobs in the database, which could not be opened (see the banner above).",
            "Fix the database (hydra doctor says how) and restart; queued jobs are kept.");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d HH:mm");
    private static final String ALL_TYPES = "all types";

    private final QueueViewModel vm;
    private final TableView<JobRow> table = new TableView<>();
    private final TextField search = new TextField();
    private final Timeline refresh;

    public QueueView(QueueViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("hl-view", "hl-queue-view");
        setTop(toolbar());
        SplitPane split = new SplitPane(tablePane(), detailPane());
        split.setDividerPositions(0.64);
        split.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        setCenter(split);
        setBottom(schedules());

        refresh = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().subscribe(scene -> {
            if (scene == null) {
                refresh.stop();
            } else {
                vm.refresh();
                refresh.play();
            }
        });
        addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if ("/".equals(e.getCharacter()) && !(getScene().getFocusOwner() instanceof TextField)) {
                search.requestFocus();
                e.consume();
            }
        });
    }

    /** Shown when the database could not be opened. */
    public static Node unavailable() {
        return new PlannedFeatureView(UNAVAILABLE);
    }

    private Node toolbar() {
        ComboBox<JobState> state = new ComboBox<>();
        state.getItems().add(null);
        state.getItems().addAll(JobState.values());
        state.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(JobState s) {
                return s == null ? "all states" : s.id().replace('_', ' ');
            }

            @Override
            public JobState fromString(String s) {
                return null;
            }
        });
        state.valueProperty().bindBidirectional(vm.stateFilterProperty());
        state.setId("queue-state-filter");

        ComboBox<String> type = new ComboBox<>();
        type.getItems().add(ALL_TYPES);
        type.getItems().addAll(vm.types());
        type.setValue(ALL_TYPES);
        type.valueProperty().subscribe(t -> vm.typeFilterProperty().set(ALL_TYPES.equals(t) || t == null ? "" : t));

        TextField node = new TextField();
        node.setPromptText("node");
        node.setPrefColumnCount(9);
        node.textProperty().bindBidirectional(vm.nodeFilterProperty());

        search.setPromptText("Search  /");
        search.setPrefColumnCount(16);
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setId("queue-search");

        Label summary = new Label();
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(vm.summaryProperty());
        summary.setId("queue-summary");

        Button pause = new Button();
        pause.setId("queue-pause");
        pause.textProperty().bind(vm.pausedProperty().map(p -> p ? "Resume queue" : "Pause queue"));
        pause.graphicProperty().bind(vm.pausedProperty().map(p -> new FontIcon(p ? Feather.PLAY : Feather.PAUSE)));
        pause.setOnAction(e -> vm.togglePaused());
        vm.pausedProperty().subscribe(p -> pause.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("paused"), p));

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        pause.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, state, type, node, search, grow, pause);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 20, 4, 20));
        summary.setPadding(new Insets(0, 20, 6, 20));

        Label problem = new Label();
        problem.getStyleClass().add("hl-problem");
        problem.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setPadding(new Insets(0, 20, 6, 20));
        problem.setWrapText(true);
        return new VBox(bar, summary, problem);
    }

    private Node tablePane() {
        table.setId("queue-table");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<JobRow, String> title = column("Title", QueueViewModel.SortKey.TITLE, JobRow::title, 240);
        title.setMinWidth(140);
        table.getColumns().setAll(List.of(
                fixed(column("State", QueueViewModel.SortKey.STATE, JobRow::shortStateLabel, 96)),
                title,
                fixed(column("Type", QueueViewModel.SortKey.TYPE, JobRow::type, 112)),
                fixed(column("Priority", QueueViewModel.SortKey.PRIORITY, r -> r.priority().id(), 64)),
                fixed(column("Node", null, JobRow::where, 80)),
                progressColumn(),
                fixed(column("Created", QueueViewModel.SortKey.CREATED, r -> created(r.createdAt()), 100))));
        table.setItems(vm.rows());
        table.setSortPolicy(t -> {
            if (!t.getSortOrder().isEmpty()) {
                TableColumn<JobRow, ?> first = t.getSortOrder().getFirst();
                if (first.getUserData() instanceof QueueViewModel.SortKey key) {
                    vm.sortKeyProperty().set(key);
                    vm.descendingProperty().set(first.getSortType() == TableColumn.SortType.DESCENDING);
                }
            }
            return true;
        });
        table.setRowFactory(t -> {
            var row = new javafx.scene.control.TableRow<JobRow>() {
                @Override
                protected void updateItem(JobRow item, boolean empty) {
                    super.updateItem(item, empty);
                    for (JobState s : JobState.values()) {
                        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(s.id().replace('_', '-')),
                                !empty && item != null && item.state() == s);
                    }
                }
            };
            return row;
        });
        table.getSelectionModel().selectedItemProperty().subscribe(row -> {
            if (row != null) {
                vm.select(row.id());
            }
        });
        Label empty = new Label();
        empty.textProperty().bind(vm.summaryProperty());
        table.setPlaceholder(empty);
        return table;
    }

    /** Today's jobs by time of day, older ones by date. */
    private static String created(java.time.Instant at) {
        var local = at.atZone(ZoneId.systemDefault());
        return local.toLocalDate().equals(java.time.LocalDate.now()) ? CLOCK_TIME.format(local) : DAY.format(local);
    }

    private static <T> TableColumn<JobRow, T> fixed(TableColumn<JobRow, T> column) {
        column.setMinWidth(column.getPrefWidth());
        return column;
    }

    private static TableColumn<JobRow, String> column(String title, QueueViewModel.SortKey key,
            java.util.function.Function<JobRow, String> value, double width) {
        TableColumn<JobRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setUserData(key);
        column.setSortable(key != null);
        column.setComparator((a, b) -> 0);
        return column;
    }

    private static TableColumn<JobRow, JobRow> progressColumn() {
        TableColumn<JobRow, JobRow> column = new TableColumn<>("Progress");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setPrefWidth(190);
        column.setMinWidth(100);
        column.setUserData(QueueViewModel.SortKey.PROGRESS);
        column.setComparator((a, b) -> 0);
        column.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label text = new Label();
            private final HBox box = new HBox(6, bar, text);

            {
                bar.setPrefWidth(44);
                bar.getStyleClass().add(Styles.SMALL);
                text.getStyleClass().add(Styles.TEXT_MUTED);
                box.setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(JobRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                boolean running = row.state() == JobState.RUNNING;
                bar.setVisible(running || row.state() == JobState.SUCCEEDED);
                bar.setManaged(bar.isVisible());
                bar.setProgress(row.progress() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : row.progress());
                text.setText(row.progressText());
                setGraphic(box);
            }
        });
        return column;
    }

    private Node detailPane() {
        VBox content = new VBox(10);
        content.setPadding(new Insets(14, 18, 14, 18));
        content.setId("queue-detail");
        Label hint = new Label("Select a job to see its payload, attempts, errors, outputs and lineage.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        vm.detailProperty().subscribe(detail -> content.getChildren().setAll(detail == null ? List.of(hint)
                : detailNodes(detail)));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        return scroll;
    }

    private List<Node> detailNodes(JobDetail detail) {
        List<Node> nodes = new ArrayList<>();
        Label title = new Label(detail.title());
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        Label id = new Label(detail.type() + " · " + detail.id());
        id.getStyleClass().add(Styles.TEXT_MUTED);
        nodes.add(new VBox(2, title, id));
        nodes.add(actions(detail));

        GridPane facts = new GridPane(12, 4);
        int row = 0;
        for (JobDetail.Line line : detail.lines()) {
            Label label = new Label(line.label());
            label.getStyleClass().add("caption");
            label.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label(line.value());
            value.setWrapText(true);
            value.setMaxWidth(360);
            facts.addRow(row++, label, value);
        }
        nodes.add(facts);
        if (!detail.files().isEmpty()) {
            nodes.add(section("Files"));
            detail.files().forEach(f -> {
                Label file = new Label(f);
                file.setWrapText(true);
                nodes.add(file);
            });
        }
        if (detail.outputText() != null && !detail.outputText().isBlank()) {
            nodes.add(section("Output"));
            nodes.add(code(detail.outputText(), 8));
        }
        nodes.add(section("Payload"));
        nodes.add(code(detail.payload(), 7));
        nodes.add(section("Timeline"));
        nodes.add(code(String.join("\n", detail.events()), 6));
        if (detail.parentId() != null || !detail.childIds().isEmpty()) {
            nodes.add(section("Lineage"));
            FlowPane links = new FlowPane(6, 4);
            if (detail.parentId() != null) {
                Hyperlink parent = new Hyperlink("parent " + detail.parentId().substring(0, 8));
                parent.setOnAction(e -> vm.select(detail.parentId()));
                links.getChildren().add(parent);
            }
            detail.childIds().forEach(child -> {
                Hyperlink link = new Hyperlink("child " + child.substring(0, 8));
                link.setOnAction(e -> vm.select(child));
                links.getChildren().add(link);
            });
            nodes.add(links);
        }
        return nodes;
    }

    private Node actions(JobDetail detail) {
        Button runNow = new Button("Run now", new FontIcon(Feather.PLAY));
        runNow.setDisable(!detail.canRunNow());
        runNow.setOnAction(e -> vm.runNow(detail.id()));
        Button bump = new Button("Bump priority", new FontIcon(Feather.ARROW_UP));
        bump.setDisable(!detail.canBump());
        bump.setOnAction(e -> vm.bumpPriority(detail.id()));
        Button retry = new Button("Retry", new FontIcon(Feather.ROTATE_CW));
        retry.setDisable(!detail.canRetry());
        retry.setOnAction(e -> vm.retry(detail.id()));
        Button cancel = new Button("Cancel", new FontIcon(Feather.X_CIRCLE));
        cancel.setId("queue-cancel");
        cancel.getStyleClass().add(Styles.DANGER);
        cancel.setDisable(!detail.canCancel());
        PauseTransition disarm = new PauseTransition(Duration.seconds(4));
        disarm.setOnFinished(e -> cancel.setText("Cancel"));
        cancel.setOnAction(e -> {
            if (cancel.getText().equals("Cancel")) {
                cancel.setText("Click again to cancel");
                disarm.playFromStart();
            } else {
                disarm.stop();
                cancel.setText("Cancel");
                vm.cancel(detail.id());
            }
        });
        for (Button b : List.of(runNow, bump, retry)) {
            b.getStyleClass().add(Styles.SMALL);
        }
        cancel.getStyleClass().add(Styles.SMALL);
        FlowPane bar = new FlowPane(6, 6, runNow, bump, retry, cancel);
        bar.setOrientation(Orientation.HORIZONTAL);
        return bar;
    }

    private Node schedules() {
        FlowPane strip = new FlowPane(16, 6);
        strip.setPadding(new Insets(8, 20, 8, 20));
        strip.getStyleClass().add("hl-schedules");
        Lists.render(vm.schedules(), () -> {
            List<Node> items = new ArrayList<>();
            if (!vm.schedules().isEmpty()) {
                Label heading = new Label("Schedules");
                heading.getStyleClass().add("caption");
                items.add(heading);
            }
            for (JobQueue.ScheduleInfo schedule : vm.schedules()) {
                Button toggle = new Button(schedule.paused() ? "Resume" : "Pause");
                toggle.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
                toggle.setOnAction(e -> vm.toggleSchedule(schedule));
                Label text = new Label(schedule.name() + " · " + schedule.cron() + " · " + schedule.type()
                        + (schedule.paused() ? " · paused" : " · next " + TIME.format(schedule.nextRun()
                        .atZone(ZoneId.systemDefault()))));
                if (schedule.paused()) {
                    text.getStyleClass().add(Styles.TEXT_MUTED);
                }
                HBox item = new HBox(4, text, toggle);
                item.setAlignment(Pos.CENTER_LEFT);
                items.add(item);
            }
            strip.getChildren().setAll(items);
        });
        strip.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.schedules()));
        strip.managedProperty().bind(strip.visibleProperty());
        return new StackPane(strip);
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        return label;
    }

    private static TextArea code(String text, int rows) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(Math.min(rows, (int) text.lines().count() + 1));
        area.getStyleClass().add("hl-code");
        return area;
    }
}
