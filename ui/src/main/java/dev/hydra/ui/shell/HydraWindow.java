package dev.hydra.ui.shell;

import dev.hydra.services.actions.ActionService;
import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.queue.JobQueue;
import dev.hydra.services.queue.JobState;
import dev.hydra.ui.audit.AuditLogView;
import dev.hydra.ui.audit.AuditLogViewModel;
import dev.hydra.ui.chat.ChatView;
import dev.hydra.ui.chat.ChatViewModel;
import dev.hydra.ui.cluster.ClusterView;
import dev.hydra.ui.cluster.ClusterViewModel;
import dev.hydra.ui.cluster.ContainerLogViewModel;
import dev.hydra.ui.common.ActionPrompts;
import dev.hydra.ui.common.DeferredView;
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
import dev.hydra.ui.theme.ThemeService;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    /** The newest cluster snapshot; read and written on the UI thread only. */
    private ClusterSnapshot latestSnapshot;

    public HydraWindow(UiContext context, UiExecutor ui) {
        shell = new ShellViewModel(context.preferences(), context.startupProblems());
        UiContext.ClusterControls controls = context.controls();
        String opening = "the database is still opening";
        AtomicReference<ActionService> actions = new AtomicReference<>();
        AuditLogViewModel audit = new AuditLogViewModel(null, opening, ui, background, context.clock().getZone());
        Runnable afterAction = () -> {
            context.cluster().refreshNow();
            audit.refresh();
        };
        ActionPrompts clusterPrompts = new ActionPrompts(null, opening, "", ui, background, afterAction);
        ActionPrompts gpuPrompts = new ActionPrompts(null, opening, "", ui, background, afterAction);
        ClusterViewModel cluster = new ClusterViewModel(context.cluster().refreshInterval(), context.clock(),
                clusterPrompts, name -> actions.get() != null && actions.get().isProtected(name),
                new ContainerLogViewModel(controls.logs(), ui, background));
        GpusViewModel gpus = new GpusViewModel(context.preferences(), gpuPrompts, controls.powerControllable());
        // Only the view on screen takes each snapshot; the other catches up with the latest one when it is shown.
        LatestValue<ClusterSnapshot> snapshots = new LatestValue<>(ui, snapshot -> {
            latestSnapshot = snapshot;
            applyToShownView(cluster, gpus);
        });
        shell.selectedViewProperty().subscribe(view -> applyToShownView(cluster, gpus));
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

        DeferredView queuePane = new DeferredView("Opening the database…");
        DeferredView reviewPane = new DeferredView("Opening the database…");
        Map<ViewId, Supplier<Node>> views = new EnumMap<>(ViewId.class);
        views.put(ViewId.CLUSTER, () -> new ClusterView(cluster));
        views.put(ViewId.GPUS, () -> new GpusView(gpus));
        views.put(ViewId.QUEUE, () -> queuePane);
        views.put(ViewId.REVIEW, () -> reviewPane);
        views.put(ViewId.CHAT, () -> new ChatView(chat));
        views.put(ViewId.AUDIT, () -> new AuditLogView(audit));

        context.data().whenCompleteAsync((ready, failure) -> {
            UiContext.Data data = failure == null ? ready
                    : UiContext.Data.unavailable("the database could not be opened: " + rootMessage(failure));
            actions.set(data.actions());
            String why = data.actions() == null ? data.unavailable() : "";
            clusterPrompts.bind(data.actions(), data.actor(), why);
            gpuPrompts.bind(data.actions(), data.actor(), why);
            audit.bind(data.actions(), why);
            queuePane.show(data.queue() == null ? QueueView.unavailable() : queue(data.queue(), context, ui));
            reviewPane.show(data.review() == null ? ReviewView.unavailable("The review screen needs the database, "
                    + "which is unavailable: " + data.unavailable() + ". Decisions are never kept anywhere else.")
                    : review(data.review(), ui));
        }, ui);

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

    private void applyToShownView(ClusterViewModel cluster, GpusViewModel gpus) {
        if (latestSnapshot == null) {
            return;
        }
        switch (shell.selectedViewProperty().get()) {
            case CLUSTER -> cluster.apply(latestSnapshot);
            case GPUS -> gpus.apply(latestSnapshot);
            default -> { }
        }
    }

    private Node queue(JobQueue jobs, UiContext context, UiExecutor ui) {
        QueueViewModel queue = new QueueViewModel(jobs, ui, background, context.clock());
        shell.registerCommand(new PaletteCommand("Pause or resume the queue", "Queue", "", queue::togglePaused));
        shell.registerCommand(new PaletteCommand("Show failed jobs", "Queue", "", () -> {
            queue.stateFilterProperty().set(JobState.FAILED);
            shell.show(ViewId.QUEUE);
        }));
        shell.registerCommand(new PaletteCommand("Show jobs waiting for resources", "Queue", "", () -> {
            queue.stateFilterProperty().set(JobState.WAITING_FOR_RESOURCES);
            shell.show(ViewId.QUEUE);
        }));
        return new QueueView(queue);
    }

    private Node review(ReviewServices services, UiExecutor ui) {
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
        return new ReviewView(review, learning, comparison, services.thumbnails(), ui);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
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
