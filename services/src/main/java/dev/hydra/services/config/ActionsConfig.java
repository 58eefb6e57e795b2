package dev.hydra.services.config;

import java.time.Duration;
import java.util.List;

/**
 * Actions on the cluster (restart, stop, power limit, silence).
 *
 * @param protectedContainers container names that need their name typed before a restart or stop
 * @param ecoFraction         eco mode sets a GPU's power limit to this share of its default limit (default 0.7)
 * @param dangerousPerMinute  restarts, stops and power-limit changes allowed per 60 s (default 5)
 * @param ordinaryPerMinute   other actions allowed per 60 s (default 100)
 */
public record ActionsConfig(List<String> protectedContainers, Double ecoFraction, Integer dangerousPerMinute,
        Integer ordinaryPerMinute) {

    public static final ActionsConfig DEFAULT = new ActionsConfig(null, null, null, null);
    public static final Duration RATE_WINDOW = Duration.ofSeconds(60);

    public ActionsConfig {
        protectedContainers = protectedContainers == null ? List.of() : List.copyOf(protectedContainers);
        ecoFraction = ecoFraction == null ? 0.7 : ecoFraction;
        if (ecoFraction < 0.1 || ecoFraction > 1) {
            throw new IllegalArgumentException("actions.ecoFraction must be between 0.1 and 1, got " + ecoFraction);
        }
        dangerousPerMinute = dangerousPerMinute == null ? 5 : dangerousPerMinute;
        ordinaryPerMinute = ordinaryPerMinute == null ? 100 : ordinaryPerMinute;
        if (dangerousPerMinute < 1 || ordinaryPerMinute < 1) {
            throw new IllegalArgumentException("actions.dangerousPerMinute and ordinaryPerMinute must be at least 1");
        }
    }
}
