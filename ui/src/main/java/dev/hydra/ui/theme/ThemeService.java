package dev.hydra.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Applies the AtlantaFX theme (Primer light or dark) as the user-agent stylesheet and our token and app
 * stylesheets to every window, dialogs included. In SYSTEM mode it follows the OS colour scheme as it changes.
 */
public final class ThemeService {

    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final String[] APP_STYLESHEETS = {"/css/tokens.css", "/css/app.css"};

    private final ObservableValue<ThemeMode> mode;
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark");

    public ThemeService(ObservableValue<ThemeMode> mode) {
        this.mode = mode;
        mode.addListener((obs, old, now) -> apply());
        Platform.getPreferences().colorSchemeProperty().addListener((obs, old, now) -> apply());
        Window.getWindows().addListener((javafx.collections.ListChangeListener<Window>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(window -> {
                    if (window.getScene() != null) {
                        style(window.getScene());
                    }
                    window.sceneProperty().addListener((obs, old, scene) -> {
                        if (scene != null) {
                            style(scene);
                        }
                    });
                });
            }
        });
        apply();
    }

    /** True while the dark variant is showing. */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    public void style(Scene scene) {
        for (String sheet : APP_STYLESHEETS) {
            String url = ThemeService.class.getResource(sheet).toExternalForm();
            if (!scene.getStylesheets().contains(url)) {
                scene.getStylesheets().add(url);
            }
        }
        if (scene.getRoot() != null) {
            scene.getRoot().pseudoClassStateChanged(DARK, dark.get());
        }
    }

    private void apply() {
        boolean useDark = switch (mode.getValue()) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
        dark.set(useDark);
        // The binary (pre-parsed) form of the theme: parsing the 165 KB text stylesheet delays the first frame.
        Application.setUserAgentStylesheet(useDark
                ? new PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS());
        for (Window window : Window.getWindows()) {
            if (window.getScene() != null) {
                style(window.getScene());
            }
        }
    }
}
