package dev.hydra.ui.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.apache.commons.text.similarity.FuzzyScore;

/**
 * The command palette (Ctrl+K, or ":"): type a few letters of any view or action, in order but not necessarily
 * adjacent ("gpu", "thdk" for "Theme: Dark"); the best matches come first.
 */
public final class CommandPaletteViewModel {

    private static final FuzzyScore SCORE = new FuzzyScore(Locale.ROOT);

    private final List<PaletteCommand> commands = new ArrayList<>();
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<PaletteCommand> results = FXCollections.observableArrayList();
    private final ObservableList<PaletteCommand> readOnlyResults = FXCollections.unmodifiableObservableList(results);
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(this, "selectedIndex", -1);
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open", false);

    public CommandPaletteViewModel() {
        query.addListener((obs, old, now) -> filter());
    }

    public void register(PaletteCommand command) {
        commands.add(command);
        filter();
    }

    public void open() {
        query.set("");
        filter();
        open.set(true);
    }

    public void close() {
        open.set(false);
    }

    public void moveSelection(int delta) {
        if (!results.isEmpty()) {
            selectedIndex.set(Math.floorMod(selectedIndex.get() + delta, results.size()));
        }
    }

    /** Runs the selected command (if any) and closes the palette. */
    public void runSelected() {
        int index = selectedIndex.get();
        close();
        if (index >= 0 && index < results.size()) {
            results.get(index).action().run();
        }
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<PaletteCommand> results() {
        return readOnlyResults;
    }

    public IntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    private void filter() {
        String text = query.get() == null ? "" : query.get().strip().toLowerCase(Locale.ROOT).replace(" ", "");
        List<PaletteCommand> matches = commands.stream()
                .filter(command -> isSubsequence(text, command.searchText().toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparingInt((PaletteCommand c) -> -score(c, text)))
                .toList();
        results.setAll(matches);
        selectedIndex.set(matches.isEmpty() ? -1 : 0);
    }

    /** Matches on the title first: "gpu" should find "Go to GPUs" before an action merely grouped under it. */
    private static int score(PaletteCommand command, String text) {
        return text.isEmpty() ? 0
                : Math.max(2 * SCORE.fuzzyScore(command.title(), text), SCORE.fuzzyScore(command.searchText(), text));
    }

    private static boolean isSubsequence(String needle, String haystack) {
        int at = 0;
        for (int i = 0; i < haystack.length() && at < needle.length(); i++) {
            if (haystack.charAt(i) == needle.charAt(at)) {
                at++;
            }
        }
        return at == needle.length();
    }
}
