package dev.hydra.ui.common;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands a stream of values from background threads to the UI thread, keeping only the newest: however fast values
 * arrive, at most one hop to the UI thread is pending, and it applies the latest value. Bursts (telemetry, tokens)
 * thus cost one UI update per pulse, not one per value.
 */
public final class LatestValue<T> {

    private final AtomicReference<T> pending = new AtomicReference<>();
    private final UiExecutor ui;
    private final Consumer<T> apply;

    public LatestValue(UiExecutor ui, Consumer<T> apply) {
        this.ui = ui;
        this.apply = apply;
    }

    public void offer(T value) {
        if (pending.getAndSet(value) == null) {
            ui.execute(() -> {
                T latest = pending.getAndSet(null);
                if (latest != null) {
                    apply.accept(latest);
                }
            });
        }
    }
}
