package dev.hydra.app.desktop;

import dev.hydra.app.AppComposition;
import dev.hydra.services.config.LettaConfig;
import dev.hydra.services.actions.ActionService;
import dev.hydra.services.config.LoadedConfig;
import dev.hydra.services.store.DatabaseException;
import dev.hydra.services.store.SettingsStore;
import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Formats;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.chat.ChatSetup;
import dev.hydra.ui.review.LearningServices;
import dev.hydra.ui.review.ReviewServices;
import dev.hydra.ui.review.ReviewSettings;
import dev.hydra.services.review.LibraryService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.hydra.ui.shell.UiContext;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the window. Everything the window needs is prepared before the toolkit starts (configuration, database,
 * preferences), so the first frame never waits on a file or the network. Problems become banners: the window
 * always opens.
 */
public final class Desktop {

    private static final Logger LOG = LoggerFactory.getLogger(Desktop.class);

    private Desktop() {
    }

    /** A broken hydra.yaml becomes a banner naming the file, line, column and fix; the window still opens. */
    static List<Banner> configProblems(LoadedConfig config) {
        return config.problem().map(problem -> List.of(new Banner(Banner.Kind.DANGER,
                "hydra.yaml has a problem, so the embedded default is in use",
                problem.describe() + (problem.fix() == null ? "" : "\nFix: " + problem.fix())))).orElse(List.of());
    }

    /** The Chat view's server: letta in hydra.yaml, or not set up (the view then explains how). */
    static ChatSetup chatSetup(AppComposition app) {
        LettaConfig letta = app.config().letta();
        return letta == null ? ChatSetup.notConfigured()
                : new ChatSetup(letta.url(), letta.agent(), app.lettaClient(null), app.lettaToken());
    }

    /** Actions need the audit log: without a database they are unavailable, and the views say why. */
    public static UiContext.ClusterControls controls(AppComposition app) {
        ActionService actions = null;
        String unavailable = "";
        try {
            actions = app.actions();
        } catch (DatabaseException e) {
            unavailable = "the database (which holds the audit log) is unavailable: " + e.getMessage();
        }
        return new UiContext.ClusterControls(actions, unavailable, app.actor(),
                node -> app.cluster().gpuPower(node).isPresent(), app.cluster());
    }

    /** The asset library at work: rescans and watches the library folders, runs the quality checks. */
    static LibraryService library(AppComposition app) {
        try {
            var assets = app.assets();
            List<Path> folders = app.config().review().folders().stream().map(Path::of).toList();
            return new LibraryService(assets, folders, analysed -> {
                try {
                    return app.analyzer(analysed);
                } catch (DatabaseException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (DatabaseException e) {
            LOG.error("Database unavailable; the review screen is off", e);
            return null;
        }
    }

    /** Reason keys and the reference image of each character, from hydra.yaml. */
    static ReviewSettings reviewSettings(AppComposition app) {
        var review = app.config().review();
        Map<String, Path> references = new LinkedHashMap<>();
        review.characters().stream().filter(c -> c.reference() != null)
                .forEach(c -> references.put(c.name(), Path.of(c.reference())));
        return new ReviewSettings(review.reasonKeys(), references, app.paths().dataDir().resolve("trash"));
    }

    /** Predictions, the Learning page and comparisons need the database; re-generation also needs the queue. */
    static LearningServices learningServices(AppComposition app, boolean queue) {
        try {
            return new LearningServices(app.learning(), queue ? app.regenerator() : null,
                    app.config().learning().regenerate());
        } catch (DatabaseException e) {
            LOG.error("Database unavailable; preference learning is off", e);
            return LearningServices.NONE;
        }
    }

    public static int run(AppComposition app) {
        List<Banner> problems = new ArrayList<>(configProblems(app.loadedConfig()));
        Preferences preferences;
        String database;
        dev.hydra.services.queue.JobService queue = null;
        try {
            preferences = new StoredPreferences(new SettingsStore(app.database().jdbi(), app.clock()));
            database = app.database().description();
            app.role("desktop");
            queue = app.jobs();
        } catch (DatabaseException e) {
            LOG.error("Database unavailable; preferences will not be saved", e);
            problems.add(new Banner(Banner.Kind.WARNING, "The database is unavailable: preferences will not be saved",
                    e.getMessage()));
            preferences = Preferences.inMemory();
            database = "no database";
        }
        String status = "Config " + app.paths().configFile() + (app.loadedConfig().fileExists() ? "" : " (absent: embedded default)")
                + "   ·   Data " + app.paths().dataDir() + "   ·   " + database
                + "   ·   refresh every " + Formats.duration(app.config().refreshInterval());
        LibraryService library = library(app);
        if (library != null) {
            app.onProduced(library::added);
        }
        ReviewServices review = library == null ? null : new ReviewServices(library, app.thumbnails()::thumbnail,
                reviewSettings(app), learningServices(app, queue != null));
        HydraFxApp.prepare(new UiContext(app.telemetry(), preferences, problems, status, app.clock(), controls(app),
                chatSetup(app), queue, review));
        app.telemetry().start();
        if (queue != null) {
            queue.start();
        }
        if (library != null) {
            library.start();
        }
        Application.launch(HydraFxApp.class);
        if (library != null) {
            library.close();
        }
        if (preferences instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing preferences failed", e);
            }
        }
        app.close();
        return 0;
    }
}
