package dev.hydra.services.chat;

/** Receives one stream's events on the streaming thread, in arrival order; {@link #onEnd} comes exactly once, last. */
public interface StreamListener {

    void onEvent(StreamEvent event);

    void onEnd(StreamEnd end);
}
