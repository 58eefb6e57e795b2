package dev.hydra.ui.shell;

import dev.hydra.services.actions.ActionService;
import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.ui.audit.AuditLogView;
import dev.hydra.ui.audit.AuditLogViewModel;
import dev.hydra.ui.chat.ChatView;
import dev.hydra.ui.chat.ChatViewModel;
import dev.hydra.ui.cluster.ClusterView;
import dev.hydra.ui.cluster.ClusterViewModel;
import dev.hydra.ui.cluster.ContainerLogViewModel;
import dev.hydra.ui.common.ActionPrompts;
import dev.hydra.ui.common.Fxml;
import dev.hydra.ui.common.LatestValue;
import dev.hydra.ui.common.UiExecutor;
import dev.hydra.ui.gpus.GpusView;
import dev.hydra.ui.gpus.GpusViewModel;
import dev.hydra.ui.keys.Shortcut;
import dev.hydra.ui.queue.QueueView;
import dev.hydra.ui.queue.QueueViewModel;
import dev.hydra.ui.review.ComparisonViewModel;
import dev.hydra.ui.review.LearningViewModel;
import dev.hydra.ui.review.ReviewServices;
import dev.hydra.ui.review.ReviewView;
import dev.hydra.ui.review.ReviewViewModel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import dev.hydra.ui.theme.ThemeService;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Builds the main window's scene: view models, views (each created when first shown), theme and keys, and the
 * flow of cluster snapshots from the background to the UI thread, at most one update per pulse.
 */
public final class HydraWindow {

    private final Scene scene;
    private final ShellViewModel shell;
    private final AutoCloseable subscription;
    private final ExecutorService background = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ui-bg-", 0).factory());
    private final ChatViewModel chat;
    private final ScheduledExecutorService ageing = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ui-ageing").daemon().factory());
    private AutoCloseable librarySubscription = () -> { };

    public HydraWindow(UiContext context, UiExecutor ui) {
        shell = new ShellViewModel(context.preferences(), context.startupProblems());
        UiContext.ClusterControls controls = context.controls();
        ActionService actions = controls.actions();
        AuditLogViewModel audit = new AuditLogViewModel(actions, controls.unavailable(), ui, background,
                context.clock().getZone());
        Runnable afterAction = () -> {
            context.cluster().refreshNow();
            audit.refresh();
        };
        ClusterViewModel cluster = new ClusterViewModel(context.cluster().refreshInterval(), context.clock(),
                new ActionPrompts(actions, controls.unavailable(), controls.actor(), ui, background, afterAction),
                name -> actions != null && actions.isProtected(name),
                new ContainerLogViewModel(controls.logs(), ui, background));
        GpusViewModel gpus = new GpusViewModel(context.preferences(), new ActionPrompts(actions,
                controls.unavailable(), controls.actor(), ui, background, afterAction), controls.powerControllable());
        LatestValue<ClusterSnapshot> snapshots = new LatestValue<>(ui, snapshot -> {
            cluster.apply(snapshot);
            gpus.apply(snapshot);
        });
        subscription = context.cluster().subscribe(snapshots::offer);
        // Cards re-age once a second even when no reading arrives (a node that stops answering turns stale). A
        // background timer rather than a Timeline: a running animation keeps the FX pulse going 60 times a second.
        ageing.scheduleAtFixedRate(() -> ui.execute(cluster::tick), 1, 1, TimeUnit.SECONDS);

        shell.registerCommand(new PaletteCommand("Refresh now", "Cluster", Shortcut.REFRESH.displayText(),
                context.cluster()::refreshNow));
        shell.registerCommand(new PaletteCommand("Switch temperature unit (°C / °F)", "GPUs", "",
                gpus::toggleTemperatureUnit));
        chat = new ChatViewModel(context.chat(), ui, background, context.clock());
        shell.registerCommand(new PaletteCommand("Stop the agent's reply", "Chat", "Esc", chat::stop));
        shell.registerCommand(new PaletteCommand("Reconnect to Letta", "Chat", "", chat::connect));

        Map<ViewId, Supplier<Node>> views = new EnumMap<>(ViewId.class);
        views.put(ViewId.CLUSTER, () -> new ClusterView(cluster));
        views.put(ViewId.GPUS, () -> new GpusView(gpus));
        if (context.queue() == null) {
            views.put(ViewId.QUEUE, QueueView::unavailable);
        } else {
            QueueViewModel queue = new QueueViewModel(context.queue(), ui, background, context.clock());
            views.put(ViewId.QUEUE, () -> new QueueView(queue));
            shell.registerCommand(new PaletteCommand("Pause or resume the queue", "Queue", "", queue::togglePaused));
            shell.registerCommand(new PaletteCommand("Show failed jobs", "Queue", "", () -> {
                queue.stateFilterProperty().set(dev.hydra.services.queue.JobState.FAILED);
                shell.show(ViewId.QUEUE);
            }));
            shell.registerCommand(new PaletteCommand("Show jobs waiting for resources", "Queue", "", () -> {
                queue.stateFilterProperty().set(dev.hydra.services.queue.JobState.WAITING_FOR_RESOURCES);
                shell.show(ViewId.QUEUE);
            }));
        }
        views.put(ViewId.REVIEW, review(context.review(), ui));
        views.put(ViewId.CHAT, () -> new ChatView(chat));
        views.put(ViewId.AUDIT, () -> new AuditLogView(audit));

        MainWindow controller = new MainWindow(shell, views, context.statusLine());
        Parent root = Fxml.MAIN_WINDOW.load(type -> {
            if (type == MainWindow.class) {
                return controller;
            }
            throw new IllegalArgumentException("No controller registered for " + type.getName());
        });
        ThemeService theme = new ThemeService(shell.themeModeProperty());
        scene = new Scene(root, 1280, 820);
        theme.style(scene);
        controller.installKeys(scene, context.cluster()::refreshNow);
    }

    private Supplier<Node> review(ReviewServices services, UiExecutor ui) {
        if (services == null) {
            return () -> ReviewView.unavailable("The review screen needs the database, which could not be opened "
                    + "(see the banner above). Decisions are never kept anywhere else.");
        }
        ReviewViewModel review = new ReviewViewModel(services.library().library(), services.learning(),
                services.library()::addFolder, services.settings(), background, ui);
        LearningViewModel learning = new LearningViewModel(services.learning().learning(), background, ui);
        ComparisonViewModel comparison = new ComparisonViewModel(services.library().library(),
                services.learning().learning(), background, ui);
        LatestValue<Object> changes = new LatestValue<>(ui, change -> review.libraryChanged());
        librarySubscription = services.library().subscribe(changes::offer);
        shell.registerCommand(new PaletteCommand("Review: show the keys", "Review", "?", () -> {
            shell.show(ViewId.REVIEW);
            review.toggleHelp();
        }));
        shell.registerCommand(new PaletteCommand("Review: grid", "Review", "G", () -> {
            shell.show(ViewId.REVIEW);
            review.toggleGrid();
        }));
        shell.registerCommand(new PaletteCommand("Review: undo the last decision", "Review", "Ctrl+Z", review::undo));
        shell.registerCommand(new PaletteCommand("Review: re-generate the rejected image", "Review", "Shift+R",
                review::regenerate));
        shell.registerCommand(new PaletteCommand("Review: learning (acceptance, model, recommendations)", "Review",
                "Shift+L", () -> {
                    shell.show(ViewId.REVIEW);
                    learning.show();
                }));
        shell.registerCommand(new PaletteCommand("Review: compare two images of one prompt", "Review", "Shift+C",
                () -> {
                    shell.show(ViewId.REVIEW);
                    comparison.start();
                }));
        return () -> new ReviewView(review, learning, comparison, services.thumbnails(), ui);
    }

    public Scene scene() {
        return scene;
    }

    public ShellViewModel shell() {
        return shell;
    }

    public ChatViewModel chat() {
        return chat;
    }

    /** Stops listening to the cluster and the library, and ends background work (a running chat stream included). */
    public void close() throws Exception {
        subscription.close();
        librarySubscription.close();
        chat.stop();
        background.shutdownNow();
        ageing.shutdownNow();
    }
}
