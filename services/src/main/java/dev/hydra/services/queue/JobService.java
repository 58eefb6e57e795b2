package dev.hydra.services.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.hydra.services.cluster.ClusterState;
import dev.hydra.services.config.JobTypeConfig;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.config.ScheduleConfig;
import dev.hydra.services.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The queue: jobs in our own table (kept as history), executed by db-scheduler. Each job is one db-scheduler
 * execution of the task {@value #TASK_NAME} whose instance id is the job id; db-scheduler does the polling, the
 * cluster-safe picking, the priorities, the heartbeats and the revival of jobs whose instance died. On top of it this
 * class adds admission (GPU telemetry, concurrency limits, time windows), retries with backoff, cron schedules,
 * progress, cancellation and the history.
 *
 * <p>Without {@link #start()} it is a client only (the command line): it queues, lists and changes jobs; the
 * desktop and {@code hydra serve} start it and run them.
 */
public final class JobService implements JobQueue, AutoCloseable {

    public static final String TASK_NAME = "hydra-job";
    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final JobStore store;
    private final QueueConfig config;
    private final Map<String, JobHandler> handlers;
    private final ClusterState cluster;
    private final Clock clock;
    private final String instance;
    private final QueueMetrics metrics;
    private final Admission admission;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final CustomTask<Void> task;
    private final Map<String, RecurringTask<Void>> scheduleTasks = new LinkedHashMap<>();
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final Object idle = new Object();
    private final SchedulerClient client;
    private volatile Scheduler scheduler;
    private volatile boolean stopping;
    private ScheduledExecutorService watcher;

    /**
     * @param instance this instance's name, unique among those sharing the database (at most 50 characters)
     */
    public JobService(DataSource dataSource, org.jdbi.v3.core.Jdbi jdbi, QueueConfig config,
            List<JobHandler> handlers, ClusterState cluster, Clock clock, String instance, QueueMetrics metrics) {
        this.dataSource = dataSource;
        this.store = new JobStore(jdbi, clock);
        this.config = config;
        Map<String, JobHandler> byType = new LinkedHashMap<>();
        handlers.forEach(h -> byType.put(h.type(), h));
        this.handlers = Map.copyOf(byType);
        this.cluster = cluster;
        this.clock = clock;
        this.instance = instance.length() > 50 ? instance.substring(0, 50) : instance;
        this.metrics = metrics;
        this.admission = new Admission(config, clock, cluster.refreshInterval());
        this.task = Tasks.custom(TASK_NAME, Void.class)
                .onDeadExecutionRevive()
                .onFailureReschedule(Schedules.fixedDelay(config.checkInterval()))
                .execute(this::execute);
        config.schedules().forEach((name, schedule) -> scheduleTasks.put(name,
                Tasks.recurring("schedule:" + name, cron(schedule)).execute((inst, ctx) -> fireSchedule(name))));
        this.client = SchedulerClient.Builder.create(dataSource, task).enablePriority().build();
        metrics.bindDepth(store::countByState);
    }

    /** Starts executing jobs and cron schedules on this instance; picks up whatever was left queued. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("queue-watch").daemon()
                .factory());
        watcher.scheduleWithFixedDelay(this::watchRunning, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler = Scheduler.create(dataSource, List.of(task))
                .startTasks(new ArrayList<>(scheduleTasks.values()))
                .threads(config.concurrency())
                .pollingInterval(config.pollInterval())
                .heartbeatInterval(config.heartbeatInterval())
                .missedHeartbeatsLimit(4)
                .enablePriority()
                .enableImmediateExecution()
                .schedulerName(new SchedulerName.Fixed(instance))
                .clock(clock::instant)
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
        scheduler.start();
        reconcile();
        LOG.info("Queue started as {} (concurrency {}, check every {})", instance, config.concurrency(),
                config.checkInterval());
    }

    /**
     * Stops taking jobs, lets running ones finish for up to {@code queue.shutdownWait}, then hands the rest back:
     * they return to the queue and resume on the next instance (a ComfyUI prompt is found again by its id).
     */
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        stopping = true;
        scheduler.pause();
        awaitIdle(config.shutdownWait());
        running.values().forEach(RunningJob::interruptForShutdown);
        awaitIdle(Duration.ofSeconds(10));
        scheduler.stop();
        watcher.shutdownNow();
        scheduler = null;
        LOG.info("Queue {} stopped", instance);
    }

    @Override
    public void close() {
        stop();
    }

    /** Waits until no job runs on this instance, or the time is up. */
    private void awaitIdle(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (idle) {
            long left;
            while (!running.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public boolean isRunning() {
        return scheduler != null && !stopping;
    }

    public String instance() {
        return instance;
    }

    @Override
    public Job submit(JobSpec spec) {
        Job job = prepare(spec, clock.instant());
        store.insert(job, instance);
        schedule(job.id(), job.priority(), job.createdAt());
        return job;
    }

    @Override
    public List<Job> submitAll(List<JobSpec> specs) {
        Instant now = clock.instant();
        List<Job> jobs = specs.stream().map(spec -> prepare(spec, now)).toList();
        store.insertAll(jobs, instance);
        SchedulerClient target = scheduler != null ? scheduler : client;
        target.scheduleBatch(jobs.stream().<com.github.kagkarlsson.scheduler.task.SchedulableInstance<?>>map(job ->
                task.instanceBuilder(job.id()).priority(job.priority().schedulerValue()).scheduledTo(now)).toList());
        return jobs;
    }

    /** Checks the type and payload and fills in the type's defaults; throws IllegalArgumentException. */
    private Job prepare(JobSpec spec, Instant now) {
        JobHandler handler = handlers.get(spec.type());
        if (handler == null) {
            throw new IllegalArgumentException("unknown job type '" + spec.type() + "'; known types: "
                    + String.join(", ", handlers.keySet()));
        }
        handler.validate(spec.payload());
        int size = spec.payload().toString().length();
        if (size > JobStore.MAX_DOCUMENT) {
            throw new IllegalArgumentException("the payload has " + size + " characters; at most "
                    + JobStore.MAX_DOCUMENT + " fit (keep large inputs in files and pass their paths)");
        }
        JobTypeConfig typeConfig = config.type(spec.type());
        JobTarget target = spec.target() != null ? spec.target() : JobTarget.parse(typeConfig.target());
        ResourceNeeds needs = spec.needs() != null ? spec.needs() : new ResourceNeeds(typeConfig.needsGpu(spec.type()),
                typeConfig.vramGb() == null ? 0 : typeConfig.vramGb(),
                typeConfig.exclusiveGpu() != null && typeConfig.exclusiveGpu());
        Priority priority = spec.priority() == null ? Priority.NORMAL : spec.priority();
        return new Job(UUID.randomUUID().toString(), spec.type(), spec.title(), spec.payload(), priority, target,
                needs, JobState.PENDING, null, 0, typeConfig.maxAttempts(), null, null, null, null, now, null, null,
                spec.parentId(), spec.scheduleName(), JobOutputs.NONE, null, null, null, null, now);
    }

    @Override
    public Optional<Job> find(String id) {
        return store.find(id);
    }

    @Override
    public List<String> idsStartingWith(String prefix, int limit) {
        return store.idsStartingWith(prefix, limit);
    }

    @Override
    public List<JobSummary> list(Collection<JobState> states, String type, int limit) {
        return store.list(states, type, limit);
    }

    @Override
    public Changes changesSince(Instant since) {
        return store.changedSince(since);
    }

    @Override
    public List<JobEvent> events(String id) {
        return store.events(id);
    }

    @Override
    public List<JobSummary> children(String id) {
        return store.children(id);
    }

    @Override
    public boolean cancel(String id) {
        Optional<Job> cancelled = store.cancel(id, instance);
        if (cancelled.isEmpty()) {
            return false;
        }
        Job job = cancelled.get();
        try {
            client.getScheduledExecution(task.instance(id)).filter(e -> !e.isPicked())
                    .ifPresent(e -> client.cancel(task.instance(id)));
        } catch (RuntimeException e) {
            LOG.debug("Execution of job {} was picked meanwhile; its run will see the cancellation", id, e);
        }
        RunningJob local = running.get(id);
        if (local != null) {
            local.cancel();
        }
        JobHandler handler = handlers.get(job.type());
        if (handler != null && job.remoteRef() != null) {
            try {
                handler.cancelRemote(job);
            } catch (RuntimeException e) {
                store.addEvent(id, "cancelled", "could not stop its remote work " + job.remoteRef() + ": "
                        + e.getMessage(), instance);
            }
        }
        metrics.finished(job.type(), "cancelled", null);
        return true;
    }

    @Override
    public boolean retry(String id) {
        Optional<Job> job = store.find(id);
        if (job.isEmpty() || !store.requeue(id, instance)) {
            return false;
        }
        schedule(id, job.get().priority(), clock.instant());
        return true;
    }

    @Override
    public boolean runNow(String id) {
        Optional<Job> job = store.find(id);
        if (job.isEmpty() || job.get().state().isTerminal() || job.get().state() == JobState.RUNNING) {
            return false;
        }
        boolean rescheduled = client.reschedule(task.instance(id), clock.instant());
        if (rescheduled) {
            store.addEvent(id, "run_now", "checked now at the user's request", instance);
        }
        return rescheduled;
    }

    @Override
    public boolean bumpPriority(String id) {
        return store.find(id).map(job -> store.setPriority(id, job.priority().bumped(), instance)).orElse(false);
    }

    @Override
    public void setPaused(boolean paused) {
        store.setPaused(paused);
        if (!paused) {
            Instant now = clock.instant();
            for (String id : store.queuedIds()) {
                try {
                    client.reschedule(task.instance(id), now);
                } catch (RuntimeException e) {
                    LOG.debug("Job {} was picked while resuming", id, e);
                }
            }
        }
    }

    @Override
    public boolean isPaused() {
        return store.paused();
    }

    @Override
    public List<ScheduleInfo> schedules() {
        Map<String, Boolean> pausedAtRunTime = store.pausedSchedules();
        Instant now = clock.instant();
        List<ScheduleInfo> result = new ArrayList<>();
        config.schedules().forEach((name, schedule) -> {
            boolean paused = schedule.paused() || pausedAtRunTime.getOrDefault(name, false);
            result.add(new ScheduleInfo(name, schedule.cron(), schedule.type(), titleOf(name, schedule), paused,
                    cron(schedule).getInitialExecutionTime(now)));
        });
        return result;
    }

    @Override
    public void setSchedulePaused(String name, boolean paused) {
        if (!config.schedules().containsKey(name)) {
            throw new IllegalArgumentException("no schedule named '" + name + "' in hydra.yaml; known: "
                    + String.join(", ", config.schedules().keySet()));
        }
        store.setSchedulePaused(name, paused);
    }

    @Override
    public List<String> types() {
        return List.copyOf(handlers.keySet());
    }

    private void schedule(String id, Priority priority, Instant at) {
        SchedulerClient target = scheduler != null ? scheduler : client;
        target.scheduleIfNotExists(task.instanceBuilder(id).priority(priority.schedulerValue()).scheduledTo(at));
    }

    /** Jobs queued while no execution row exists (a crash between insert and schedule) get one. */
    private void reconcile() {
        for (String id : store.queuedIds()) {
            store.find(id).ifPresent(job -> schedule(id, job.priority(), clock.instant()));
        }
    }

    private CompletionHandler<Void> execute(TaskInstance<Void> taskInstance, ExecutionContext context) {
        String id = taskInstance.getId();
        Job job = store.find(id).orElse(null);
        if (job == null || job.state().isTerminal()) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        if (stopping) {
            return (complete, ops) -> ops.reschedule(complete, clock.instant());
        }
        boolean revived = job.state() == JobState.RUNNING;
        if (revived) {
            store.addEvent(id, "revived", "its instance " + job.executedBy() + " stopped answering; resumed on "
                    + instance, instance);
            Instant now = clock.instant();
            store.jdbi().useTransaction(h -> store.markStarted(h, job, instance, job.assignedNode(),
                    job.assignedGpu(), now));
            return run(started(job, job.assignedNode(), job.assignedGpu(), now));
        } else {
            Admission.Decision decision = admit(job);
            if (decision instanceof Admission.Wait wait) {
                metrics.waited(job.type(), wait.state());
                return (complete, ops) -> ops.reschedule(complete, wait.recheckAt());
            }
            if (!(decision instanceof Admission.Admit admit)) {
                return new CompletionHandler.OnCompleteRemove<>();
            }
            Instant now = clock.instant();
            metrics.started(job.type(), Duration.between(job.createdAt(), now));
            return run(started(job, admit.node(), admit.gpu(), now));
        }
    }

    /** The job as markStarted left it in the database, without reading it back. */
    private Job started(Job job, String node, String gpu, Instant now) {
        return new Job(job.id(), job.type(), job.title(), job.payload(), job.priority(), job.target(), job.needs(),
                JobState.RUNNING, null, job.attempts() + 1, job.maxAttempts(), null, job.lastError(), null, null,
                job.createdAt(), now, null, job.parentId(), job.scheduleName(), job.outputs(), job.remoteRef(), node,
                gpu, instance, now);
    }

    /** Admission in one transaction holding the queue's control row, so limits hold across instances. */
    private Admission.Decision admit(Job job) {
        return store.jdbi().inTransaction(h -> {
            boolean paused = JobStore.lockControl(h);
            Admission.Decision decision = admission.decide(job, paused, JobStore.running(h), cluster.latest());
            switch (decision) {
                case Admission.Admit admit -> {
                    if (!store.markStarted(h, job, instance, admit.node(), admit.gpu(), clock.instant())) {
                        return null;
                    }
                }
                case Admission.Wait wait -> store.markWaiting(h, job, wait.state(), wait.reason(), wait.recheckAt(),
                        instance);
            }
            return decision;
        });
    }

    private CompletionHandler<Void> run(Job job) {
        JobHandler handler = handlers.get(job.type());
        RunningJob context = new RunningJob(job, Thread.currentThread(),
                clock.instant().plus(config.type(job.type()).timeout()));
        running.put(job.id(), context);
        long startedNanos = System.nanoTime();
        MDC.put("jobId", job.id());
        try {
            if (handler == null) {
                throw JobFailure.permanent("no handler for job type '" + job.type() + "' on instance " + instance);
            }
            JobOutputs outputs = handler.run(job, context);
            context.flushProgress();
            if (store.succeed(job.id(), outputs, instance)) {
                metrics.finished(job.type(), "succeeded", seconds(startedNanos));
            }
            return new CompletionHandler.OnCompleteRemove<>();
        } catch (JobFailure failure) {
            return failed(job, context, failure.getMessage(), failure.isPermanent(), startedNanos);
        } catch (InterruptedException e) {
            Thread.interrupted();
            return interrupted(job, context, startedNanos);
        } catch (RuntimeException e) {
            LOG.warn("Job {} ({}) failed unexpectedly", job.id(), job.type(), e);
            if (context.interruptedForShutdown || context.cancelled || context.timedOut) {
                Thread.interrupted();
                return interrupted(job, context, startedNanos);
            }
            return failed(job, context, "unexpected error: " + e, false, startedNanos);
        } finally {
            running.remove(job.id());
            MDC.remove("jobId");
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private CompletionHandler<Void> interrupted(Job job, RunningJob context, long startedNanos) {
        if (context.cancelled || store.state(job.id()).orElse(JobState.CANCELLED) == JobState.CANCELLED) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        if (context.timedOut) {
            return failed(job, context, "did not finish within " + config.type(job.type()).timeout()
                    + " (queue.types." + job.type() + ".timeout)", false, startedNanos);
        }
        store.handBack(job.id(), instance);
        return (complete, ops) -> ops.reschedule(complete, clock.instant());
    }

    private CompletionHandler<Void> failed(Job job, RunningJob context, String error, boolean permanent,
            long startedNanos) {
        if (context.cancelled) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        String message = error == null ? "failed without a message" : error;
        if (permanent || job.attempts() >= job.maxAttempts()) {
            String why = permanent ? message : message + " (gave up after " + job.attempts() + " attempts)";
            if (store.fail(job.id(), why, instance)) {
                metrics.finished(job.type(), "failed", seconds(startedNanos));
            }
            return new CompletionHandler.OnCompleteRemove<>();
        }
        JobTypeConfig typeConfig = config.type(job.type());
        Instant next = clock.instant().plus(new Backoff(typeConfig.backoff(), typeConfig.maxBackoff())
                .delayAfter(job.attempts(), random));
        store.retryLater(job.id(), message, next, instance);
        metrics.finished(job.type(), "retrying", seconds(startedNanos));
        return (complete, ops) -> ops.reschedule(complete, next);
    }

    private void fireSchedule(String name) {
        ScheduleConfig schedule = config.schedules().get(name);
        if (schedule.paused() || store.pausedSchedules().getOrDefault(name, false)) {
            LOG.info("Schedule {} is paused; nothing queued", name);
            return;
        }
        try {
            ObjectNode payload = schedule.payload() == null ? Json.mapper().createObjectNode()
                    : schedule.payload().deepCopy();
            JobSpec spec = new JobSpec(schedule.type(), titleOf(name, schedule) + " · "
                    + LocalDate.ofInstant(clock.instant(), config.zone()), payload,
                    schedule.priority() == null ? null : Priority.parse(schedule.priority()),
                    schedule.target() == null ? null : JobTarget.parse(schedule.target()), null, null, name);
            Job job = submit(spec);
            LOG.info("Schedule {} queued job {}", name, job.id());
        } catch (IllegalArgumentException e) {
            LOG.error("Schedule {} could not queue its job: {}", name, e.getMessage());
        }
    }

    /** One pass over the jobs running here: store progress, notice cancellations and timeouts. */
    private void watchRunning() {
        try {
            Instant now = clock.instant();
            for (RunningJob job : running.values()) {
                job.flushProgress();
                if (store.state(job.job.id()).orElse(JobState.CANCELLED) == JobState.CANCELLED) {
                    job.cancel();
                } else if (now.isAfter(job.deadline) && !job.timedOut) {
                    job.timeOut();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Watching running jobs failed; trying again in {}", WATCH_INTERVAL, e);
        }
    }

    private static String titleOf(String name, ScheduleConfig schedule) {
        return schedule.title() == null ? name : schedule.title();
    }

    private CronSchedule cron(ScheduleConfig schedule) {
        return new CronSchedule(schedule.cron(), config.zone(), CronStyle.UNIX);
    }

    private static Duration seconds(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** A job running on this instance, and the context its handler sees. */
    private final class RunningJob implements JobContext {

        private final Job job;
        private final Thread thread;
        private final Instant deadline;
        private final List<Runnable> onCancel = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile Double progress;
        private volatile String message;
        private volatile boolean dirty;
        private volatile boolean cancelled;
        private volatile boolean timedOut;
        private volatile boolean interruptedForShutdown;

        RunningJob(Job job, Thread thread, Instant deadline) {
            this.job = job;
            this.thread = thread;
            this.deadline = deadline;
        }

        @Override
        public int attempt() {
            return job.attempts();
        }

        @Override
        public void progress(Double fraction, String text) {
            progress = fraction == null ? null : Math.max(0, Math.min(1, fraction));
            message = text;
            dirty = true;
        }

        @Override
        public void recordRemoteRef(String ref) {
            store.recordRemoteRef(job.id(), ref, instance);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void onCancel(Runnable action) {
            onCancel.add(action);
            if (cancelled || timedOut || interruptedForShutdown) {
                action.run();
            }
        }

        void flushProgress() {
            if (dirty) {
                dirty = false;
                store.progress(job.id(), progress, message);
            }
        }

        void cancel() {
            if (!cancelled) {
                cancelled = true;
                stopWork();
            }
        }

        void timeOut() {
            timedOut = true;
            stopWork();
        }

        void interruptForShutdown() {
            interruptedForShutdown = true;
            stopWork();
        }

        private void stopWork() {
            onCancel.forEach(action -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.debug("Stopping job {} failed", job.id(), e);
                }
            });
            thread.interrupt();
        }
    }
}
