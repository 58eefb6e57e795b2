package dev.hydra.app.desktop;

import dev.hydra.app.AppInfo;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.shell.HydraWindow;
import dev.hydra.ui.shell.ShellViewModel;
import dev.hydra.ui.shell.UiContext;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application. It only shows the window; everything else is prepared by {@link Desktop}. */
public final class HydraFxApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(HydraFxApp.class);
    private static volatile UiContext context;
    private static volatile Consumer<ShellViewModel> afterFirstFrame;
    private HydraWindow window;

    /** @param firstFrameDone runs on the FX thread once the first frame is laid out (work that may wait for it) */
    static void prepare(UiContext uiContext, Consumer<ShellViewModel> firstFrameDone) {
        context = uiContext;
        afterFirstFrame = firstFrameDone;
    }

    @Override
    public void start(Stage stage) {
        window = new HydraWindow(context, new FxUiExecutor());
        stage.setTitle(AppInfo.NAME);
        try (InputStream icon = HydraFxApp.class.getResourceAsStream("/assets/icons/hydra-256.png")) {
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        } catch (java.io.IOException e) {
            LOG.debug("No window icon", e);
        }
        stage.setScene(window.scene());
        window.scene().addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                long now = System.currentTimeMillis();
                window.scene().removePostLayoutPulseListener(this);
                LOG.info("First frame {} ms after launch", now - ManagementFactory.getRuntimeMXBean().getStartTime());
                afterFirstFrame.accept(window.shell());
            }
        });
        stage.show();
    }

    @Override
    public void stop() throws Exception {
        if (window != null) {
            window.close();
        }
    }
}
