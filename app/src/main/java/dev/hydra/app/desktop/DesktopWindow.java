package dev.hydra.app.desktop;

import dev.hydra.app.AppInfo;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.shell.HydraWindow;
import dev.hydra.ui.shell.ShellViewModel;
import dev.hydra.ui.shell.UiContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The main window in its stage, on the JavaFX thread. It logs the time from launch to its first frame. */
final class DesktopWindow {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopWindow.class);

    private final Stage stage = new Stage();
    private final HydraWindow window;

    private DesktopWindow(UiContext context) {
        window = new HydraWindow(context, new FxUiExecutor());
        stage.setTitle(AppInfo.NAME);
        stage.setScene(window.scene());
        stage.setOnHidden(event -> {
            try {
                window.close();
            } catch (Exception e) {
                LOG.warn("Closing the window's subscriptions failed", e);
            }
        });
    }

    /**
     * Builds and shows the window. Call on the JavaFX thread.
     *
     * @param afterFirstFrame runs on the JavaFX thread once the first frame is laid out (work that can wait for it)
     */
    static void show(UiContext context, Consumer<DesktopWindow> afterFirstFrame) {
        DesktopWindow shown = new DesktopWindow(context);
        shown.window.scene().addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                long now = System.currentTimeMillis();
                shown.window.scene().removePostLayoutPulseListener(this);
                LOG.info("First frame {} ms after launch", now - ManagementFactory.getRuntimeMXBean().getStartTime());
                afterFirstFrame.accept(shown);
            }
        });
        shown.stage.show();
    }

    /** The window icon: decoding and scaling the PNG is work the first frame does not wait for. */
    void showIcon() {
        try (InputStream icon = DesktopWindow.class.getResourceAsStream("/assets/icons/hydra-256.png")) {
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        } catch (IOException e) {
            LOG.debug("No window icon", e);
        }
    }

    ShellViewModel shell() {
        return window.shell();
    }

    /** Closes the window; with it the JavaFX runtime ends (it was the last window). */
    void close() {
        stage.close();
    }
}
