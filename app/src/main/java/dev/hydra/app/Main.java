package dev.hydra.app;

import dev.hydra.app.cli.HydraCommand;
import dev.hydra.app.desktop.Desktop;
import dev.hydra.app.logging.Logging;
import java.time.Clock;
import java.util.Arrays;

/** Entry point of the launcher: no arguments opens the window; arguments run the command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        AppPaths paths = AppPaths.fromEnvironment();
        boolean verbose = Arrays.asList(args).contains("--verbose");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--verbose")).toArray(String[]::new);
        Logging.configure(paths.logDir(), verbose ? "DEBUG" : rest.length == 0 ? "WARN" : "OFF");
        AppComposition app = new AppComposition(paths, Clock.systemDefaultZone(), System.getenv());
        int code;
        try {
            // The window skips the command-line parser: building its model is time the first frame would wait for.
            code = rest.length == 0 ? Desktop.run(app) : HydraCommand.commandLine(app).execute(rest);
        } finally {
            app.close();
        }
        System.exit(code);
    }
}
