package dev.hydra.services.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Settings of one job type ({@code queue.types.<type>} in hydra.yaml). Every key is optional.
 *
 * @param concurrency  at most this many jobs of the type at once (default: only the global limit)
 * @param maxAttempts  attempts before a job fails for good (default 3)
 * @param window       the hours the type may start, e.g. "23:00-07:00" (default: any time)
 * @param gpu          whether jobs of the type need a GPU, so admission checks utilization and free VRAM
 *                     (default: true for image_generation, false otherwise)
 * @param vramGb       VRAM a job needs, in GB (default 0: the queue-wide minimum applies)
 * @param exclusiveGpu whether a job needs its GPU to itself (default false)
 * @param target       where jobs run unless they say otherwise: any, node:NAME or gpu:UUID (default any)
 * @param timeout      an attempt taking longer is stopped and retried (default 1 h)
 * @param backoff      the first retry delay; it doubles per attempt, with jitter (default 30 s)
 * @param maxBackoff   the longest retry delay (default 30 min)
 * @param model        the model of llm_task jobs of this type when the payload names none
 */
public record JobTypeConfig(Integer concurrency, Integer maxAttempts, String window, Boolean gpu, Double vramGb,
        Boolean exclusiveGpu, String target, Duration timeout, Duration backoff, Duration maxBackoff, String model) {

    public static final JobTypeConfig DEFAULT = new JobTypeConfig(null, null, null, null, null, null, null, null,
            null, null, null);

    public JobTypeConfig {
        if (concurrency != null && concurrency < 1) {
            throw new IllegalArgumentException("queue.types.*.concurrency must be at least 1, got " + concurrency);
        }
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("queue.types.*.maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (window != null) {
            TimeWindow.parse(window);
        }
        if (vramGb != null && vramGb < 0) {
            throw new IllegalArgumentException("queue.types.*.vramGb must not be negative, got " + vramGb);
        }
        if (target != null && target.isBlank()) {
            throw new IllegalArgumentException("queue.types.*.target must be any, node:NAME or gpu:UUID");
        }
        timeout = QueueConfig.positive("queue.types.*.timeout", timeout, Duration.ofHours(1));
        backoff = QueueConfig.positive("queue.types.*.backoff", backoff, Duration.ofSeconds(30));
        maxBackoff = QueueConfig.positive("queue.types.*.maxBackoff", maxBackoff, Duration.ofMinutes(30));
    }

    /** Whether jobs of {@code type} need a GPU: as configured, else only image generation does. */
    public boolean needsGpu(String type) {
        return gpu != null ? gpu : "image_generation".equals(type.toLowerCase(Locale.ROOT));
    }

    public TimeWindow timeWindow() {
        return window == null ? null : TimeWindow.parse(window);
    }
}
