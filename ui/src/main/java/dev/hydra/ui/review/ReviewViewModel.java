package dev.hydra.ui.review;

import dev.hydra.services.learning.Regenerator;
import dev.hydra.services.review.Asset;
import dev.hydra.services.review.AssetLibrary;
import dev.hydra.services.review.AssetQuery;
import dev.hydra.services.review.Decision;
import dev.hydra.services.review.ImportReport;
import dev.hydra.services.review.IndexOutcome;
import dev.hydra.services.review.QualityFlag;
import dev.hydra.services.review.ReviewState;
import dev.hydra.ui.common.UiExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The review screen's state and commands. Every decision is committed by the library (on a background thread)
 * before the screen moves on; keys pressed meanwhile wait their turn, in order, so a fast culler never decides the
 * same image twice or skips one. Only javafx.base: tested without a toolkit.
 */
public final class ReviewViewModel {

    static final int RECENT = 10;

    private final AssetLibrary library;
    private final LearningServices learning;
    private final FolderAdder folders;
    private final ReviewSettings settings;
    private final Executor background;
    private final UiExecutor ui;

    private final ObservableList<ReviewItem> items = FXCollections.observableArrayList();
    private final ObservableList<ReviewItem> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    private final ReadOnlyObjectWrapper<ReviewItem> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyObjectWrapper<ReviewDetails> details = new ReadOnlyObjectWrapper<>(this, "details");
    private final ReadOnlyObjectWrapper<Path> reference = new ReadOnlyObjectWrapper<>(this, "reference");
    private final ObservableList<DecisionRow> recent = FXCollections.observableArrayList();
    private final ObservableList<DecisionRow> recentView = FXCollections.unmodifiableObservableList(recent);
    private final ObservableSet<Long> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObservableSet<Long> selectionView = FXCollections.unmodifiableObservableSet(selection);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
    private final ReadOnlyBooleanWrapper grid = new ReadOnlyBooleanWrapper(this, "grid");
    private final ReadOnlyBooleanWrapper zoomed = new ReadOnlyBooleanWrapper(this, "zoomed");
    private final ReadOnlyBooleanWrapper help = new ReadOnlyBooleanWrapper(this, "help");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ObservableList<String> characters = FXCollections.observableArrayList();
    private final ObservableList<String> characterChoices = FXCollections.unmodifiableObservableList(characters);
    private final ObservableList<String> checkpoints = FXCollections.observableArrayList();
    private final ObservableList<String> checkpointChoices = FXCollections.unmodifiableObservableList(checkpoints);

    private final ObjectProperty<ReviewState> stateFilter = new SimpleObjectProperty<>(this, "stateFilter");
    private final ObjectProperty<String> characterFilter = new SimpleObjectProperty<>(this, "characterFilter");
    private final ObjectProperty<String> checkpointFilter = new SimpleObjectProperty<>(this, "checkpointFilter");
    private final ObjectProperty<QualityFlag> flagFilter = new SimpleObjectProperty<>(this, "flagFilter");
    private final ObjectProperty<LocalDate> fromDate = new SimpleObjectProperty<>(this, "fromDate");
    private final BooleanProperty newestFirst = new SimpleBooleanProperty(this, "newestFirst");
    private final ObjectProperty<Ordering> ordering = new SimpleObjectProperty<>(this, "ordering", Ordering.TIME);
    private final BooleanProperty regenerateWithSettings = new SimpleBooleanProperty(this, "regenerateWithSettings");
    private final BooleanProperty regenerateWithNegatives = new SimpleBooleanProperty(this, "regenerateWithNegatives");
    private final ReadOnlyObjectWrapper<Companion> companion = new ReadOnlyObjectWrapper<>(this, "companion");
    /** Images re-generated in this session (the rule re-generates an image once). */
    private final Set<Long> regenerated = new HashSet<>();
    /** The image just rejected, while the screen has not been moved by hand: Shift+R re-generates it. */
    private Long justRejected;

    /** Decisions of this session that can still be undone, newest on top. */
    private final Deque<Decision> undoable = new ArrayDeque<>();
    private final Deque<Runnable> queued = new ArrayDeque<>();
    private final AtomicLong loadGeneration = new AtomicLong();
    private Long reasonTarget;
    private Long anchor;
    private boolean reloading;
    private boolean changedWhileReloading;

    public ReviewViewModel(AssetLibrary library, FolderAdder folders, ReviewSettings settings, Executor background,
            UiExecutor ui) {
        this(library, LearningServices.NONE, folders, settings, background, ui);
    }

    public ReviewViewModel(AssetLibrary library, LearningServices learning, FolderAdder folders,
            ReviewSettings settings, Executor background, UiExecutor ui) {
        this.library = library;
        this.learning = learning;
        regenerateWithSettings.set(learning.regenerate().applySettings());
        regenerateWithNegatives.set(learning.regenerate().applyNegatives());
        ordering.addListener((obs, old, now) -> {
            if (!now.byTime()) {
                reorder();
            } else if (newestFirst.get() != (now == Ordering.NEWEST)) {
                newestFirst.set(now == Ordering.NEWEST);
            } else if (!old.byTime()) {
                reload();
            }
        });
        this.folders = folders;
        this.settings = settings;
        this.background = background;
        this.ui = ui;
        index.addListener((obs, old, now) -> showCurrent());
        for (var filter : List.of(stateFilter, characterFilter, checkpointFilter, flagFilter, fromDate)) {
            filter.addListener((obs, old, now) -> reload());
        }
        newestFirst.addListener((obs, old, now) -> {
            if (ordering.get().byTime()) {
                ordering.set(now ? Ordering.NEWEST : Ordering.TIME);
            }
            reload();
        });
    }

    // ----- loading -----

    /**
     * The library changed (new files, finished checks): reads the list again, but never more than one read at a
     * time, so a burst of 2,000 new files costs a handful of reloads, not 2,000.
     */
    public void libraryChanged() {
        if (reloading) {
            changedWhileReloading = true;
        } else {
            reload();
        }
    }

    /** Reads the list again (filters changed, or the library did), keeping the current image when it is still in. */
    public void reload() {
        long generation = loadGeneration.incrementAndGet();
        AssetQuery query = query();
        loading.set(true);
        reloading = true;
        changedWhileReloading = false;
        background.execute(() -> {
            try {
                List<ReviewItem> loaded = predicted(library.list(query).stream().map(ReviewItem::of).toList());
                List<String> characterNames = library.characters();
                List<String> checkpointNames = library.checkpoints();
                ui.execute(() -> {
                    if (generation == loadGeneration.get()) {
                        apply(loaded);
                        replaceIfChanged(characters, characterNames);
                        replaceIfChanged(checkpoints, checkpointNames);
                        loading.set(false);
                        reloading = false;
                        if (changedWhileReloading) {
                            reload();
                        }
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    loading.set(false);
                    reloading = false;
                    status.set("Cannot read the library: " + e.getMessage());
                });
            }
        });
    }

    private AssetQuery query() {
        LocalDate from = fromDate.get();
        return new AssetQuery(stateFilter.get(), characterFilter.get(), checkpointFilter.get(),
                from == null ? null : from.atStartOfDay(ZoneId.systemDefault()).toInstant(), null, flagFilter.get(),
                newestFirst.get());
    }

    /** The items with the model's predicted acceptance (unchanged without learning, or when it fails). */
    private List<ReviewItem> predicted(List<ReviewItem> loaded) {
        if (learning.learning() == null || loaded.isEmpty()) {
            return loaded;
        }
        try {
            var predictions = learning.learning().predictions(loaded.stream().map(ReviewItem::id).toList());
            return loaded.stream().map(item -> {
                var p = predictions.get(item.id());
                return p == null ? item : item.withPredicted(p.acceptance());
            }).toList();
        } catch (RuntimeException e) {
            ui.execute(() -> status.set("No predicted acceptance: " + e.getMessage()));
            return loaded;
        }
    }

    private List<ReviewItem> sorted(List<ReviewItem> list) {
        Ordering order = ordering.get();
        if (order.byTime()) {
            return list;
        }
        List<ReviewItem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing(order::key, Comparator.nullsLast(
                Comparator.naturalOrder())));
        return copy;
    }

    /** The order changed to one by prediction: sorts the list again and starts at its first image. */
    private void reorder() {
        if (items.stream().noneMatch(item -> item.predicted() != null)) {
            status.set(learning.learning() == null ? "No predicted acceptance: learning needs the database"
                    : "Predicting acceptance …");
            reload();
            return;
        }
        apply(items);
        index.set(items.isEmpty() ? -1 : 0);
    }

    /**
     * After a decision, when the list is ordered by prediction: the model has learned, so the images after the
     * current one get new predictions and are sorted again (those already passed stay where they are).
     */
    private void repredictAhead() {
        if (learning.learning() == null || ordering.get().byTime()) {
            return;
        }
        int from = index.get() + 1;
        if (from >= items.size()) {
            return;
        }
        List<ReviewItem> ahead = List.copyOf(items.subList(from, items.size()));
        background.execute(() -> {
            List<ReviewItem> updated = sorted(predicted(ahead));
            ui.execute(() -> {
                int start = index.get() + 1;
                if (start <= items.size() && items.size() - start == updated.size()
                        && new HashSet<>(items.subList(start, items.size())).stream().map(ReviewItem::id)
                        .collect(Collectors.toSet())
                        .equals(updated.stream().map(ReviewItem::id).collect(Collectors.toSet()))) {
                    List<ReviewItem> merged = new ArrayList<>(updated.size());
                    for (ReviewItem u : updated) {
                        ReviewItem now = itemById(u.id());
                        merged.add(now == null ? u : now.withPredicted(u.predicted()));
                    }
                    items.remove(start, items.size());
                    items.addAll(merged);
                }
            });
        });
    }

    private void apply(List<ReviewItem> unsorted) {
        List<ReviewItem> loaded = sorted(unsorted);
        ReviewItem before = current.get();
        items.setAll(loaded);
        selection.retainAll(loaded.stream().map(ReviewItem::id).toList());
        int at = before == null ? -1 : indexOf(before.id());
        if (at < 0) {
            at = firstPending();
        }
        if (index.get() == at) {
            showCurrent();
        } else {
            index.set(at);
        }
        updateCounts();
    }

    private int firstPending() {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).state() == ReviewState.PENDING) {
                return i;
            }
        }
        return items.isEmpty() ? -1 : 0;
    }

    private void showCurrent() {
        int at = index.get();
        ReviewItem item = at >= 0 && at < items.size() ? items.get(at) : null;
        current.set(item);
        zoomed.set(false);
        reference.set(item == null || item.character() == null ? null : settings.references().get(item.character()));
        loadDetails(item);
    }

    /** The parent of a re-generation, or the newest re-generation of an image: shown side by side with it. */
    private Companion companionOf(Asset asset) {
        Long parentId = asset.origin().parentAssetId();
        if (parentId != null) {
            return library.get(parentId).map(parent -> new Companion(parent.id(), parent.path(), "Parent · "
                    + parent.path().getFileName() + " · " + describe(parent.state(), parent.reasons()), true))
                    .orElse(null);
        }
        var children = library.children(asset.id());
        if (children.isEmpty()) {
            return null;
        }
        var child = children.getLast();
        return new Companion(child.id(), child.path(), "Re-generated · " + child.path().getFileName() + " · "
                + describe(child.state(), child.reasons()) + (children.size() > 1 ? " (newest of " + children.size()
                + ")" : ""), false);
    }

    private static String describe(ReviewState state, Set<String> reasons) {
        return state.label() + (reasons.isEmpty() ? "" : " for " + String.join(", ", reasons.stream().sorted()
                .toList()));
    }

    private void loadDetails(ReviewItem item) {
        if (item == null) {
            details.set(null);
            companion.set(null);
            return;
        }
        background.execute(() -> {
            try {
                var asset = library.get(item.id());
                ReviewDetails loaded = asset.map(ReviewDetails::of).orElse(null);
                Companion beside = asset.map(this::companionOf).orElse(null);
                ui.execute(() -> {
                    if (current.get() != null && current.get().id() == item.id()) {
                        details.set(loaded);
                        companion.set(beside);
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> status.set("Cannot read the metadata of " + item.fileName() + ": " + e.getMessage()));
            }
        });
    }

    // ----- keys: decisions -----

    /** P or A: accept, then show the next image. */
    public void accept() {
        enqueue(() -> decideCurrent(ReviewState.ACCEPTED));
    }

    /** X or R: reject, then show the next image; a reason key right after names why. */
    public void reject() {
        enqueue(() -> decideCurrent(ReviewState.REJECTED));
    }

    /** U: back to pending. */
    public void unflag() {
        enqueue(() -> decideCurrent(ReviewState.PENDING));
    }

    /** 1–5: the rating of the current image (its flag stays). */
    public void rate(int stars) {
        enqueue(() -> {
            ReviewItem item = current.get();
            if (item == null) {
                done();
                return;
            }
            commit(() -> library.rate(item.id(), stars), decision -> {
                update(item.id(), decision);
                status.set(item.fileName() + ": " + "★".repeat(stars));
            });
        });
    }

    /**
     * A reason key (F, H, C, S, T, O by default) right after a reject: adds the reason to that image. Queued like
     * every key, so "X H" typed faster than the reject is saved still names the right image.
     *
     * @return false when the key is not a reason key (so it may mean something else)
     */
    public boolean reason(String key) {
        String reason = settings.reasonKeys().get(key.toUpperCase(Locale.ROOT));
        if (reason == null) {
            return false;
        }
        enqueue(() -> {
            ReviewItem item = reasonTarget == null ? null : itemById(reasonTarget);
            if (item == null) {
                status.set(key.toUpperCase(Locale.ROOT) + " (" + reason + ") names the reason of a reject: press it "
                        + "right after X or R");
                done();
                return;
            }
            long target = item.id();
            Set<String> reasons = new LinkedHashSet<>(item.reasons());
            reasons.add(reason);
            commit(() -> library.decide(target, ReviewState.REJECTED, null, reasons), decision -> {
                update(target, decision);
                pushRecent(decision);
                status.set("Rejected " + item.fileName() + " for " + String.join(", ", decision.reasons().stream()
                        .sorted().toList()));
            });
        });
        return true;
    }

    /** Ctrl+Z: undoes the newest decision of this session and shows that image again. */
    public void undo() {
        enqueue(() -> {
            Decision last = undoable.peek();
            if (last == null) {
                status.set("Nothing to undo");
                done();
                return;
            }
            commit(() -> library.undo(last.id()).orElse(null), undone -> {
                undoable.pop();
                if (undone == null) {
                    status.set("Cannot undo the decision on " + last.fileName() + ": it was changed since");
                    return;
                }
                update(last.assetId(), undone);
                recent.removeIf(row -> row.decisionId() == last.id());
                reasonTarget = null;
                int at = indexOf(last.assetId());
                if (at >= 0) {
                    index.set(at);
                }
                status.set("Undone: " + last.fileName() + " is " + undone.state().label() + " again");
            });
        });
    }

    /** In the grid: the same decision on every selected image, in one transaction. */
    public void decideSelection(ReviewState state) {
        enqueue(() -> {
            List<Long> ids = List.copyOf(selection);
            if (ids.isEmpty()) {
                decideCurrent(state);
                return;
            }
            busy.set(true);
            background.execute(() -> {
                try {
                    List<Decision> decisions = library.decideAll(ids, state);
                    ui.execute(() -> {
                        decisions.forEach(d -> {
                            update(d.assetId(), d);
                            pushRecent(d);
                        });
                        status.set(decisions.size() + " images " + state.label());
                        selection.clear();
                        done();
                    });
                } catch (RuntimeException e) {
                    ui.execute(() -> failed(e));
                }
            });
        });
    }

    private void decideCurrent(ReviewState state) {
        ReviewItem item = current.get();
        if (item == null) {
            done();
            return;
        }
        commit(() -> library.decide(item.id(), state, null, Set.of()), decision -> {
            update(item.id(), decision);
            pushRecent(decision);
            reasonTarget = state == ReviewState.REJECTED ? item.id() : null;
            justRejected = reasonTarget;
            if (state == ReviewState.REJECTED && learning.regenerate().onReject()) {
                regenerateByRule(item);
            }
            status.set(switch (state) {
                case ACCEPTED -> "Accepted " + item.fileName();
                case REJECTED -> "Rejected " + item.fileName() + " · a reason key now says why ("
                        + String.join(" ", settings.reasonKeys().keySet()) + ")";
                case PENDING -> item.fileName() + " is pending again";
            });
            moveBy(1);
            repredictAhead();
        });
    }

    // ----- re-generation -----

    /**
     * Shift+R: re-generates the image just rejected; on an image not rejected yet, rejects it first (and moves on,
     * as X does). The job goes to the queue with a new seed and, when switched on, the learned settings and
     * negative-prompt phrases; the new image arrives in the library as its child.
     */
    public void regenerate() {
        enqueue(() -> {
            ReviewItem target = justRejected == null ? current.get() : itemById(justRejected);
            if (target == null) {
                done();
                return;
            }
            if (target.state() == ReviewState.REJECTED) {
                submitRegeneration(target);
                done();
                return;
            }
            commit(() -> library.decide(target.id(), ReviewState.REJECTED, null, Set.of()), decision -> {
                update(target.id(), decision);
                pushRecent(decision);
                reasonTarget = target.id();
                justRejected = target.id();
                moveBy(1);
                submitRegeneration(target);
                repredictAhead();
            });
        });
    }

    private void regenerateByRule(ReviewItem item) {
        if (regenerated.contains(item.id()) || learning.regenerator() == null) {
            return;
        }
        background.execute(() -> {
            boolean hasChildren = !library.children(item.id()).isEmpty();
            ui.execute(() -> {
                if (!hasChildren) {
                    submitRegeneration(item);
                }
            });
        });
    }

    private void submitRegeneration(ReviewItem item) {
        if (learning.regenerator() == null) {
            status.set("Re-generation needs the queue and a ComfyUI server (comfyui.url in hydra.yaml)");
            return;
        }
        regenerated.add(item.id());
        var options = new Regenerator.Options(regenerateWithSettings.get(),
                regenerateWithNegatives.get());
        status.set("Queueing a re-generation of " + item.fileName() + " …");
        background.execute(() -> {
            try {
                var regeneration = learning.regenerator().submit(item.id(), options);
                var plan = regeneration.plan();
                String changed = String.join("; ", plan.changes());
                String notes = plan.notes().isEmpty() ? "" : " · " + String.join("; ", plan.notes());
                ui.execute(() -> status.set("Re-generating " + item.fileName() + " as job "
                        + regeneration.job().id().substring(0, Math.min(8, regeneration.job().id().length()))
                        + ": " + changed + notes));
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    regenerated.remove(item.id());
                    status.set("Not re-generated: " + e.getMessage());
                });
            }
        });
    }

    // ----- predicted acceptance -----

    /** The pending images with the lowest predicted acceptance, lowest first (for the batch reject's question). */
    public List<ReviewItem> lowestPredicted(int count) {
        return items.stream().filter(item -> item.state() == ReviewState.PENDING && item.predicted() != null)
                .sorted(Comparator.comparing(ReviewItem::predicted)).limit(count).toList();
    }

    /** Rejects the given images (the lowest predicted, after the view asked once), in one transaction. */
    public void rejectAll(List<ReviewItem> chosen) {
        List<Long> ids = chosen.stream().map(ReviewItem::id).toList();
        if (ids.isEmpty()) {
            status.set("No pending image has a predicted acceptance yet");
            return;
        }
        enqueue(() -> {
            busy.set(true);
            background.execute(() -> {
                try {
                    List<Decision> decisions = library.decideAll(ids, ReviewState.REJECTED);
                    ui.execute(() -> {
                        decisions.forEach(d -> {
                            update(d.assetId(), d);
                            pushRecent(d);
                        });
                        status.set(decisions.size() + " images with the lowest predicted acceptance rejected "
                                + "(Ctrl+Z undoes them one by one)");
                        done();
                    });
                } catch (RuntimeException e) {
                    ui.execute(() -> failed(e));
                }
            });
        });
    }

    /**
     * Runs {@code write} on the background thread; {@code applied} runs on the UI thread after it committed. The
     * next queued key runs only then.
     */
    private <T> void commit(Supplier<T> write, Consumer<T> applied) {
        busy.set(true);
        background.execute(() -> {
            try {
                T result = write.get();
                ui.execute(() -> {
                    applied.accept(result);
                    done();
                });
            } catch (RuntimeException e) {
                ui.execute(() -> failed(e));
            }
        });
    }

    private void failed(RuntimeException e) {
        status.set("Not saved, nothing changed: " + e.getMessage());
        queued.clear();
        done();
    }

    private void done() {
        busy.set(false);
        Runnable next = queued.poll();
        if (next != null) {
            next.run();
        }
    }

    private void enqueue(Runnable action) {
        if (busy.get()) {
            queued.add(action);
        } else {
            action.run();
        }
    }

    private void pushRecent(Decision decision) {
        undoable.push(decision);
        while (undoable.size() > 100) {
            undoable.removeLast();
        }
        String reasons = decision.reasons().isEmpty() ? "" : " · " + String.join(", ",
                decision.reasons().stream().sorted().toList());
        recent.removeIf(row -> row.assetId() == decision.assetId());
        recent.addFirst(new DecisionRow(decision.id(), decision.assetId(), decision.state().label() + reasons + " · "
                + decision.fileName()));
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
    }

    private void update(long assetId, Decision decision) {
        int at = indexOf(assetId);
        if (at >= 0) {
            ReviewItem updated = items.get(at).decided(decision.state(), decision.rating(), decision.reasons());
            items.set(at, updated);
            if (at == index.get()) {
                current.set(updated);
                loadDetails(updated);
            }
        }
        updateCounts();
    }

    // ----- keys: moving -----

    /** Space: skip to the next image without deciding. */
    public void skip() {
        next();
    }

    /** → */
    public void next() {
        enqueue(() -> {
            justRejected = null;
            moveBy(1);
            done();
        });
    }

    /** ← */
    public void previous() {
        enqueue(() -> {
            justRejected = null;
            moveBy(-1);
            done();
        });
    }

    /** Moves by {@code delta} (in the grid: ±1 or ± a row); with {@code extend}, the selection grows to it. */
    public void move(int delta, boolean extend) {
        enqueue(() -> {
            justRejected = null;
            int from = index.get();
            moveBy(delta);
            if (extend && from >= 0) {
                selectRange(anchor == null ? items.get(from).id() : anchor, index.get());
            } else if (!extend) {
                anchor = current.get() == null ? null : current.get().id();
            }
            done();
        });
    }

    private void moveBy(int delta) {
        if (items.isEmpty()) {
            return;
        }
        int target = Math.max(0, Math.min(items.size() - 1, index.get() + delta));
        if (target == index.get() && delta > 0) {
            status.set("That was the last image" + (stateFilter.get() == null ? "" : " with this filter"));
        }
        index.set(target);
    }

    /** A click in the grid or filmstrip: shows that image; Shift extends the selection, Ctrl toggles it. */
    public void select(int at, boolean shift, boolean toggle) {
        if (at < 0 || at >= items.size()) {
            return;
        }
        long id = items.get(at).id();
        justRejected = null;
        if (shift) {
            selectRange(anchor == null ? (current.get() == null ? id : current.get().id()) : anchor, at);
        } else if (toggle) {
            if (!selection.remove(id)) {
                selection.add(id);
            }
            anchor = id;
        } else {
            selection.clear();
            anchor = id;
        }
        index.set(at);
    }

    private void selectRange(long from, int toIndex) {
        int fromIndex = indexOf(from);
        if (fromIndex < 0) {
            return;
        }
        anchor = from;
        selection.clear();
        for (int i = Math.min(fromIndex, toIndex); i <= Math.max(fromIndex, toIndex); i++) {
            selection.add(items.get(i).id());
        }
    }

    public void selectAll() {
        items.forEach(item -> selection.add(item.id()));
    }

    public void toggleGrid() {
        grid.set(!grid.get());
        zoomed.set(false);
    }

    public void toggleZoom() {
        if (!grid.get() && current.get() != null) {
            zoomed.set(!zoomed.get());
        }
    }

    public void toggleHelp() {
        help.set(!help.get());
    }

    public void hideHelp() {
        help.set(false);
    }

    // ----- helpers -----

    private int indexOf(long id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private ReviewItem itemById(long id) {
        int at = indexOf(id);
        return at < 0 ? null : items.get(at);
    }

    private void updateCounts() {
        int pending = 0;
        int accepted = 0;
        int rejected = 0;
        for (ReviewItem item : items) {
            switch (item.state()) {
                case PENDING -> pending++;
                case ACCEPTED -> accepted++;
                case REJECTED -> rejected++;
            }
        }
        counts.set(String.format(Locale.ROOT, "%,d images · %,d pending · %,d accepted · %,d rejected", items.size(),
                pending, accepted, rejected));
    }

    private static <T> void replaceIfChanged(ObservableList<T> list, List<T> contents) {
        if (!list.equals(contents)) {
            list.setAll(contents);
        }
    }

    /**
     * Moves the selected rejected images to the trash folder, after the view asked the user to confirm. Nothing is
     * deleted; the images stay in the library (and in the learning data) at their new place.
     */
    public void moveSelectedRejectsToTrash() {
        List<Long> ids = List.copyOf(selectedRejected());
        if (ids.isEmpty()) {
            status.set("Select rejected images in the grid first (Shift+click or Shift+arrows)");
            return;
        }
        background.execute(() -> {
            try {
                var outcomes = library.moveRejectedToTrash(ids, settings.trash());
                long moved = outcomes.stream().filter(o -> o.kind() == IndexOutcome.Kind.ADDED)
                        .count();
                long failed = outcomes.stream().filter(o -> o.kind() == IndexOutcome.Kind
                        .FAILED).count();
                ui.execute(() -> {
                    status.set(moved + " rejected images moved to " + settings.trash()
                            + (failed == 0 ? "" : "; " + failed + " could not be moved"));
                    selection.clear();
                    reload();
                });
            } catch (RuntimeException e) {
                ui.execute(() -> status.set("Nothing moved: " + e.getMessage()));
            }
        });
    }

    /** The selected images that are rejected (for "move rejects to trash"). */
    public Collection<Long> selectedRejected() {
        List<Long> ids = new ArrayList<>();
        Set<Long> chosen = new HashSet<>(selection);
        for (ReviewItem item : items) {
            if (chosen.contains(item.id()) && item.state() == ReviewState.REJECTED) {
                ids.add(item.id());
            }
        }
        return ids;
    }

    /** Adds a folder to the library (indexes it, then watches it); the list reloads when done. */
    public void addFolder(Path folder) {
        status.set("Indexing " + folder + " …");
        background.execute(() -> {
            try {
                var report = folders.add(folder);
                ui.execute(() -> {
                    status.set(folder + ": " + report.added() + " new images"
                            + (report.failed().isEmpty() ? "" : ", " + report.failed().size() + " could not be read ("
                            + report.failed().getFirst().file().getFileName() + ": " + report.failed().getFirst()
                            .message() + (report.failed().size() > 1 ? ", …" : "") + ")"));
                    reload();
                });
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> status.set("Cannot add " + folder + ": " + e.getMessage()));
            }
        });
    }

    /** Indexes and watches a folder; blocking. The library service in production. */
    @FunctionalInterface
    public interface FolderAdder {
        ImportReport add(Path folder) throws IOException;
    }

    /** The reason keys, in order, for the help overlay: "F face". */
    public Map<String, String> reasonKeys() {
        return settings.reasonKeys();
    }

    // ----- properties -----

    public ObservableList<ReviewItem> items() {
        return itemsView;
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ReviewItem> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ReviewDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> referenceProperty() {
        return reference.getReadOnlyProperty();
    }

    public ObservableList<DecisionRow> recentDecisions() {
        return recentView;
    }

    public ObservableSet<Long> selection() {
        return selectionView;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty gridProperty() {
        return grid.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty zoomedProperty() {
        return zoomed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty helpProperty() {
        return help.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ObservableList<String> characterChoices() {
        return characterChoices;
    }

    public ObservableList<String> checkpointChoices() {
        return checkpointChoices;
    }

    public ObjectProperty<ReviewState> stateFilterProperty() {
        return stateFilter;
    }

    public ObjectProperty<String> characterFilterProperty() {
        return characterFilter;
    }

    public ObjectProperty<String> checkpointFilterProperty() {
        return checkpointFilter;
    }

    public ObjectProperty<QualityFlag> flagFilterProperty() {
        return flagFilter;
    }

    public ObjectProperty<LocalDate> fromDateProperty() {
        return fromDate;
    }

    public BooleanProperty newestFirstProperty() {
        return newestFirst;
    }

    public ObjectProperty<Ordering> orderingProperty() {
        return ordering;
    }

    /** Re-generations substitute the recommended settings (starts as learning.regenerate.applySettings). */
    public BooleanProperty regenerateWithSettingsProperty() {
        return regenerateWithSettings;
    }

    /** Re-generations add the negative-prompt phrases (starts as learning.regenerate.applyNegatives). */
    public BooleanProperty regenerateWithNegativesProperty() {
        return regenerateWithNegatives;
    }

    /** The parent or newest re-generation of the current image, shown beside it; null when it has neither. */
    public ReadOnlyObjectProperty<Companion> companionProperty() {
        return companion.getReadOnlyProperty();
    }

    /** Whether predictions, re-generation and the Learning page are available. */
    public boolean learningAvailable() {
        return learning.learning() != null;
    }
}
