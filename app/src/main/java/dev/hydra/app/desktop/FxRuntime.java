package dev.hydra.app.desktop;

import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;

/**
 * Starts the JavaFX runtime on a thread of its own, first thing, so the toolkit comes up while the app prepares
 * the window's data. No logger in this class: loading it must not wait for the logging set-up.
 */
public final class FxRuntime {

    private FxRuntime() {
    }

    /**
     * Returns at once. The future gives the JavaFX application thread (it ends when the runtime exits), or why the
     * runtime could not start (no display, for one).
     */
    public static CompletableFuture<Thread> start() {
        CompletableFuture<Thread> fxThread = new CompletableFuture<>();
        Thread.ofPlatform().name("javafx-startup").start(() -> {
            try {
                Platform.startup(() -> fxThread.complete(Thread.currentThread()));
            } catch (RuntimeException | Error e) {
                fxThread.completeExceptionally(e);
            }
        });
        return fxThread;
    }
}
