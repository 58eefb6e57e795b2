package dev.hydra.ui.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobEvent;
import dev.hydra.services.queue.JobQueue;
import dev.hydra.services.queue.JobState;
import dev.hydra.services.queue.JobSummary;
import dev.hydra.ui.common.Formats;
import dev.hydra.ui.common.Lists;
import dev.hydra.ui.common.UiExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Queue view: every job of every instance (the database is the truth), filtered by state, type, node and
 * text, sorted by a column; the selected job's detail; and the actions on it. Changes are fetched incrementally (only
 * rows updated since the last look), off the UI thread.
 */
public final class QueueViewModel {

    /** What the table is sorted by. */
    public enum SortKey { CREATED, UPDATED, STATE, PRIORITY, TYPE, TITLE, PROGRESS }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Duration CURSOR_OVERLAP = Duration.ofSeconds(30);

    private final JobQueue queue;
    private final UiExecutor ui;
    private final Executor background;
    private final Clock clock;
    private final Map<String, JobRow> all = new HashMap<>();
    /** Every row in the current sort order, kept up to date row by row; filtering is then one pass over it. */
    private List<JobRow> sorted = new ArrayList<>();
    private Comparator<JobRow> sortedBy;
    private final ObservableList<JobRow> rows = FXCollections.observableArrayList();
    private final ObservableList<JobRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> types = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyTypes = FXCollections.unmodifiableObservableList(types);
    private final ObservableList<JobQueue.ScheduleInfo> schedules = FXCollections.observableArrayList();
    private final ObservableList<JobQueue.ScheduleInfo> readOnlySchedules =
            FXCollections.unmodifiableObservableList(schedules);
    private final ObjectProperty<JobState> stateFilter = new SimpleObjectProperty<>(this, "stateFilter");
    private final StringProperty typeFilter = new SimpleStringProperty(this, "typeFilter", "");
    private final StringProperty nodeFilter = new SimpleStringProperty(this, "nodeFilter", "");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<SortKey> sortKey = new SimpleObjectProperty<>(this, "sortKey", SortKey.CREATED);
    private final ObjectProperty<Boolean> descending = new SimpleObjectProperty<>(this, "descending", true);
    private final ObjectProperty<String> selectedId = new SimpleObjectProperty<>(this, "selectedId");
    private final ReadOnlyObjectWrapper<JobDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Loading the queue…");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private boolean readProblem;
    private Instant cursor;

    public QueueViewModel(JobQueue queue, UiExecutor ui, Executor background, Clock clock) {
        this.queue = queue;
        this.ui = ui;
        this.background = background;
        this.clock = clock;
        types.setAll(queue.types());
        stateFilter.addListener((obs, old, now) -> applyFilter());
        typeFilter.addListener((obs, old, now) -> applyFilter());
        nodeFilter.addListener((obs, old, now) -> applyFilter());
        search.addListener((obs, old, now) -> applyFilter());
        sortKey.addListener((obs, old, now) -> resort());
        descending.addListener((obs, old, now) -> resort());
        selectedId.addListener((obs, old, now) -> loadDetail());
    }

    /** Fetches what changed since the last refresh (everything the first time); skipped if one is still running. */
    public void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        Instant since = cursor;
        background.execute(() -> {
            try {
                JobQueue.Changes changes = queue.changesSince(since == null ? null : since.minus(CURSOR_OVERLAP));
                boolean isPaused = queue.isPaused();
                List<JobQueue.ScheduleInfo> scheduleInfos = queue.schedules();
                List<JobRow> changed = changes.rows().stream().map(JobRow::of).toList();
                ui.execute(() -> {
                    refreshing.set(false);
                    cursor = changes.asOf();
                    if (readProblem) {
                        readProblem = false;
                        problem.set(null);
                    }
                    paused.set(isPaused);
                    Lists.replaceIfChanged(schedules, scheduleInfos);
                    apply(changed);
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    refreshing.set(false);
                    readProblem = true;
                    problem.set("The queue cannot be read: " + e.getMessage());
                });
            }
        });
    }

    /** Merges changed rows; re-filters only when something changed. Public for benchmarks. */
    public void apply(List<JobRow> changed) {
        boolean any = false;
        boolean incremental = sortedBy != null && changed.size() < 2_000;
        for (JobRow row : changed) {
            JobRow before = all.put(row.id(), row);
            if (row.equals(before)) {
                continue;
            }
            any = true;
            if (incremental) {
                if (before != null) {
                    int at = java.util.Collections.binarySearch(sorted, before, sortedBy);
                    if (at >= 0) {
                        sorted.remove(at);
                    }
                }
                int to = java.util.Collections.binarySearch(sorted, row, sortedBy);
                sorted.add(to < 0 ? -to - 1 : to, row);
            }
        }
        if (any && !incremental) {
            sortedBy = null;
        }
        if (any || rows.isEmpty() && !all.isEmpty()) {
            applyFilter();
            if (selectedId.get() != null && changed.stream().anyMatch(r -> r.id().equals(selectedId.get()))) {
                loadDetail();
            }
        }
        summary.set(summaryText());
    }

    /** Rebuilds the visible rows from the filter and sort. Public for benchmarks. */
    public void applyFilter() {
        if (sortedBy == null) {
            sortedBy = comparator();
            sorted = new ArrayList<>(all.values());
            sorted.sort(sortedBy);
        }
        Predicate<JobRow> keep = filter();
        List<JobRow> visible = new ArrayList<>();
        for (JobRow row : sorted) {
            if (keep.test(row)) {
                visible.add(row);
            }
        }
        Lists.replaceIfChanged(rows, visible);
    }

    private void resort() {
        sortedBy = null;
        applyFilter();
    }

    public void select(String id) {
        selectedId.set(id);
    }

    public void runNow(String id) {
        act(() -> queue.runNow(id), "It is running or finished, so there is nothing to start.");
    }

    public void cancel(String id) {
        act(() -> queue.cancel(id), "It has already finished.");
    }

    public void retry(String id) {
        act(() -> queue.retry(id), "Only failed or cancelled jobs can be retried.");
    }

    public void bumpPriority(String id) {
        act(() -> queue.bumpPriority(id), "Finished jobs keep their priority.");
    }

    public void togglePaused() {
        boolean pause = !paused.get();
        act(() -> {
            queue.setPaused(pause);
            return true;
        }, "");
    }

    public void toggleSchedule(JobQueue.ScheduleInfo schedule) {
        act(() -> {
            queue.setSchedulePaused(schedule.name(), !schedule.paused());
            return true;
        }, "");
    }

    private void act(java.util.function.BooleanSupplier action, String whyNot) {
        background.execute(() -> {
            try {
                boolean done = action.getAsBoolean();
                ui.execute(() -> {
                    problem.set(done ? null : "Not done: " + whyNot);
                    refresh();
                });
            } catch (RuntimeException e) {
                ui.execute(() -> problem.set("The action failed: " + e.getMessage()));
            }
        });
    }

    private void loadDetail() {
        String id = selectedId.get();
        if (id == null) {
            detail.set(null);
            return;
        }
        background.execute(() -> {
            try {
                Job job = queue.find(id).orElse(null);
                JobDetail loaded = job == null ? null : detailOf(job, queue.events(id), queue.children(id));
                ui.execute(() -> {
                    if (id.equals(selectedId.get())) {
                        detail.set(loaded);
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> problem.set("The job cannot be read: " + e.getMessage()));
            }
        });
    }

    private JobDetail detailOf(Job job, List<JobEvent> events, List<JobSummary> children) {
        ZoneId zone = clock.getZone();
        List<JobDetail.Line> lines = new ArrayList<>();
        lines.add(new JobDetail.Line("State", job.state().id().replace('_', ' ')
                + (job.stateReason() == null ? "" : " — " + job.stateReason())));
        if (job.state() == JobState.RUNNING && job.progressMessage() != null) {
            lines.add(new JobDetail.Line("Progress", (job.progress() == null ? ""
                    : Formats.percent(job.progress() * 100) + " · ") + job.progressMessage()));
        }
        lines.add(new JobDetail.Line("Priority", job.priority().id()));
        lines.add(new JobDetail.Line("Attempts", job.attempts() + " of " + job.maxAttempts()));
        if (job.lastError() != null) {
            lines.add(new JobDetail.Line("Last error", job.lastError()));
        }
        if (job.nextAttemptAt() != null && !job.state().isTerminal() && job.state() != JobState.RUNNING) {
            lines.add(new JobDetail.Line("Next check", time(job.nextAttemptAt(), zone)));
        }
        lines.add(new JobDetail.Line("Target", job.target().toString() + (job.needs().gpu()
                ? String.format(Locale.ROOT, " · GPU, %.0f GB VRAM%s", job.needs().vramGb(),
                        job.needs().exclusiveGpu() ? ", exclusive" : "") : "")));
        if (job.assignedNode() != null || job.assignedGpu() != null) {
            lines.add(new JobDetail.Line("Ran on", (job.assignedNode() == null ? "" : job.assignedNode())
                    + (job.assignedGpu() == null ? "" : " · " + job.assignedGpu())));
        }
        if (job.executedBy() != null) {
            lines.add(new JobDetail.Line("Instance", job.executedBy()));
        }
        lines.add(new JobDetail.Line("Created", time(job.createdAt(), zone)));
        if (job.startedAt() != null) {
            lines.add(new JobDetail.Line("Started", time(job.startedAt(), zone)));
        }
        if (job.finishedAt() != null) {
            lines.add(new JobDetail.Line("Finished", time(job.finishedAt(), zone) + (job.startedAt() == null ? ""
                    : " (" + Formats.duration(Duration.between(job.startedAt(), job.finishedAt())) + ")")));
        }
        if (job.scheduleName() != null) {
            lines.add(new JobDetail.Line("Schedule", job.scheduleName()));
        }
        if (job.remoteRef() != null) {
            lines.add(new JobDetail.Line("Remote id", job.remoteRef()));
        }
        String output = job.outputs().text();
        if (job.outputs().details() != null) {
            output = (output == null ? "" : output + "\n\n") + pretty(job.outputs().details());
        }
        List<String> timeline = events.stream().map(e -> time(e.at(), zone) + "  " + e.kind()
                + (e.message() == null ? "" : "  " + e.message())
                + (e.instance() == null ? "" : "  (" + e.instance() + ")")).toList();
        boolean queued = job.state() == JobState.PENDING || job.state() == JobState.WAITING_FOR_RESOURCES
                || job.state() == JobState.RETRYING;
        return new JobDetail(job.id(), job.title(), job.type(), job.state().id().replace('_', ' '), lines,
                pretty(job.payload()), output, job.outputs().files(), timeline, job.parentId(),
                children.stream().map(JobSummary::id).toList(), !job.state().isTerminal(),
                job.state() == JobState.FAILED || job.state() == JobState.CANCELLED, queued,
                !job.state().isTerminal());
    }

    private Predicate<JobRow> filter() {
        JobState state = stateFilter.get();
        String type = typeFilter.get() == null ? "" : typeFilter.get();
        String node = nodeFilter.get() == null ? "" : nodeFilter.get().strip().toLowerCase(Locale.ROOT);
        String text = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        return row -> (state == null || row.state() == state)
                && (type.isEmpty() || row.type().equals(type))
                && (node.isEmpty() || row.where().toLowerCase(Locale.ROOT).contains(node))
                && (text.isEmpty() || row.search().contains(text));
    }

    private Comparator<JobRow> comparator() {
        Comparator<JobRow> by = switch (sortKey.get()) {
            case CREATED -> Comparator.comparing(JobRow::createdAt);
            case UPDATED -> Comparator.comparing(JobRow::updatedAt);
            case STATE -> Comparator.comparing(JobRow::state);
            case PRIORITY -> Comparator.comparing(JobRow::priority);
            case TYPE -> Comparator.comparing(JobRow::type);
            case TITLE -> Comparator.comparing(JobRow::title, String.CASE_INSENSITIVE_ORDER);
            case PROGRESS -> Comparator.comparingDouble(JobRow::progress);
        };
        by = by.thenComparing(JobRow::createdAt).thenComparing(JobRow::id);
        return descending.get() ? by.reversed() : by;
    }

    private String summaryText() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        all.values().forEach(r -> counts.merge(r.state(), 1L, Long::sum));
        if (counts.isEmpty()) {
            return "No jobs yet. Queue one with 'hydra queue add', or let a schedule do it.";
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().id().replace('_', ' '))
                .collect(Collectors.joining(" · "));
    }

    private static String time(Instant instant, ZoneId zone) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    private static String pretty(Object json) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            return String.valueOf(json);
        }
    }

    /** Nodes seen in the jobs, for the node filter's suggestions. */
    public List<String> nodes() {
        return new ArrayList<>(all.values().stream().map(JobRow::where).collect(Collectors.toCollection(TreeSet::new)));
    }

    public ObservableList<JobRow> rows() {
        return readOnlyRows;
    }

    public ObservableList<String> types() {
        return readOnlyTypes;
    }

    public ObservableList<JobQueue.ScheduleInfo> schedules() {
        return readOnlySchedules;
    }

    public ObjectProperty<JobState> stateFilterProperty() {
        return stateFilter;
    }

    public StringProperty typeFilterProperty() {
        return typeFilter;
    }

    public StringProperty nodeFilterProperty() {
        return nodeFilter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<SortKey> sortKeyProperty() {
        return sortKey;
    }

    public ObjectProperty<Boolean> descendingProperty() {
        return descending;
    }

    public ObjectProperty<String> selectedIdProperty() {
        return selectedId;
    }

    public ReadOnlyObjectProperty<JobDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** How many jobs are known (all states), for tests and benchmarks. */
    public int knownJobs() {
        return all.size();
    }
}
