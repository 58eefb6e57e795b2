package dev.hydra.ui.review;

import dev.hydra.services.learning.AssetFactors;
import dev.hydra.services.learning.Comparison;
import dev.hydra.services.learning.Factors;
import dev.hydra.services.learning.PreferenceLearning;
import dev.hydra.services.review.Asset;
import dev.hydra.services.review.AssetLibrary;
import dev.hydra.services.review.AssetQuery;
import dev.hydra.services.review.AssetSummary;
import dev.hydra.services.review.ReviewState;
import dev.hydra.ui.common.UiExecutor;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Side-by-side comparison (Shift+C): two images of one prompt and character, ← or → picks the better one. Each
 * choice is committed, then learned (the model learns from the pair) and offered to the pairs export. Pairs the
 * user has not compared yet come first, images of the same state before mixed ones (an accept against a reject is
 * already known). Only javafx.base.
 */
public final class ComparisonViewModel {

    /** At most this many pairs are lined up per session. */
    static final int MAX_PAIRS = 500;

    private final AssetLibrary library;
    private final PreferenceLearning learning;
    private final Executor background;
    private final UiExecutor ui;
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyObjectWrapper<Side> left = new ReadOnlyObjectWrapper<>(this, "left");
    private final ReadOnlyObjectWrapper<Side> right = new ReadOnlyObjectWrapper<>(this, "right");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final Deque<Side[]> pairs = new ArrayDeque<>();
    private boolean saving;

    /** One image of the pair. */
    public record Side(long id, Path path, String caption) {
    }

    public ComparisonViewModel(AssetLibrary library, PreferenceLearning learning, Executor background,
            UiExecutor ui) {
        this.library = library;
        this.learning = learning;
        this.background = background;
        this.ui = ui;
    }

    /** Opens the comparison with the pairs lined up in the background. */
    public void start() {
        active.set(true);
        left.set(null);
        right.set(null);
        if (learning == null) {
            status.set("Comparisons need the database, which could not be opened");
            return;
        }
        status.set("Finding images of the same prompt …");
        background.execute(() -> {
            try {
                List<Side[]> found = findPairs();
                ui.execute(() -> {
                    pairs.clear();
                    pairs.addAll(found);
                    showNext();
                });
            } catch (RuntimeException e) {
                ui.execute(() -> status.set("Cannot find pairs: " + e.getMessage()));
            }
        });
    }

    private List<Side[]> findPairs() {
        List<AssetSummary> all = library.list(AssetQuery.ALL);
        Map<Long, AssetSummary> byId = new LinkedHashMap<>();
        all.forEach(s -> byId.put(s.id(), s));
        Map<List<String>, List<Asset>> groups = new LinkedHashMap<>();
        for (Asset asset : library.metadataOf(byId.keySet())) {
            AssetFactors factors = Factors.of(asset);
            if (factors.positive() != null && !factors.positive().isBlank()) {
                groups.computeIfAbsent(Arrays.asList(factors.positive().strip(),
                        Objects.toString(asset.character(), "")), k -> new ArrayList<>()).add(asset);
            }
        }
        Set<List<Long>> compared = new HashSet<>();
        for (Comparison c : learning.comparisons()) {
            compared.add(List.of(Math.min(c.betterId(), c.worseId()), Math.max(c.betterId(), c.worseId())));
        }
        List<Side[]> found = new ArrayList<>();
        for (List<Asset> group : groups.values()) {
            for (int i = 0; i + 1 < group.size(); i++) {
                Asset a = group.get(i);
                Asset b = group.get(i + 1);
                if (!compared.contains(List.of(Math.min(a.id(), b.id()), Math.max(a.id(), b.id())))) {
                    found.add(new Side[] {side(a), side(b)});
                }
            }
        }
        found.sort(Comparator.comparing((Side[] pair) -> !sameState(byId, pair)));
        return found.size() > MAX_PAIRS ? found.subList(0, MAX_PAIRS) : found;
    }

    private static boolean sameState(Map<Long, AssetSummary> byId, Side[] pair) {
        ReviewState a = byId.get(pair[0].id()).state();
        ReviewState b = byId.get(pair[1].id()).state();
        return a == b;
    }

    private static Side side(Asset asset) {
        return new Side(asset.id(), asset.path(), asset.path().getFileName() + " · " + asset.state().label()
                + (asset.character() == null ? "" : " · " + asset.character()));
    }

    private void showNext() {
        Side[] next = pairs.poll();
        left.set(next == null ? null : next[0]);
        right.set(next == null ? null : next[1]);
        if (next == null) {
            status.set("No more pairs: every prompt with two or more images has been compared (Esc to leave)");
        } else {
            status.set("← picks the left · → the right · Space skips · Esc leaves · " + (pairs.size() + 1)
                    + " pairs to go");
        }
    }

    /** ← */
    public void chooseLeft() {
        choose(true);
    }

    /** → */
    public void chooseRight() {
        choose(false);
    }

    private void choose(boolean leftIsBetter) {
        Side a = left.get();
        Side b = right.get();
        if (a == null || b == null || saving) {
            return;
        }
        Side better = leftIsBetter ? a : b;
        Side worse = leftIsBetter ? b : a;
        saving = true;
        background.execute(() -> {
            try {
                learning.compare(better.id(), worse.id());
                ui.execute(() -> {
                    saving = false;
                    showNext();
                    status.set("Preferred " + better.path().getFileName() + " · " + status.get());
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    saving = false;
                    status.set("Not saved: " + e.getMessage());
                });
            }
        });
    }

    /** Space: neither (no evidence recorded). */
    public void skip() {
        if (!saving) {
            showNext();
        }
    }

    /** Esc */
    public void stop() {
        active.set(false);
        pairs.clear();
        left.set(null);
        right.set(null);
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Side> leftProperty() {
        return left.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Side> rightProperty() {
        return right.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
