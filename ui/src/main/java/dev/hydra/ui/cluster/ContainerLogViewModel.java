package dev.hydra.ui.cluster;

import dev.hydra.services.containers.ContainerLogSource;
import dev.hydra.services.containers.LogLine;
import dev.hydra.ui.common.LatestValue;
import dev.hydra.ui.common.UiExecutor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The followed log of one container: the last lines, then new ones as they come. Lines arriving in bursts reach the
 * UI thread at most once per pulse; only the newest {@value #MAX_LINES} are kept.
 */
public final class ContainerLogViewModel {

    static final int MAX_LINES = 2000;
    static final int TAIL = 200;

    private final ContainerLogSource source;
    private final Executor background;
    private final ConcurrentLinkedQueue<LogLine> arriving = new ConcurrentLinkedQueue<>();
    private final LatestValue<Object> flush;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final ObservableList<LogLine> readOnlyLines = FXCollections.unmodifiableObservableList(lines);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open");
    private AutoCloseable stream;
    private int generation;

    public ContainerLogViewModel(ContainerLogSource source, UiExecutor ui, Executor background) {
        this.source = source;
        this.background = background;
        this.flush = new LatestValue<>(ui, signal -> drain());
    }

    /** Starts following the row's container's log (closing any other). */
    public void show(ContainerRow row) {
        close();
        int current = ++generation;
        open.set(true);
        title.set("Log of " + row.name() + " on " + row.node() + " (last " + TAIL + " lines, following)");
        background.execute(() -> {
            try {
                AutoCloseable opened = source.follow(row.node(), row.id(), TAIL, line -> {
                    arriving.add(line);
                    flush.offer(Boolean.TRUE);
                });
                synchronized (this) {
                    if (current == generation) {
                        stream = opened;
                        return;
                    }
                }
                closeQuietly(opened);
            } catch (IOException e) {
                arriving.add(new LogLine("Cannot read the log: " + e.getMessage(), true));
                flush.offer(Boolean.TRUE);
            }
        });
    }

    public void close() {
        synchronized (this) {
            generation++;
            closeQuietly(stream);
            stream = null;
        }
        arriving.clear();
        lines.clear();
        open.set(false);
    }

    private void drain() {
        List<LogLine> batch = new ArrayList<>();
        for (LogLine line; (line = arriving.poll()) != null; ) {
            batch.add(line);
        }
        if (!open.get() || batch.isEmpty()) {
            return;
        }
        lines.addAll(batch);
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // the stream is gone either way
        }
    }

    public ObservableList<LogLine> lines() {
        return readOnlyLines;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }
}
