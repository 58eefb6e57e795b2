package dev.hydra.ui.review;

import dev.hydra.services.learning.BetaPosterior;
import dev.hydra.services.learning.LearningReport;
import dev.hydra.services.learning.LevelStats;
import dev.hydra.services.learning.ModelQuality;
import dev.hydra.services.learning.PreferenceLearning;
import dev.hydra.services.learning.Recommendation;
import dev.hydra.ui.common.UiExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Learning page of the Review view: acceptance per factor level with 90 % intervals (overall or for one
 * character), the model's held-out quality next to the base-rate baseline, and the recommendations with their
 * evidence. Reads a fresh report in the background each time it is shown. Only javafx.base.
 */
public final class LearningViewModel {

    private final PreferenceLearning learning;
    private final Executor background;
    private final UiExecutor ui;
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(this, "visible");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper quality = new ReadOnlyStringWrapper(this, "quality", "");
    private final ObservableList<LevelRow> rows = FXCollections.observableArrayList();
    private final ObservableList<LevelRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> recommendations = FXCollections.observableArrayList();
    private final ObservableList<String> recommendationsView = FXCollections.unmodifiableObservableList(
            recommendations);
    private final ObservableList<String> characters = FXCollections.observableArrayList();
    private final ObservableList<String> charactersView = FXCollections.unmodifiableObservableList(characters);
    private final ObjectProperty<String> character = new SimpleObjectProperty<>(this, "character");
    private LearningReport report;

    /** @param learning null when the database is unavailable: the page then says so */
    public LearningViewModel(PreferenceLearning learning, Executor background, UiExecutor ui) {
        this.learning = learning;
        this.background = background;
        this.ui = ui;
        character.addListener((obs, old, now) -> applyRows());
    }

    /** Shift+L: shows the page (with fresh figures) or hides it. */
    public void toggle() {
        if (visible.get()) {
            hide();
        } else {
            show();
        }
    }

    public void show() {
        visible.set(true);
        refresh();
    }

    public void hide() {
        visible.set(false);
    }

    /** Reads the decisions again and recomputes everything (in the background). */
    public void refresh() {
        if (learning == null) {
            summary.set("Learning needs the database, which could not be opened.");
            return;
        }
        loading.set(true);
        background.execute(() -> {
            try {
                LearningReport fresh = learning.report();
                ui.execute(() -> apply(fresh));
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    loading.set(false);
                    summary.set("Cannot compute the learning figures: " + e.getMessage());
                });
            }
        });
    }

    private void apply(LearningReport fresh) {
        report = fresh;
        loading.set(false);
        BetaPosterior overall = fresh.overall();
        summary.set(String.format(Locale.ROOT, "%,d decisions · %,d comparisons · %s accepted overall · a level needs "
                        + "%d decisions to be compared (learning.minEvidence)", fresh.decisions(), fresh.comparisons(),
                percent(overall), fresh.minEvidence()));
        quality.set(qualityText(fresh.quality()));
        List<String> names = new ArrayList<>(fresh.byCharacter().keySet());
        if (!characters.equals(names)) {
            characters.setAll(names);
        }
        applyRows();
        recommendations.setAll(recommendationLines(fresh));
    }

    private void applyRows() {
        if (report == null) {
            return;
        }
        String name = character.get();
        List<LevelStats> levels = name == null ? report.levels() : report.byCharacter().getOrDefault(name, List.of());
        rows.setAll(levels.stream().map(LevelRow::of).toList());
    }

    static String qualityText(ModelQuality q) {
        if (q.auc() == null && q.logLoss() == null) {
            return "Model: " + q.note();
        }
        String auc = q.auc() == null ? "AUC — (the test part has one class only)"
                : String.format(Locale.ROOT, "AUC %.2f (0.50 is chance)", q.auc());
        return String.format(Locale.ROOT, "Model on the latest %d decisions it did not learn from: %s · log-loss %.3f "
                        + "vs %.3f for the base rate %.0f %% %s · trained on the first %d", q.tested(), auc,
                q.logLoss(), q.baselineLogLoss(), 100 * q.baselineRate(), q.beatsBaseline() ? "(better)"
                        : "(not better yet)", q.trained());
    }

    static List<String> recommendationLines(LearningReport report) {
        List<String> lines = new ArrayList<>();
        for (Recommendation r : report.recommendations()) {
            lines.add("▸ " + (r.group().equals("all") ? "All images" : capitalize(r.group())) + " · "
                    + percent(r.base()) + " accepted of " + r.base().evidence());
            if (r.settings().isEmpty()) {
                lines.add("   not enough evidence yet: a setting needs " + report.minEvidence() + " decisions");
            }
            for (Recommendation.Advice a : r.settings()) {
                lines.add(String.format(Locale.ROOT, "   use %s %s%s · predicted %.0f %% · %s of %d here, %s of %d "
                                + "overall", a.factor().kind().label(), a.factor().level(),
                        a.value() == null || a.value().equals(a.factor().level()) ? "" : " (" + a.value() + ")",
                        100 * a.predicted(), percent(a.posterior()), a.posterior().evidence(), percent(a.overall()),
                        a.overall().evidence()));
            }
            for (LevelStats avoid : r.avoid()) {
                lines.add(String.format(Locale.ROOT, "   avoid %s %s · %s of %d", avoid.factor().kind().label(),
                        avoid.factor().level(), percent(avoid.posterior()), avoid.posterior().evidence()));
            }
            for (Recommendation.NegativeAddition n : r.negatives()) {
                lines.add(String.format(Locale.ROOT, "   negative prompt + \"%s\" · %s in %d of the rejects (%.0f %%)",
                        n.phrases(), n.reason(), n.rejects(), 100 * n.share()));
            }
            for (LevelStats token : r.riskyTokens()) {
                lines.add(String.format(Locale.ROOT, "   prompt phrase \"%s\" goes with rejects · %s of %d",
                        token.factor().level(), percent(token.posterior()), token.posterior().evidence()));
            }
        }
        return lines;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** "62 % (51–72 %)" */
    static String percent(BetaPosterior p) {
        return String.format(Locale.ROOT, "%.0f %% (%.0f–%.0f %%)", 100 * p.mean(), 100 * p.lower(), 100 * p.upper());
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty qualityProperty() {
        return quality.getReadOnlyProperty();
    }

    public ObservableList<LevelRow> rows() {
        return rowsView;
    }

    public ObservableList<String> recommendations() {
        return recommendationsView;
    }

    public ObservableList<String> characterChoices() {
        return charactersView;
    }

    /** The character whose table is shown; null for all images. */
    public ObjectProperty<String> characterProperty() {
        return character;
    }
}
