package dev.hydra.app;

import dev.hydra.app.cli.HydraCommand;
import dev.hydra.app.logging.Logging;
import java.time.Clock;
import java.util.Arrays;

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
        Logging.configure(paths.logDir(), verbose ? "DEBUG" : rest.length == 0 ? "WARN"
                : rest[0].equals("serve") ? "INFO" : "OFF");
        AppComposition app = new AppComposition(paths, Clock.systemDefaultZone(), System.getenv());
        int code;
        try {
            code = HydraCommand.commandLine(app).execute(rest);
        } finally {
            app.close();
        }
        System.exit(code);
    }
}
