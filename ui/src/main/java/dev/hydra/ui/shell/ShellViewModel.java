package dev.hydra.ui.shell;

import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.theme.ThemeMode;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The main window's state: which view shows, the theme, the palette, and banners about problems to fix. */
public final class ShellViewModel {

    static final String THEME_KEY = "ui.theme";
    static final String VIEW_KEY = "ui.lastView";

    private final Preferences preferences;
    private final ReadOnlyObjectWrapper<ViewId> selectedView = new ReadOnlyObjectWrapper<>(this, "selectedView");
    private final ObjectProperty<ThemeMode> themeMode = new SimpleObjectProperty<>(this, "themeMode");
    private final ObservableList<Banner> banners = FXCollections.observableArrayList();
    private final CommandPaletteViewModel palette = new CommandPaletteViewModel();

    public ShellViewModel(Preferences preferences, List<Banner> startupProblems) {
        this.preferences = preferences;
        themeMode.set(preferences.get(THEME_KEY).map(name -> parse(ThemeMode.class, name)).orElse(ThemeMode.SYSTEM));
        selectedView.set(preferences.get(VIEW_KEY).map(name -> parse(ViewId.class, name)).orElse(ViewId.CLUSTER));
        themeMode.addListener((obs, old, now) -> preferences.put(THEME_KEY, now.name()));
        banners.setAll(startupProblems);
        for (ViewId view : ViewId.values()) {
            palette.register(new PaletteCommand("Go to " + view.title(), "View",
                    "Ctrl+" + (view.ordinal() + 1), () -> show(view)));
        }
        for (ThemeMode mode : ThemeMode.values()) {
            palette.register(new PaletteCommand("Theme: " + mode.label(), "Appearance", "", () -> themeMode.set(mode)));
        }
    }

    public void show(ViewId view) {
        selectedView.set(view);
        preferences.put(VIEW_KEY, view.name());
    }

    /** Makes an action reachable from the palette. */
    public void registerCommand(PaletteCommand command) {
        palette.register(command);
    }

    /** A problem found after the window opened (the database, opened after the first frame). */
    public void report(Banner banner) {
        banners.add(banner);
    }

    public void dismiss(Banner banner) {
        banners.remove(banner);
    }

    public ReadOnlyObjectProperty<ViewId> selectedViewProperty() {
        return selectedView.getReadOnlyProperty();
    }

    public ObjectProperty<ThemeMode> themeModeProperty() {
        return themeMode;
    }

    public ObservableList<Banner> banners() {
        return banners;
    }

    public CommandPaletteViewModel palette() {
        return palette;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
