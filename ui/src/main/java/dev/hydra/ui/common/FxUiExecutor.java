package dev.hydra.ui.common;

import javafx.application.Platform;

/** The JavaFX application thread. The only place in the UI that calls {@link Platform#runLater}. */
public final class FxUiExecutor implements UiExecutor {

    @Override
    public void execute(Runnable command) {
        if (Platform.isFxApplicationThread()) {
            command.run();
        } else {
            Platform.runLater(command);
        }
    }
}
