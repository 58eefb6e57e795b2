package dev.hydra.ui.shell;

import dev.hydra.services.actions.ActionService;
import dev.hydra.services.cluster.ClusterState;
import dev.hydra.ui.chat.ChatSetup;
import dev.hydra.services.containers.ContainerLogSource;
import dev.hydra.services.queue.JobQueue;
import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Preferences;
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
 */
public record UiContext(ClusterState cluster, Preferences preferences, List<Banner> startupProblems,
        String statusLine, Clock clock, ClusterControls controls, ChatSetup chat, JobQueue queue) {

    /** A window over the cluster state alone: no actions, chat not set up, no queue. */
    public UiContext(ClusterState cluster, Preferences preferences, List<Banner> startupProblems, String statusLine,
            Clock clock) {
        this(cluster, preferences, startupProblems, statusLine, clock, ClusterControls.NONE, ChatSetup.notConfigured(),
                null);
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
