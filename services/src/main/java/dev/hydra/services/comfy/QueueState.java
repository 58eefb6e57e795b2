package dev.hydra.services.comfy;

import java.util.List;

/** ComfyUI's queue: what runs now and what waits, pending sorted by queue number (the server does not sort it). */
public record QueueState(List<String> running, List<String> pending) {

    public QueueState {
        running = List.copyOf(running);
        pending = List.copyOf(pending);
    }

    public boolean contains(String promptId) {
        return running.contains(promptId) || pending.contains(promptId);
    }
}
