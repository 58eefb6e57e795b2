package dev.hydra.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.util.Callback;

/** Every FXML file of the application, so code never spells a resource path. */
public enum Fxml {
    MAIN_WINDOW("/fxml/shell/MainWindow.fxml");

    private final String path;

    Fxml(String path) {
        this.path = path;
    }

    public URL url() {
        URL url = Fxml.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("FXML resource missing: " + path);
        }
        return url;
    }

    /** Loads the file with controllers built by {@code controllers} (constructor injection, no field injection). */
    public <T> T load(Callback<Class<?>, Object> controllers) {
        FXMLLoader loader = new FXMLLoader(url());
        loader.setControllerFactory(controllers);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + path, e);
        }
    }
}
