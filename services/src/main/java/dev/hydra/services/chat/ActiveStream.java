package dev.hydra.services.chat;

import java.time.Duration;
import java.util.Optional;

/**
 * A running stream. Closing it drops the connection only: the server keeps running the turn (it shields the
 * task), so Stop is {@link ChatClient#cancel} followed by waiting for the stream's end.
 */
public interface ActiveStream extends AutoCloseable {

    /** The run this turn belongs to, once known (first ping on 0.16.7+, else the first message's run_id). */
    Optional<String> runId();

    /** Blocks until the stream ends; empty when the timeout passed first. */
    Optional<StreamEnd> awaitEnd(Duration timeout) throws InterruptedException;

    @Override
    void close();
}
