package dev.hydra.ui.queue;

import dev.hydra.services.queue.JobState;
import dev.hydra.services.queue.JobSummary;
import dev.hydra.services.queue.Priority;
import java.time.Instant;
import java.util.Locale;

/**
 * One line of the Queue table, built once per change of its job.
 *
 * @param progress 0–1, or -1 when unknown (an indeterminate bar while running)
 * @param where    the node it ran on, else its target
 * @param search   lower-case text the search box matches: id, title, type, reason, where
 */
public record JobRow(String id, String title, String type, JobState state, Priority priority, String where,
        double progress, String progressText, int attempts, int maxAttempts, Instant createdAt, Instant updatedAt,
        String reason, String search) {

    public static JobRow of(JobSummary job) {
        String where = job.assignedNode() != null ? job.assignedNode() : job.target();
        String reason = job.stateReason() == null ? "" : job.stateReason();
        double progress = job.state() == JobState.SUCCEEDED ? 1
                : job.progress() == null ? -1 : job.progress();
        String progressText = job.state() == JobState.RUNNING
                ? (job.progress() == null ? "" : Math.round(job.progress() * 100) + " % ")
                        + (job.progressMessage() == null ? "running" : job.progressMessage())
                : reason;
        return new JobRow(job.id(), job.title(), job.type(), job.state(), job.priority(), where, progress, progressText,
                job.attempts(), job.maxAttempts(), job.createdAt(), job.updatedAt(), reason,
                (job.id() + " " + job.title() + " " + job.type() + " " + reason + " " + where).toLowerCase(Locale.ROOT));
    }

    public String shortId() {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    public String stateLabel() {
        return state.id().replace('_', ' ');
    }

    /** "waiting" for waiting_for_resources, the state's name otherwise: the table's column is narrow. */
    public String shortStateLabel() {
        return state == JobState.WAITING_FOR_RESOURCES ? "waiting" : stateLabel();
    }

    public String attemptsText() {
        return attempts + "/" + maxAttempts;
    }
}
