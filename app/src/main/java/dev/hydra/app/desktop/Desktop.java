package dev.hydra.app.desktop;

import dev.hydra.app.AppComposition;
import dev.hydra.services.actions.ActionService;
import dev.hydra.services.config.LettaConfig;
import dev.hydra.services.config.LoadedConfig;
import dev.hydra.services.queue.JobService;
import dev.hydra.services.review.LibraryService;
import dev.hydra.services.store.Database;
import dev.hydra.services.store.DatabaseException;
import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Formats;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.chat.ChatSetup;
import dev.hydra.ui.common.UiExecutor;
import dev.hydra.ui.review.LearningServices;
import dev.hydra.ui.review.ReviewServices;
import dev.hydra.ui.review.ReviewSettings;
import dev.hydra.ui.shell.ShellViewModel;
import dev.hydra.ui.shell.UiContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the window. JavaFX starts on its own thread first thing ({@link FxRuntime}), and comes up while the
 * window's data is prepared: the configuration file, the preferences file. What can wait for the first frame
 * does: the window icon, the first reading of the nodes, the database (which may be a PostgreSQL server, opened in
 * the background) and what lives in it (actions and their audit log, the queue, the review library); nothing
 * touches the network before it. Problems become banners: the window always opens.
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

    /** Starts JavaFX, opens the window and returns when the window (the JavaFX runtime) has closed. */
    public static int run(AppComposition app) {
        return run(app, FxRuntime.start());
    }

    /** Opens the window on a JavaFX runtime started by {@link FxRuntime#start} and returns when it has closed. */
    public static int run(AppComposition app, CompletableFuture<Thread> toolkit) {
        String status = "Config " + app.paths().configFile() + (app.loadedConfig().fileExists() ? "" : " (absent: embedded default)")
                + "   ·   Data " + app.paths().dataDir()
                + "   ·   " + Database.describe(app.config().database(), app.paths().databaseDir())
                + "   ·   refresh every " + Formats.duration(app.config().refreshInterval());
        UiExecutor ui = new FxUiExecutor();
        CompletableFuture<UiContext.Data> data = new CompletableFuture<>();
        AtomicReference<LibraryService> library = new AtomicReference<>();
        Consumer<DesktopWindow> afterFirstFrame = exitsAfterFirstFrame(System.getenv())
                ? DesktopWindow::close
                : window -> {
                    window.showIcon();
                    app.telemetry().start();
                    openDatabase(app, window.shell(), ui, data, library);
                };
        try (FilePreferences preferences = FilePreferences.load(app.paths().preferencesFile())) {
            UiContext context = new UiContext(app.telemetry(), preferences, configProblems(app.loadedConfig()), status,
                    app.clock()).withControls(controls(app)).withChat(chatSetup(app)).withData(data);
            Thread fxThread;
            try {
                fxThread = toolkit.join();
            } catch (CompletionException e) {
                LOG.error("Cannot open the window: {}. Without a display, the command line works (hydra --help), "
                        + "and JAVA_TOOL_OPTIONS='-Dglass.platform=Headless' runs the window headless.",
                        e.getCause().getMessage());
                LOG.info("Why JavaFX did not start", e.getCause());
                return 1;
            }
            AtomicBoolean opened = new AtomicBoolean();
            ui.execute(() -> {
                try {
                    DesktopWindow.show(context, afterFirstFrame);
                    opened.set(true);
                } catch (RuntimeException e) {
                    LOG.error("The window could not be built", e);
                    Platform.exit();
                }
            });
            fxThread.join();
            LibraryService watching = library.get();
            if (watching != null) {
                watching.close();
            }
            app.close();
            return opened.get() ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * Opens (and migrates) the database in the background, then starts what lives in it: actions (they need the
     * audit log), the queue and the review library. A failure becomes a banner, and the views that need the
     * database say why they are unavailable.
     */
    static void openDatabase(AppComposition app, ShellViewModel shell, UiExecutor ui,
            CompletableFuture<UiContext.Data> data, AtomicReference<LibraryService> library) {
        Thread.ofVirtual().name("database-open").start(() -> {
            try {
                app.database();
                ActionService actions = app.actions();
                app.role("desktop");
                JobService queue = app.jobs();
                queue.start();
                LibraryService watching = library(app);
                library.set(watching);
                app.onProduced(watching::added);
                watching.start();
                data.complete(new UiContext.Data(actions, app.actor(), queue, new ReviewServices(watching,
                        app.thumbnails()::thumbnail, reviewSettings(app), learningServices(app)), ""));
            } catch (DatabaseException | RuntimeException e) {
                LOG.error("Database unavailable", e);
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                ui.execute(() -> shell.report(new Banner(Banner.Kind.WARNING, "The database is unavailable", message)));
                data.complete(UiContext.Data.unavailable(message));
            } catch (Exception e) {
                LOG.error("Starting the queue failed", e);
                data.complete(UiContext.Data.unavailable("starting the queue failed: " + e.getMessage()));
            }
        });
    }

    /** Predictions, the Learning page, comparisons and re-generation through the queue. */
    static LearningServices learningServices(AppComposition app) {
        try {
            return new LearningServices(app.learning(), app.regenerator(), app.config().learning().regenerate());
        } catch (DatabaseException e) {
            LOG.error("Database unavailable; preference learning is off", e);
            return LearningServices.NONE;
        }
    }

    /** The Chat view's server: letta in hydra.yaml, or not set up (the view then explains how). */
    static ChatSetup chatSetup(AppComposition app) {
        LettaConfig letta = app.config().letta();
        return letta == null ? ChatSetup.notConfigured()
                : new ChatSetup(letta.url(), letta.agent(), app.lettaClient(null), app.lettaToken());
    }

    /** How the window reaches the cluster: GPU power over SSH, container logs. Nothing here connects yet. */
    public static UiContext.ClusterControls controls(AppComposition app) {
        return new UiContext.ClusterControls(node -> app.cluster().gpuPower(node).isPresent(), app.cluster());
    }

    /** The asset library at work: rescans and watches the library folders, runs the quality checks. */
    static LibraryService library(AppComposition app) throws DatabaseException {
        var assets = app.assets();
        List<Path> folders = app.config().review().folders().stream().map(Path::of).toList();
        return new LibraryService(assets, folders, analysed -> {
            try {
                return app.analyzer(analysed);
            } catch (DatabaseException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Reason keys and the reference image of each character, from hydra.yaml. */
    static ReviewSettings reviewSettings(AppComposition app) {
        var review = app.config().review();
        Map<String, Path> references = new LinkedHashMap<>();
        review.characters().stream().filter(c -> c.reference() != null)
                .forEach(c -> references.put(c.name(), Path.of(c.reference())));
        return new ReviewSettings(review.reasonKeys(), references, app.paths().dataDir().resolve("trash"));
    }
}
