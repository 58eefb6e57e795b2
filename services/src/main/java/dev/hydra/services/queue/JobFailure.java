package dev.hydra.services.queue;

/**
 * An attempt failed. A permanent failure (a malformed request, a 4xx, a missing model) is not retried; a transient
 * one (the service is down, a 5xx, a timeout) is retried with backoff until the type's maxAttempts.
 */
public final class JobFailure extends Exception {

    private final boolean permanent;

    private JobFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public static JobFailure permanent(String message) {
        return new JobFailure(message, true, null);
    }

    public static JobFailure permanent(String message, Throwable cause) {
        return new JobFailure(message, true, cause);
    }

    public static JobFailure transientFailure(String message) {
        return new JobFailure(message, false, null);
    }

    public static JobFailure transientFailure(String message, Throwable cause) {
        return new JobFailure(message, false, cause);
    }

    public boolean isPermanent() {
        return permanent;
    }
}
