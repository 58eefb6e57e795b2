package dev.hydra.services.queue;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The queue as the window and the command line use it. Every method blocks briefly on the database; none runs a
 * job. State is shared through the database, so every instance (desktop, {@code hydra serve}, the command line)
 * sees the same jobs.
 */
public interface JobQueue {

    /**
     * Queues a job after checking its type and payload. Throws IllegalArgumentException with a clear message for an
     * unknown type or a malformed payload; nothing is stored then.
     */
    Job submit(JobSpec spec);

    /** Queues many jobs at once (one transaction): all are checked first, and none is queued if one is refused. */
    List<Job> submitAll(List<JobSpec> specs);

    Optional<Job> find(String id);

    /** The ids that start with {@code prefix} (the command line accepts the first characters of an id). */
    List<String> idsStartingWith(String prefix, int limit);

    /** Newest first; no states means every state; type null means every type. */
    List<JobSummary> list(Collection<JobState> states, String type, int limit);

    /** Jobs changed since a time returned by an earlier call ({@code null}: all), for live views. */
    Changes changesSince(Instant since);

    List<JobEvent> events(String id);

    /** Jobs whose parent is this one (re-generations, follow-ups). */
    List<JobSummary> children(String id);

    /** Cancels a job that has not finished, and the work it started elsewhere. False if it had already finished. */
    boolean cancel(String id);

    /** Queues a failed or cancelled job again, with a fresh attempt budget. False for other states. */
    boolean retry(String id);

    /** Checks a queued job now instead of at its next check or retry time (admission still applies). */
    boolean runNow(String id);

    /** Raises a queued job's priority one step. */
    boolean bumpPriority(String id);

    /** Stops starting jobs on every instance (running ones finish), or starts again. */
    void setPaused(boolean paused);

    boolean isPaused();

    List<ScheduleInfo> schedules();

    void setSchedulePaused(String name, boolean paused);

    /** The job types this queue can run. */
    List<String> types();

    /** @param asOf pass it back as {@code since} next time (the database's clock, not this machine's) */
    record Changes(List<JobSummary> rows, Instant asOf) {
    }

    /** A cron schedule from hydra.yaml and whether it is paused (in hydra.yaml or at run time). */
    record ScheduleInfo(String name, String cron, String type, String title, boolean paused, Instant nextRun) {
    }
}
