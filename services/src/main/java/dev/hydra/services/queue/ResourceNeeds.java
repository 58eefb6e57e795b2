package dev.hydra.services.queue;

/**
 * What a job needs from a GPU. A job that needs none is admitted on concurrency limits and time windows alone.
 *
 * @param gpu          whether it runs on a GPU at all
 * @param vramGb       free VRAM it needs, in GB (the queue-wide minimum applies when larger)
 * @param exclusiveGpu whether it needs its GPU to itself
 */
public record ResourceNeeds(boolean gpu, double vramGb, boolean exclusiveGpu) {

    public static final ResourceNeeds NONE = new ResourceNeeds(false, 0, false);

    public ResourceNeeds {
        if (vramGb < 0) {
            throw new IllegalArgumentException("VRAM needs must not be negative");
        }
    }
}
