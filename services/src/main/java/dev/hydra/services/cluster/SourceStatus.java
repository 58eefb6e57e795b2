package dev.hydra.services.cluster;

import java.time.Instant;

/**
 * How reading one source of a node went, in words a user can act on.
 *
 * @param source      what was read, e.g. "host" or "nvidia-smi"
 * @param state       the outcome
 * @param message     what went wrong and, where we know, how to fix it; null when all is well
 * @param lastSuccess when this source last answered properly; null if never
 */
public record SourceStatus(String source, State state, String message, Instant lastSuccess) {

    public enum State {
        /** Read fine. */
        OK,
        /** Answered, but part of the data is missing (see message). */
        DEGRADED,
        /** Not present on this node (e.g. no nvidia-smi): nothing to show, and not an error. */
        ABSENT,
        /** Present but failed: timed out, crashed, printed garbage. Data shown is stale. */
        FAILED
    }

    public static SourceStatus ok(String source, Instant at) {
        return new SourceStatus(source, State.OK, null, at);
    }

    public boolean isHealthy() {
        return state == State.OK || state == State.ABSENT;
    }
}
