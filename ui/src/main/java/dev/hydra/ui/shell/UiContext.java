package dev.hydra.ui.shell;

import dev.hydra.services.cluster.ClusterState;
import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.review.ReviewServices;
import java.time.Clock;
import java.util.List;

/**
 * What the window needs from the rest of the application, built by the composition root.
 *
 * @param startupProblems problems found while starting (a broken hydra.yaml, no database), shown as banners
 * @param statusLine      where configuration and data live, shown at the bottom of the window
 * @param review          the asset library for the review screen; null when the database is unavailable
 */
public record UiContext(ClusterState cluster, Preferences preferences, List<Banner> startupProblems,
        String statusLine, Clock clock, ReviewServices review) {
}
