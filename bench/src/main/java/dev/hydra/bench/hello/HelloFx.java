package dev.hydra.bench.hello;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The baseline of {@code bench/run startup}: the smallest JavaFX app, one label in a window. It measures its first
 * frame exactly as Hydra Control does (after the first layout pulse, from the JVM's start time), writes
 * "First frame N ms after launch, at EPOCH_MS" to the file named by HELLO_FIRST_FRAME_FILE and, like Hydra with
 * HYDRA_EXIT_AFTER_FIRST_FRAME=1, exits; with HELLO_STAY=1 it stays open (for the idle memory figure).
 */
public final class HelloFx extends Application {

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(new Label("Hello")), 1280, 820);
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                long now = System.currentTimeMillis();
                scene.removePostLayoutPulseListener(this);
                report(now - ManagementFactory.getRuntimeMXBean().getStartTime(), now);
                if (!"1".equals(System.getenv("HELLO_STAY"))) {
                    Platform.exit();
                }
            }
        });
        stage.setTitle("Hello");
        stage.setScene(scene);
        stage.show();
    }

    private static void report(long firstFrameMillis, long epochMillis) {
        String file = System.getenv("HELLO_FIRST_FRAME_FILE");
        if (file != null) {
            try {
                Files.writeString(Path.of(file), "First frame " + firstFrameMillis + " ms after launch, at " + epochMillis
                        + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static void main(String[] args) {
        launch(args);
    }
}
