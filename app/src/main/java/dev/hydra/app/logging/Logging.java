package dev.hydra.app.logging;

import java.nio.file.Path;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Logging setup, done once before the first logger is created: a rolling file in the data directory, and
 * stderr only for the level asked for (the command line keeps stdout clean for its output). In two steps, so the
 * window can start JavaFX in between: {@link #prepare} (instant) makes any logger created from then on write to
 * the right place; {@link #bridge} reads the configuration and routes java.util.logging to it.
 */
public final class Logging {

    private Logging() {
    }

    public static void prepare(Path logDir, String consoleLevel) {
        System.setProperty("hydra.logDir", logDir.toString());
        System.setProperty("hydra.consoleLevel", consoleLevel);
    }

    public static void bridge() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
