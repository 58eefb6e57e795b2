package dev.hydra.app;

import dev.hydra.app.cli.HydraCommand;
import dev.hydra.app.desktop.Desktop;
import dev.hydra.app.desktop.FxRuntime;
import dev.hydra.app.logging.Logging;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** Entry point of the launcher: no arguments opens the window; arguments run the command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Image decoding in services.imaging uses ImageIO; it must never open an AWT display next to JavaFX.
        System.setProperty("java.awt.headless", "true");
        AppPaths paths = AppPaths.fromEnvironment();
        // "hydra chat --verbose" shows the agent's reasoning; everywhere else --verbose shows the logs on stderr.
        boolean chat = args.length > 0 && args[0].equals("chat");
        boolean verbose = !chat && Arrays.asList(args).contains("--verbose");
        String[] rest = chat ? args : Arrays.stream(args).filter(a -> !a.equals("--verbose")).toArray(String[]::new);
        boolean window = rest.length == 0;
        Logging.prepare(paths.logDir(), verbose ? "DEBUG" : window ? "WARN" : rest[0].equals("serve") ? "INFO" : "OFF");
        // The window: JavaFX comes up on its own thread while logging, hydra.yaml and the collectors are prepared.
        CompletableFuture<Thread> toolkit = window ? FxRuntime.start() : null;
        Logging.bridge();
        AppComposition app = new AppComposition(paths, Clock.systemDefaultZone(), System.getenv());
        int code;
        try {
            // The window skips the command-line parser: building its model is time the first frame would wait for.
            code = window ? Desktop.run(app, toolkit) : HydraCommand.commandLine(app).execute(rest);
        } finally {
            app.close();
        }
        System.exit(code);
    }
}
