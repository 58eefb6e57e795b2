package dev.hydra.ui.shell;

import dev.hydra.services.actions.ActionService;
import dev.hydra.services.cluster.ClusterState;
import dev.hydra.services.containers.ContainerLogSource;
import dev.hydra.services.queue.JobQueue;
import dev.hydra.ui.chat.ChatSetup;
import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.review.ReviewServices;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * What the window needs from the rest of the application, built by the composition root.
 *
 * @param startupProblems problems found while starting (a broken hydra.yaml), shown as banners
 * @param statusLine      where configuration and data live, shown at the bottom of the window
 * @param controls        how the window reaches the cluster (power control, container logs)
 * @param chat            the Letta server for the Chat view (or {@link ChatSetup#notConfigured()})
 * @param data            what needs the database: it is opened after the first frame (it may be a server), so
 *                        the views that need it wait for this
 */
public record UiContext(ClusterState cluster, Preferences preferences, List<Banner> startupProblems,
        String statusLine, Clock clock, ClusterControls controls, ChatSetup chat, CompletionStage<Data> data) {

    /** A window over the cluster state alone: no actions, chat not set up, no database. */
    public UiContext(ClusterState cluster, Preferences preferences, List<Banner> startupProblems, String statusLine,
            Clock clock) {
        this(cluster, preferences, startupProblems, statusLine, clock, ClusterControls.NONE, ChatSetup.notConfigured(),
                CompletableFuture.completedStage(Data.unavailable("this window has no database")));
    }

    public UiContext withControls(ClusterControls newControls) {
        return new UiContext(cluster, preferences, startupProblems, statusLine, clock, newControls, chat, data);
    }

    public UiContext withChat(ChatSetup newChat) {
        return new UiContext(cluster, preferences, startupProblems, statusLine, clock, controls, newChat, data);
    }

    /** The database-backed services, when they are ready at once. */
    public UiContext withData(Data ready) {
        return withData(CompletableFuture.completedStage(ready));
    }

    public UiContext withData(CompletionStage<Data> later) {
        return new UiContext(cluster, preferences, startupProblems, statusLine, clock, controls, chat, later);
    }

    /**
     * How the window reaches the cluster.
     *
     * @param powerControllable whether a node's GPU power limits can be changed (it has SSH)
     * @param logs              container logs, by node
     */
    public record ClusterControls(Predicate<String> powerControllable, ContainerLogSource logs) {

        public static final ClusterControls NONE = new ClusterControls(n -> false, ContainerLogSource.NONE);
    }

    /**
     * The services that live in the database.
     *
     * @param actions     actions on the cluster (they need the audit log); null when unavailable
     * @param actor       who acts, as the audit log records it ("user@host")
     * @param queue       the job queue; null when unavailable
     * @param review      the asset library for the review screen; null when unavailable
     * @param unavailable why what is null is unavailable
     */
    public record Data(ActionService actions, String actor, JobQueue queue, ReviewServices review, String unavailable) {

        public static Data unavailable(String why) {
            return new Data(null, "", null, null, why);
        }

        public Data withActions(ActionService newActions, String newActor) {
            return new Data(newActions, newActor, queue, review, unavailable);
        }

        public Data withQueue(JobQueue newQueue) {
            return new Data(actions, actor, newQueue, review, unavailable);
        }

        public Data withReview(ReviewServices newReview) {
            return new Data(actions, actor, queue, newReview, unavailable);
        }
    }
}
