package dev.hydra.services.chat;

/**
 * How a stream ended.
 *
 * @param stopReason  the turn's stop reason; null when none arrived (the stream was cut or failed)
 * @param error       the error the server reported inside the stream, if any
 * @param failure     the request failed before streaming, or the connection broke (null otherwise)
 * @param sawDone     whether the closing {@code [DONE]} arrived (a cancelled stream may end at EOF without it)
 * @param closedByUs  we closed the stream ({@link ActiveStream#close()})
 */
public record StreamEnd(StreamEvent.StopReason stopReason, StreamEvent.Error error, ChatException failure,
        boolean sawDone, boolean closedByUs) {

    /** The turn ran to its end as the server reports it (whatever the reason); false when cut short. */
    public boolean complete() {
        return stopReason != null;
    }

    public boolean succeeded() {
        return complete() && error == null && failure == null && stopReason.completed();
    }

    /** What went wrong, in the server's words where it gave any; null when nothing did. */
    public String problem() {
        if (failure != null) {
            return failure.getMessage();
        }
        if (error != null) {
            return error.message() != null ? error.message() : error.errorType();
        }
        if (stopReason == null) {
            return closedByUs ? "stopped" : "the stream ended before the turn was finished";
        }
        return stopReason.completed() || stopReason.cancelled() ? null : "the turn ended with " + stopReason.reason();
    }
}
