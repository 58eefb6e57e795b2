package dev.hydra.services.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The jobs table and its timeline. Every state change is a conditional update ("… where state in (…)"), so two
 * instances, or a user and a running job, can never both win: the loser's update changes no row.
 */
final class JobStore {

    private static final String SUMMARY_COLUMNS = "id, job_type, title, priority, target, state, state_reason, "
            + "attempts, max_attempts, progress, progress_message, created_at, started_at, finished_at, updated_at, "
            + "assigned_node, parent_id, last_error, executed_by";
    private static final String ALL_COLUMNS = SUMMARY_COLUMNS + ", payload, vram_gb, exclusive_gpu, needs_gpu, "
            + "next_attempt_at, schedule_name, outputs, remote_ref, assigned_gpu";
    static final int MAX_TEXT = 4000;
    /** payload and outputs columns hold at most a million characters (portable varchar, not a CLOB). */
    static final int MAX_DOCUMENT = 1_000_000;

    private final Jdbi jdbi;
    private final Clock clock;

    JobStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    void insert(Job job, String instance) {
        jdbi.useTransaction(h -> {
            h.createUpdate("insert into jobs (id, job_type, title, payload, priority, target, vram_gb, exclusive_gpu, "
                            + "needs_gpu, state, state_reason, attempts, max_attempts, created_at, parent_id, "
                            + "schedule_name, updated_at) values (:id, :type, :title, :payload, :priority, :target, "
                            + ":vram, :exclusive, :gpu, :state, null, 0, :max, :created, :parent, :schedule, "
                            + "current_timestamp)")
                    .bind("id", job.id()).bind("type", job.type()).bind("title", clip(job.title(), 500))
                    .bind("payload", json(job.payload())).bind("priority", job.priority().id())
                    .bind("target", job.target().toString()).bind("vram", job.needs().vramGb())
                    .bind("exclusive", job.needs().exclusiveGpu()).bind("gpu", job.needs().gpu())
                    .bind("state", JobState.PENDING.id()).bind("max", job.maxAttempts())
                    .bind("created", time(job.createdAt())).bind("parent", job.parentId())
                    .bind("schedule", job.scheduleName())
                    .execute();
            event(h, job.id(), "queued", job.scheduleName() == null ? "queued" : "queued by schedule "
                    + job.scheduleName(), instance);
        });
    }

    void insertAll(List<Job> jobs, String instance) {
        jdbi.useTransaction(h -> {
            var insert = h.prepareBatch("insert into jobs (id, job_type, title, payload, priority, target, vram_gb, "
                    + "exclusive_gpu, needs_gpu, state, state_reason, attempts, max_attempts, created_at, parent_id, "
                    + "schedule_name, updated_at) values (:id, :type, :title, :payload, :priority, :target, :vram, "
                    + ":exclusive, :gpu, :state, null, 0, :max, :created, :parent, :schedule, current_timestamp)");
            var events = h.prepareBatch("insert into job_events (job_id, occurred_at, kind, message, instance) "
                    + "values (:id, :at, 'queued', 'queued', :instance)");
            for (Job job : jobs) {
                insert.bind("id", job.id()).bind("type", job.type()).bind("title", clip(job.title(), 500))
                        .bind("payload", json(job.payload())).bind("priority", job.priority().id())
                        .bind("target", job.target().toString()).bind("vram", job.needs().vramGb())
                        .bind("exclusive", job.needs().exclusiveGpu()).bind("gpu", job.needs().gpu())
                        .bind("state", JobState.PENDING.id()).bind("max", job.maxAttempts())
                        .bind("created", time(job.createdAt())).bind("parent", job.parentId())
                        .bind("schedule", job.scheduleName()).add();
                events.bind("id", job.id()).bind("at", time(clock.instant())).bind("instance", instance).add();
            }
            if (!jobs.isEmpty()) {
                insert.execute();
                events.execute();
            }
        });
    }

    Optional<Job> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select " + ALL_COLUMNS + " from jobs where id = :id")
                .bind("id", id).map((rs, ctx) -> job(rs)).findOne());
    }

    List<String> idsStartingWith(String prefix, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select id from jobs where id like :prefix order by id limit :limit")
                .bind("prefix", prefix.replace("%", "").replace("_", "") + "%").bind("limit", limit)
                .mapTo(String.class).list());
    }

    /** Newest first; states empty = all. */
    List<JobSummary> list(Collection<JobState> states, String type, int limit) {
        StringBuilder sql = new StringBuilder("select " + SUMMARY_COLUMNS + " from jobs where 1 = 1");
        if (!states.isEmpty()) {
            sql.append(" and state in (<states>)");
        }
        if (type != null) {
            sql.append(" and job_type = :type");
        }
        sql.append(" order by created_at desc, id desc limit :limit");
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("limit", limit);
            if (!states.isEmpty()) {
                query.bindList("states", states.stream().map(JobState::id).toList());
            }
            if (type != null) {
                query.bind("type", type);
            }
            return query.map((rs, ctx) -> summary(rs)).list();
        });
    }

    /** Rows changed at or after {@code since} (database time), and the database's time now. */
    JobQueue.Changes changedSince(Instant since) {
        return jdbi.inTransaction(h -> {
            Instant asOf = h.createQuery("select current_timestamp").mapTo(OffsetDateTime.class).one().toInstant();
            Query query = since == null
                    ? h.createQuery("select " + SUMMARY_COLUMNS + " from jobs")
                    : h.createQuery("select " + SUMMARY_COLUMNS + " from jobs where updated_at >= :since")
                            .bind("since", time(since));
            return new JobQueue.Changes(query.setFetchSize(1000).map((rs, ctx) -> summary(rs)).list(), asOf);
        });
    }

    List<JobEvent> events(String id) {
        return jdbi.withHandle(h -> h.createQuery("select occurred_at, kind, message, instance from job_events "
                        + "where job_id = :id order by id")
                .bind("id", id)
                .map((rs, ctx) -> new JobEvent(instant(rs, "occurred_at"), rs.getString("kind"),
                        rs.getString("message"), rs.getString("instance")))
                .list());
    }

    List<JobSummary> children(String id) {
        return jdbi.withHandle(h -> h.createQuery("select " + SUMMARY_COLUMNS + " from jobs where parent_id = :id "
                + "order by created_at").bind("id", id).map((rs, ctx) -> summary(rs)).list());
    }

    Map<JobState, Long> countByState() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
        jdbi.useHandle(h -> h.createQuery("select state, count(*) as n from jobs group by state")
                .map((rs, ctx) -> Map.entry(JobState.parse(rs.getString("state")), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** Locks the queue's control row for the rest of the transaction and says whether the queue is paused. */
    static boolean lockControl(Handle h) {
        return h.createQuery("select paused from queue_control where id = 1 for update").mapTo(Boolean.class).one();
    }

    static List<Admission.Running> running(Handle h) {
        return h.createQuery("select id, job_type, assigned_gpu, vram_gb, exclusive_gpu, started_at from jobs "
                        + "where state = :running")
                .bind("running", JobState.RUNNING.id())
                .map((rs, ctx) -> new Admission.Running(rs.getString("id"), rs.getString("job_type"),
                        rs.getString("assigned_gpu"), rs.getDouble("vram_gb"), rs.getBoolean("exclusive_gpu"),
                        instant(rs, "started_at")))
                .list();
    }

    boolean markStarted(Handle h, Job job, String instance, String node, String gpu, Instant now) {
        int updated = h.createUpdate("update jobs set state = :running, state_reason = null, attempts = attempts + 1, "
                        + "started_at = :now, finished_at = null, progress = null, progress_message = null, "
                        + "next_attempt_at = null, assigned_node = :node, assigned_gpu = :gpu, executed_by = :instance, "
                        + "updated_at = current_timestamp where id = :id and state in (<from>)")
                .bind("running", JobState.RUNNING.id()).bind("now", time(now)).bind("node", node).bind("gpu", gpu)
                .bind("instance", instance).bind("id", job.id())
                .bindList("from", List.of(JobState.PENDING.id(), JobState.WAITING_FOR_RESOURCES.id(),
                        JobState.RETRYING.id(), JobState.RUNNING.id()))
                .execute();
        if (updated == 1) {
            event(h, job.id(), "started", "attempt " + (job.attempts() + 1) + " of " + job.maxAttempts()
                    + (gpu == null ? "" : " on " + gpu + " (" + node + ")"), instance);
        }
        return updated == 1;
    }

    /** Sends a job (back) to wait; the timeline gets an entry only when the reason changes. */
    void markWaiting(Handle h, Job job, JobState state, String reason, Instant recheckAt, String instance) {
        int updated = h.createUpdate("update jobs set state = :state, state_reason = :reason, next_attempt_at = :next, "
                        + "updated_at = current_timestamp where id = :id and state in (<from>)")
                .bind("state", state.id()).bind("reason", clip(reason, 2000)).bind("next", time(recheckAt))
                .bind("id", job.id())
                .bindList("from", List.of(JobState.PENDING.id(), JobState.WAITING_FOR_RESOURCES.id(),
                        JobState.RETRYING.id()))
                .execute();
        if (updated == 1 && !Objects.equals(reason, job.stateReason())) {
            event(h, job.id(), "waiting", reason, instance);
        }
    }

    void progress(String id, Double progress, String message) {
        jdbi.useHandle(h -> h.createUpdate("update jobs set progress = :p, progress_message = :m, "
                        + "updated_at = current_timestamp where id = :id and state = :running")
                .bind("p", progress).bind("m", clip(message, 500)).bind("id", id)
                .bind("running", JobState.RUNNING.id()).execute());
    }

    Optional<JobState> state(String id) {
        return jdbi.withHandle(h -> h.createQuery("select state from jobs where id = :id").bind("id", id)
                .mapTo(String.class).findOne().map(JobState::parse));
    }

    void recordRemoteRef(String id, String ref, String instance) {
        jdbi.useTransaction(h -> {
            h.createUpdate("update jobs set remote_ref = :ref, updated_at = current_timestamp where id = :id")
                    .bind("ref", ref).bind("id", id).execute();
            event(h, id, "remote", "started remote work " + ref, instance);
        });
    }

    boolean succeed(String id, JobOutputs outputs, String instance) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("update jobs set state = :state, state_reason = null, outputs = :outputs, "
                            + "progress = 1.0, finished_at = :now, updated_at = current_timestamp "
                            + "where id = :id and state = :running")
                    .bind("state", JobState.SUCCEEDED.id()).bind("outputs", json(fit(outputs)))
                    .bind("now", time(clock.instant())).bind("id", id).bind("running", JobState.RUNNING.id())
                    .execute();
            if (updated == 1) {
                event(h, id, "succeeded", outputs.files().isEmpty() ? "done"
                        : "done: " + outputs.files().size() + " file(s)", instance);
            }
            return updated == 1;
        });
    }

    boolean retryLater(String id, String error, Instant nextAt, String instance) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("update jobs set state = :state, state_reason = :reason, last_error = :error, "
                            + "next_attempt_at = :next, progress = null, updated_at = current_timestamp "
                            + "where id = :id and state = :running")
                    .bind("state", JobState.RETRYING.id()).bind("reason", "retrying at " + nextAt + " after: "
                            + clip(error, 1800))
                    .bind("error", clip(error, MAX_TEXT)).bind("next", time(nextAt)).bind("id", id)
                    .bind("running", JobState.RUNNING.id()).execute();
            if (updated == 1) {
                event(h, id, "retrying", clip(error, 3000) + " — next attempt at " + nextAt, instance);
            }
            return updated == 1;
        });
    }

    boolean fail(String id, String error, String instance) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("update jobs set state = :state, state_reason = :reason, last_error = :error, "
                            + "finished_at = :now, updated_at = current_timestamp where id = :id and state = :running")
                    .bind("state", JobState.FAILED.id()).bind("reason", clip(error, 2000))
                    .bind("error", clip(error, MAX_TEXT)).bind("now", time(clock.instant())).bind("id", id)
                    .bind("running", JobState.RUNNING.id()).execute();
            if (updated == 1) {
                event(h, id, "failed", clip(error, 3000), instance);
            }
            return updated == 1;
        });
    }

    /** Puts a running job back in the queue (this instance is stopping); its next run resumes or retries it. */
    boolean handBack(String id, String instance) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("update jobs set state = :state, state_reason = :reason, "
                            + "attempts = case when attempts > 0 then attempts - 1 else 0 end, "
                            + "updated_at = current_timestamp where id = :id and state = :running")
                    .bind("state", JobState.PENDING.id())
                    .bind("reason", "handed back by " + instance + " when it stopped; it resumes on the next instance")
                    .bind("id", id).bind("running", JobState.RUNNING.id()).execute();
            if (updated == 1) {
                event(h, id, "handed_back", "handed back when " + instance + " stopped", instance);
            }
            return updated == 1;
        });
    }

    /** Cancels a job that is not finished; returns the job as it was, if it was cancelled by this call. */
    Optional<Job> cancel(String id, String instance) {
        return jdbi.inTransaction(h -> {
            Optional<Job> before = h.createQuery("select " + ALL_COLUMNS + " from jobs where id = :id")
                    .bind("id", id).map((rs, ctx) -> job(rs)).findOne();
            if (before.isEmpty() || before.get().state().isTerminal()) {
                return Optional.<Job>empty();
            }
            int updated = h.createUpdate("update jobs set state = :state, state_reason = :reason, finished_at = :now, "
                            + "updated_at = current_timestamp where id = :id and state = :was")
                    .bind("state", JobState.CANCELLED.id()).bind("reason", "cancelled by the user")
                    .bind("now", time(clock.instant())).bind("id", id).bind("was", before.get().state().id())
                    .execute();
            if (updated == 1) {
                event(h, id, "cancelled", "cancelled while " + before.get().state().id(), instance);
                return before;
            }
            return Optional.<Job>empty();
        });
    }

    /** A failed or cancelled job goes back to the queue with a fresh attempt budget. */
    boolean requeue(String id, String instance) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("update jobs set state = :state, state_reason = :reason, attempts = 0, "
                            + "finished_at = null, progress = null, progress_message = null, next_attempt_at = null, "
                            + "updated_at = current_timestamp where id = :id and state in (<from>)")
                    .bind("state", JobState.PENDING.id()).bind("reason", "retried by the user")
                    .bind("id", id).bindList("from", List.of(JobState.FAILED.id(), JobState.CANCELLED.id()))
                    .execute();
            if (updated == 1) {
                event(h, id, "retried", "queued again by the user", instance);
            }
            return updated == 1;
        });
    }

    boolean setPriority(String id, Priority priority, String instance) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("update jobs set priority = :p, updated_at = current_timestamp "
                            + "where id = :id and state not in (<terminal>)")
                    .bind("p", priority.id()).bind("id", id)
                    .bindList("terminal", List.of(JobState.SUCCEEDED.id(), JobState.FAILED.id(),
                            JobState.CANCELLED.id()))
                    .execute();
            if (updated == 1) {
                event(h, id, "priority", "priority set to " + priority.id(), instance);
                h.createUpdate("update scheduled_tasks set priority = :p, version = version + 1 "
                                + "where task_name = :task and task_instance = :id and picked = false")
                        .bind("p", priority.schedulerValue()).bind("task", JobService.TASK_NAME).bind("id", id)
                        .execute();
            }
            return updated == 1;
        });
    }

    void addEvent(String id, String kind, String message, String instance) {
        jdbi.useHandle(h -> event(h, id, kind, message, instance));
    }

    boolean paused() {
        return jdbi.withHandle(h -> h.createQuery("select paused from queue_control where id = 1")
                .mapTo(Boolean.class).one());
    }

    void setPaused(boolean paused) {
        jdbi.useHandle(h -> h.createUpdate("update queue_control set paused = :p, updated_at = :now where id = 1")
                .bind("p", paused).bind("now", time(clock.instant())).execute());
    }

    /** Jobs in the queue (not running, not finished), for rescheduling after a resume. */
    List<String> queuedIds() {
        return jdbi.withHandle(h -> h.createQuery("select id from jobs where state in (<states>)")
                .bindList("states", List.of(JobState.PENDING.id(), JobState.WAITING_FOR_RESOURCES.id(),
                        JobState.RETRYING.id()))
                .mapTo(String.class).list());
    }

    Map<String, Boolean> pausedSchedules() {
        return jdbi.withHandle(h -> h.createQuery("select schedule_name, paused from queue_schedule_state")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    void setSchedulePaused(String name, boolean paused) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("update queue_schedule_state set paused = :p, updated_at = :now "
                            + "where schedule_name = :name")
                    .bind("p", paused).bind("now", time(clock.instant())).bind("name", name).execute();
            if (updated == 0) {
                h.createUpdate("insert into queue_schedule_state (schedule_name, paused, updated_at) "
                                + "values (:name, :p, :now)")
                        .bind("p", paused).bind("now", time(clock.instant())).bind("name", name).execute();
            }
        });
    }

    private void event(Handle h, String id, String kind, String message, String instance) {
        h.createUpdate("insert into job_events (job_id, occurred_at, kind, message, instance) "
                        + "values (:id, :at, :kind, :message, :instance)")
                .bind("id", id).bind("at", time(clock.instant())).bind("kind", kind)
                .bind("message", clip(message, MAX_TEXT)).bind("instance", instance).execute();
    }

    private static JobSummary summary(ResultSet rs) throws SQLException {
        return new JobSummary(rs.getString("id"), rs.getString("job_type"), rs.getString("title"),
                Priority.parse(rs.getString("priority")), rs.getString("target"), JobState.parse(rs.getString("state")),
                rs.getString("state_reason"), rs.getInt("attempts"), rs.getInt("max_attempts"),
                (Double) rs.getObject("progress", Double.class), rs.getString("progress_message"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                instant(rs, "updated_at"), rs.getString("assigned_node"), rs.getString("parent_id"),
                rs.getString("last_error"), rs.getString("executed_by"));
    }

    private static Job job(ResultSet rs) throws SQLException {
        JobSummary s = summary(rs);
        return new Job(s.id(), s.type(), s.title(), parseObject(rs.getString("payload")), s.priority(),
                JobTarget.parse(s.target()), new ResourceNeeds(rs.getBoolean("needs_gpu"), rs.getDouble("vram_gb"),
                        rs.getBoolean("exclusive_gpu")),
                s.state(), s.stateReason(), s.attempts(), s.maxAttempts(), instant(rs, "next_attempt_at"),
                s.lastError(), s.progress(), s.progressMessage(), s.createdAt(), s.startedAt(), s.finishedAt(),
                s.parentId(), rs.getString("schedule_name"), outputs(rs.getString("outputs")),
                rs.getString("remote_ref"), s.assignedNode(), rs.getString("assigned_gpu"), s.executedBy(),
                s.updatedAt());
    }

    private static ObjectNode parseObject(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            return Json.mapper().createObjectNode().put("unreadable", text);
        }
    }

    private static JobOutputs outputs(String text) {
        if (text == null) {
            return JobOutputs.NONE;
        }
        try {
            return Json.mapper().readValue(text, JobOutputs.class);
        } catch (JsonProcessingException e) {
            return JobOutputs.text(text);
        }
    }

    /** Outputs that fit the column: a very long text is cut (the files, if any, are kept whole). */
    private static JobOutputs fit(JobOutputs outputs) {
        String text = json(outputs);
        if (text.length() <= MAX_DOCUMENT) {
            return outputs;
        }
        String kept = outputs.text() == null ? null : outputs.text().substring(0, Math.max(0, outputs.text().length()
                - (text.length() - MAX_DOCUMENT) - 100)) + "\n… (cut: the output was longer than a million characters)";
        return new JobOutputs(outputs.files(), kept, outputs.details());
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
