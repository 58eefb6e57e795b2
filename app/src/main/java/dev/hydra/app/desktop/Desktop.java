package dev.hydra.app.desktop;

import dev.hydra.app.AppComposition;
import dev.hydra.services.config.LoadedConfig;
import dev.hydra.services.store.Database;
import dev.hydra.services.store.DatabaseException;
import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Formats;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.common.UiExecutor;
import dev.hydra.ui.shell.ShellViewModel;
import dev.hydra.ui.shell.UiContext;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the window. Before the first frame only local, cheap things happen: the configuration file, the
 * preferences file, this machine's collectors. The database (which may be a PostgreSQL server) is opened after
 * the first frame, in the background; nothing touches the network before it. Problems become banners: the window
 * always opens.
 */
public final class Desktop {

    /** Set to 1, the window closes itself right after its first frame (smoke tests, benchmarks, AOT training). */
    public static final String EXIT_AFTER_FIRST_FRAME = "HYDRA_EXIT_AFTER_FIRST_FRAME";

    private static final Logger LOG = LoggerFactory.getLogger(Desktop.class);

    private Desktop() {
    }

    /** A broken hydra.yaml becomes a banner naming the file, line, column and fix; the window still opens. */
    static List<Banner> configProblems(LoadedConfig config) {
        return config.problem().map(problem -> List.of(new Banner(Banner.Kind.DANGER,
                "hydra.yaml has a problem, so the embedded default is in use",
                problem.describe() + (problem.fix() == null ? "" : "\nFix: " + problem.fix())))).orElse(List.of());
    }

    static boolean exitsAfterFirstFrame(Map<String, String> environment) {
        return "1".equals(environment.get(EXIT_AFTER_FIRST_FRAME));
    }

    public static int run(AppComposition app) {
        String status = "Config " + app.paths().configFile() + (app.loadedConfig().fileExists() ? "" : " (absent: embedded default)")
                + "   ·   Data " + app.paths().dataDir()
                + "   ·   " + Database.describe(app.config().database(), app.paths().databaseDir())
                + "   ·   refresh every " + Formats.duration(app.config().refreshInterval());
        Consumer<ShellViewModel> afterFirstFrame = exitsAfterFirstFrame(System.getenv())
                ? shell -> Platform.exit()
                : shell -> openDatabase(app, shell, new FxUiExecutor());
        try (FilePreferences preferences = FilePreferences.load(app.paths().preferencesFile())) {
            HydraFxApp.prepare(new UiContext(app.telemetry(), preferences, configProblems(app.loadedConfig()), status,
                    app.clock()), afterFirstFrame);
            app.telemetry().start();
            Application.launch(HydraFxApp.class);
        }
        app.close();
        return 0;
    }

    /** Opens (and migrates) the database in the background; a failure becomes a banner. */
    static void openDatabase(AppComposition app, ShellViewModel shell, UiExecutor ui) {
        Thread.ofVirtual().name("database-open").start(() -> {
            try {
                app.database();
            } catch (DatabaseException e) {
                LOG.error("Database unavailable", e);
                ui.execute(() -> shell.report(new Banner(Banner.Kind.WARNING, "The database is unavailable",
                        e.getMessage())));
            }
        });
    }
}
