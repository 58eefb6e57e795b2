package dev.hydra.ui.shell;

import dev.hydra.services.actions.ActionService;
import dev.hydra.services.cluster.ClusterState;
import dev.hydra.ui.chat.ChatSetup;
import dev.hydra.services.containers.ContainerLogSource;
import dev.hydra.services.queue.JobQueue;
import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.review.ReviewServices;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the window needs from the rest of the application, built by the composition root.
 *
 * @param startupProblems problems found while starting (a broken hydra.yaml, no database), shown as banners
 * @param statusLine      where configuration and data live, shown at the bottom of the window
 * @param controls        how the window acts on the cluster (actions, logs)
 * @param chat            the Letta server for the Chat view (or {@link ChatSetup#notConfigured()})
 * @param queue           the job queue, or null when the database could not be opened
 * @param review          the asset library for the review screen; null when the database is unavailable
 */
public record UiContext(ClusterState cluster, Preferences preferences, List<Banner> startupProblems,
        String statusLine, Clock clock, ClusterControls controls, ChatSetup chat, JobQueue queue,
        ReviewServices review) {

    /** A window over the cluster state alone: no actions, chat not set up, no queue, no review library. */
    public UiContext(ClusterState cluster, Preferences preferences, List<Banner> startupProblems, String statusLine,
            Clock clock) {
        this(cluster, preferences, startupProblems, statusLine, clock, ClusterControls.NONE, ChatSetup.notConfigured(),
                null, null);
    }

    public UiContext withControls(ClusterControls newControls) {
        return new UiContext(cluster, preferences, startupProblems, statusLine, clock, newControls, chat, queue, review);
    }

    public UiContext withChat(ChatSetup newChat) {
        return new UiContext(cluster, preferences, startupProblems, statusLine, clock, controls, newChat, queue, review);
    }

    public UiContext withQueue(JobQueue newQueue) {
        return new UiContext(cluster, preferences, startupProblems, statusLine, clock, controls, chat, newQueue, review);
    }

    public UiContext withReview(ReviewServices newReview) {
        return new UiContext(cluster, preferences, startupProblems, statusLine, clock, controls, chat, queue, newReview);
    }

    /**
     * How the window acts on the cluster.
     *
     * @param actions           the action service; null when actions are unavailable (no database: no audit log)
     * @param unavailable       why actions are unavailable, when they are
     * @param actor             who acts, as the audit log records it ("user@host")
     * @param powerControllable whether a node's GPU power limits can be changed (it has SSH)
     * @param logs              container logs, by node
     */
    public record ClusterControls(ActionService actions, String unavailable, String actor,
            Predicate<String> powerControllable, ContainerLogSource logs) {

        public static final ClusterControls NONE = new ClusterControls(null, "no cluster is configured", "", n -> false,
                ContainerLogSource.NONE);
    }
}
