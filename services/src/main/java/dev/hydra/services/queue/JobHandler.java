package dev.hydra.services.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the jobs of one type. Handlers block (each job has its own thread), report progress through the context,
 * stop when the context says the job was cancelled, and throw {@link JobFailure} to say whether a failure is worth
 * retrying.
 */
public interface JobHandler {

    /** The job type this handler runs, e.g. "webhook". */
    String type();

    /**
     * Checks a payload before it is queued, so a malformed one is refused at once (hydra queue add) instead of
     * failing later. Throws IllegalArgumentException with a message that says what is wrong and what is expected.
     */
    void validate(ObjectNode payload);

    /** Runs one attempt. A revived or retried job may find {@link Job#remoteRef()} set by an earlier attempt. */
    JobOutputs run(Job job, JobContext context) throws JobFailure, InterruptedException;

    /** Stops the work the job started elsewhere (a ComfyUI prompt), after the job was cancelled. Best effort. */
    default void cancelRemote(Job job) {
    }
}
