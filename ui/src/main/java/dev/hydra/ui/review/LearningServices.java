package dev.hydra.ui.review;

import dev.hydra.services.config.LearningConfig;
import dev.hydra.services.learning.PreferenceLearning;
import dev.hydra.services.learning.Regenerator;

/**
 * What the review screen needs for preference learning, built by the composition root.
 *
 * @param learning    the live model and tables; null when the database is unavailable
 * @param regenerator queues re-generations; null without the queue
 * @param regenerate  what a re-generation changes by default, and the re-generate-on-reject rule
 */
public record LearningServices(PreferenceLearning learning, Regenerator regenerator,
        LearningConfig.RegenerateConfig regenerate) {

    public static final LearningServices NONE = new LearningServices(null, null,
            LearningConfig.RegenerateConfig.DEFAULT);
}
