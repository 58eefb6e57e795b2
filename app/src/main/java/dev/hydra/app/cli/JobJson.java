package dev.hydra.app.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobEvent;
import dev.hydra.services.queue.JobSummary;
import java.time.Instant;
import java.util.List;

/** The documented JSON shapes of {@code hydra queue list --json} and {@code hydra queue show --json} (docs/cli.md). */
final class JobJson {

    private JobJson() {
    }

    record Row(String id, String type, String title, String state, String stateReason, String priority, String target,
            int attempts, int maxAttempts, Double progress, String progressMessage, Instant createdAt,
            Instant startedAt, Instant finishedAt, String parentId, String lastError, String executedBy) {

        static Row of(JobSummary j) {
            return new Row(j.id(), j.type(), j.title(), j.state().id(), j.stateReason(), j.priority().id(), j.target(),
                    j.attempts(), j.maxAttempts(), j.progress(), j.progressMessage(), j.createdAt(), j.startedAt(),
                    j.finishedAt(), j.parentId(), j.lastError(), j.executedBy());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Detail(String id, String type, String title, String state, String stateReason, String priority,
            String target, int attempts, int maxAttempts, Double progress, String progressMessage, Instant createdAt,
            Instant startedAt, Instant finishedAt, Instant nextAttemptAt, String parentId, String scheduleName,
            String lastError, String executedBy, String assignedNode, String assignedGpu, String remoteRef,
            JsonNode payload, Outputs outputs, List<Event> events, List<String> children) {

        static Detail of(Job j, List<JobEvent> events, List<JobSummary> children) {
            return new Detail(j.id(), j.type(), j.title(), j.state().id(), j.stateReason(), j.priority().id(),
                    j.target().toString(), j.attempts(), j.maxAttempts(), j.progress(), j.progressMessage(),
                    j.createdAt(), j.startedAt(), j.finishedAt(), j.nextAttemptAt(), j.parentId(), j.scheduleName(),
                    j.lastError(), j.executedBy(), j.assignedNode(), j.assignedGpu(), j.remoteRef(), j.payload(),
                    new Outputs(j.outputs().files(), j.outputs().text(), j.outputs().details()),
                    events.stream().map(e -> new Event(e.at(), e.kind(), e.message(), e.instance())).toList(),
                    children.stream().map(JobSummary::id).toList());
        }
    }

    record Outputs(List<String> files, String text, JsonNode details) {
    }

    record Event(Instant at, String kind, String message, String instance) {
    }
}
