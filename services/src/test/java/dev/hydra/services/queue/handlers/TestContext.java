package dev.hydra.services.queue.handlers;

import dev.hydra.services.queue.JobContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A job context that records what the handler reports. */
final class TestContext implements JobContext {

    final int attempt;
    final List<String> progress = new CopyOnWriteArrayList<>();
    final List<String> remoteRefs = new CopyOnWriteArrayList<>();
    volatile boolean cancelled;

    TestContext(int attempt) {
        this.attempt = attempt;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public void progress(Double fraction, String message) {
        progress.add(message);
    }

    @Override
    public void recordRemoteRef(String ref) {
        remoteRefs.add(ref);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
    }
}
