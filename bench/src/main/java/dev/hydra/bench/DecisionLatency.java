package dev.hydra.bench;

import dev.hydra.services.review.AssetLibrary;
import dev.hydra.services.review.ReviewState;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.review.ReviewItem;
import dev.hydra.ui.review.ReviewSettings;
import dev.hydra.ui.review.ReviewView;
import dev.hydra.ui.review.ReviewViewModel;
import dev.hydra.ui.theme.ThemeMode;
import dev.hydra.ui.theme.ThemeService;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * Key press → next image on screen, measured inside the app: the real review view in a 1000×800 window (the
 * headless platform's screen is 1000×1000) on
 * JavaFX's headless platform, a real library (H2 file). Each decision is a KEY_PRESSED event fired at the view;
 * the clock stops at the end of the first pulse (layout done, frame handed to the renderer) in which the next
 * image is shown fully decoded. Decisions come at a fast culler's pace, so the look-ahead decoding can work.
 */
final class DecisionLatency {

    static final int WIDTH = 1000;
    static final int HEIGHT = 800;

    private final AssetLibrary library;
    private final long paceMillis;

    DecisionLatency(AssetLibrary library, long paceMillis) {
        this.library = library;
        this.paceMillis = paceMillis;
    }

    double[] measure(int decisions) throws Exception {
        System.setProperty("glass.platform", "Headless");
        System.setProperty("prism.order", "sw");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        FxUiExecutor ui = new FxUiExecutor();
        ReviewViewModel vm = new ReviewViewModel(library, folder -> {
            throw new java.io.IOException("not used");
        }, new ReviewSettings(Map.of("H", "hands"), Map.of(),
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "hydra-bench-trash")), background, ui);
        CompletableFuture<ReviewView> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            ReviewView view = new ReviewView(vm, (hash, image) -> CompletableFuture.failedFuture(
                    new java.io.IOException("thumbnails are not part of this measurement")), ui);
            Scene scene = new Scene(view, WIDTH, HEIGHT);
            new ThemeService(new SimpleObjectProperty<>(ThemeMode.LIGHT)).style(scene);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            shown.complete(view);
        });
        ReviewView view = shown.get(30, TimeUnit.SECONDS);
        waitUntil(() -> vm.items().size() >= decisions + 1 && ready(view, vm.currentProperty().get()));
        Thread.sleep(paceMillis * 4);

        double[] latencies = new double[decisions];
        for (int i = 0; i < decisions; i++) {
            KeyCode key = i % 4 == 3 ? KeyCode.X : KeyCode.A;
            CompletableFuture<Double> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                ReviewItem before = vm.currentProperty().get();
                Scene scene = view.getScene();
                long start = System.nanoTime();
                Runnable[] check = new Runnable[1];
                check[0] = () -> {
                    ReviewItem now = vm.currentProperty().get();
                    if (now != null && now.id() != before.id() && ready(view, now)) {
                        scene.removePostLayoutPulseListener(check[0]);
                        done.complete((System.nanoTime() - start) / 1e6);
                    } else {
                        Platform.requestNextPulse();
                    }
                };
                scene.addPostLayoutPulseListener(check[0]);
                Event.fireEvent(view, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key,
                        false, false, false, false));
                Platform.requestNextPulse();
            });
            latencies[i] = done.get(60, TimeUnit.SECONDS);
            Thread.sleep(paceMillis);
        }
        long decided = library.stats().byState().entrySet().stream()
                .filter(e -> !e.getKey().equals(ReviewState.PENDING.label())).mapToLong(Map.Entry::getValue).sum();
        if (decided < decisions) {
            throw new IllegalStateException("only " + decided + " of " + decisions + " decisions were committed");
        }
        Platform.exit();
        background.shutdown();
        return latencies;
    }

    /** The view shows this item's image, fully decoded. */
    private static boolean ready(ReviewView view, ReviewItem item) {
        ReviewItem shown = view.displayedProperty().get();
        return item != null && shown != null && shown.id() == item.id();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            Platform.runLater(() -> answer.complete(condition.getAsBoolean()));
            if (answer.get(30, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the review view did not load in time");
    }
}
