package dev.hydra.services.queue;

/** What a running job may tell the queue, and ask it. */
public interface JobContext {

    /** This attempt's number, from 1. */
    int attempt();

    /** Progress 0–1 (null when unknown) and what is happening, e.g. "KSampler 12/20". Cheap: stored at most once a second. */
    void progress(Double fraction, String message);

    /**
     * Records the id of work about to be started elsewhere, committed before the caller starts it, so that a revived
     * attempt can find that work instead of starting it twice.
     */
    void recordRemoteRef(String ref);

    /** Whether the job was cancelled (by a user, on any instance); the handler should stop. */
    boolean isCancelled();

    /**
     * Registers something that stops this attempt's local waiting (close a socket, cancel an HTTP call) when the job
     * is cancelled, times out, or is handed back at shutdown. It must not stop remote work: a handed-back job resumes
     * it, and a cancelled one is stopped through {@link JobHandler#cancelRemote}.
     */
    void onCancel(Runnable action);
}
