package dev.hydra.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.app.AppComposition;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobQueue;
import dev.hydra.services.queue.JobSpec;
import dev.hydra.services.queue.JobState;
import dev.hydra.services.queue.JobSummary;
import dev.hydra.services.queue.JobTarget;
import dev.hydra.services.queue.Priority;
import dev.hydra.services.store.DatabaseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hydra queue …}: the job queue from the command line. Jobs run in the desktop or in {@code hydra serve}. */
@Command(name = "queue", description = "Queue, list, cancel and retry jobs (they run in the window or in hydra serve).",
        mixinStandardHelpOptions = true, subcommands = {QueueCommand.Add.class, QueueCommand.ListJobs.class,
        QueueCommand.Show.class, QueueCommand.Cancel.class, QueueCommand.Retry.class, QueueCommand.Pause.class,
        QueueCommand.Resume.class})
final class QueueCommand implements Callable<Integer> {

    static final int REFUSED = 2;
    static final int NOT_FOUND = 4;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Shared by the subcommands: the queue, output, and turning a database problem into a message. */
    abstract static class QueueAction implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        final AppComposition app;

        QueueAction(AppComposition app) {
            this.app = app;
        }

        @Override
        public final Integer call() throws Exception {
            JobQueue queue;
            try {
                queue = app.jobs();
            } catch (DatabaseException e) {
                err().println(e.getMessage());
                err().println("Run 'hydra doctor' to see what is wrong.");
                err().flush();
                return 1;
            }
            int code = run(queue);
            out().flush();
            err().flush();
            return code;
        }

        abstract int run(JobQueue queue) throws Exception;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

    }

    /** A subcommand about one job, named by its id or the first characters of exactly one. */
    abstract static class OneJobAction extends QueueAction {

        @Parameters(paramLabel = "ID", description = "The job's id (or its first characters).")
        String idOrPrefix;

        OneJobAction(AppComposition app) {
            super(app);
        }

        @Override
        final int run(JobQueue queue) throws Exception {
            List<String> ids = queue.idsStartingWith(idOrPrefix, 2);
            if (ids.size() == 1) {
                return run(queue, ids.getFirst());
            }
            err().println(ids.isEmpty() ? "No job " + idOrPrefix + ". 'hydra queue list' shows the jobs."
                    : "'" + idOrPrefix + "' matches several jobs; give more of the id.");
            return NOT_FOUND;
        }

        abstract int run(JobQueue queue, String id) throws Exception;
    }

    @Command(name = "add", description = "Queue a job. The payload is checked first: a malformed one is refused.",
            mixinStandardHelpOptions = true)
    static final class Add extends QueueAction {

        @Parameters(index = "0", paramLabel = "TYPE",
                description = "image_generation, llm_task, webhook, maintenance or letta_message")
        String type;

        @Option(names = "--title", required = true, description = "What the job is, as lists show it.")
        String title;

        @Option(names = "--payload", required = true, paramLabel = "JSON|@FILE",
                description = "The job's input: a JSON object, or @file.json (fields per type in docs/cli.md).")
        String payload;

        @Option(names = "--priority", paramLabel = "P", description = "critical, high, normal (default) or low.")
        String priority;

        @Option(names = "--target", paramLabel = "T", description = "any (default), node:NAME or gpu:UUID.")
        String target;

        @Option(names = "--parent", paramLabel = "ID", description = "The job this one derives from (lineage).")
        String parent;

        @Option(names = "--wait", description = "Wait until the job has finished (it runs in the window or hydra serve).")
        boolean await;

        @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
                description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Option(names = "--json", description = "Print the queued job as JSON.")
        boolean json;

        Add(AppComposition app) {
            super(app);
        }

        @Override
        int run(JobQueue queue) throws Exception {
            ObjectNode parsed;
            try {
                parsed = parsePayload();
            } catch (IllegalArgumentException e) {
                err().println("Refused: " + e.getMessage());
                return REFUSED;
            }
            JobSpec job;
            try {
                job = new JobSpec(type, title, parsed, priority == null ? null : Priority.parse(priority),
                        target == null ? null : JobTarget.parse(target), null, parent, null);
            } catch (IllegalArgumentException e) {
                err().println("Refused: " + e.getMessage());
                return REFUSED;
            }
            Job queued;
            try {
                queued = queue.submit(job);
            } catch (IllegalArgumentException e) {
                err().println("Refused: " + type + " payload: " + e.getMessage());
                return REFUSED;
            }
            if (!await) {
                if (json) {
                    out().println(Json.mapper().writeValueAsString(JobJson.Row.of(queued.summary())));
                } else {
                    out().println(queued.id());
                }
                return 0;
            }
            return waitFor(queue, queued.id());
        }

        private int waitFor(JobQueue queue, String id) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            Job job = queue.find(id).orElseThrow();
            while (!job.state().isTerminal() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(250);
                job = queue.find(id).orElseThrow();
            }
            if (json) {
                out().println(Json.mapper().writeValueAsString(JobJson.Detail.of(job, queue.events(id),
                        queue.children(id))));
            } else {
                out().println(id + " " + job.state().id() + (job.stateReason() == null ? "" : ": " + job.stateReason()));
                if (job.outputs().text() != null) {
                    out().println(job.outputs().text());
                }
                job.outputs().files().forEach(out()::println);
            }
            if (!job.state().isTerminal()) {
                err().println("Still " + job.state().id() + " after " + timeout + "; is the window or 'hydra serve' "
                        + "running to run it?");
                return 3;
            }
            return job.state() == JobState.SUCCEEDED ? 0 : 1;
        }

        private ObjectNode parsePayload() {
            String text = payload;
            if (payload.startsWith("@")) {
                Path file = Path.of(payload.substring(1));
                try {
                    text = Files.readString(file);
                } catch (NoSuchFileException e) {
                    throw new IllegalArgumentException("--payload file " + file + " does not exist");
                } catch (IOException e) {
                    throw new IllegalArgumentException("--payload file " + file + " cannot be read: " + e.getMessage());
                }
            }
            JsonNode node;
            try {
                node = Json.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("--payload is not valid JSON: " + e.getOriginalMessage()
                        + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("--payload must be a JSON object such as {\"url\": \"http://…\"}");
            }
            return (ObjectNode) node;
        }
    }

    @Command(name = "list", description = "List jobs, newest first.", mixinStandardHelpOptions = true)
    static final class ListJobs extends QueueAction {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        @Option(names = "--state", paramLabel = "S", split = ",",
                description = "Only these states: pending, waiting_for_resources, running, retrying, succeeded, "
                        + "failed, cancelled.")
        List<String> states = new ArrayList<>();

        @Option(names = "--type", paramLabel = "TYPE", description = "Only this job type.")
        String type;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print a JSON array (fields in docs/cli.md).")
        boolean json;

        ListJobs(AppComposition app) {
            super(app);
        }

        @Override
        int run(JobQueue queue) throws Exception {
            List<JobState> wanted = new ArrayList<>();
            try {
                states.forEach(s -> wanted.add(JobState.parse(s)));
            } catch (IllegalArgumentException e) {
                err().println(e.getMessage());
                return REFUSED;
            }
            List<JobSummary> jobs = queue.list(wanted, type, limit);
            if (json) {
                out().println(Json.mapper().writeValueAsString(jobs.stream().map(JobJson.Row::of).toList()));
                return 0;
            }
            if (jobs.isEmpty()) {
                out().println("No jobs" + (wanted.isEmpty() && type == null ? "." : " match."));
                return 0;
            }
            out().printf("%-8s  %-21s  %-16s  %-8s  %-19s  %-5s  %s%n", "ID", "STATE", "TYPE", "PRIORITY", "CREATED",
                    "TRIES", "TITLE");
            for (JobSummary job : jobs) {
                out().printf("%-8s  %-21s  %-16s  %-8s  %-19s  %-5s  %s%n", job.id().substring(0, 8), job.state().id(),
                        job.type(), job.priority().id(), TIME.format(job.createdAt().atZone(ZoneId.systemDefault())),
                        job.attempts() + "/" + job.maxAttempts(), job.title()
                                + (job.stateReason() == null ? "" : "  — " + job.stateReason()));
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Everything about one job: payload, attempts, errors, outputs, lineage.",
            mixinStandardHelpOptions = true)
    static final class Show extends OneJobAction {

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        Show(AppComposition app) {
            super(app);
        }

        @Override
        int run(JobQueue queue, String id) throws Exception {
            Job job = queue.find(id).orElseThrow();
            JobJson.Detail detail = JobJson.Detail.of(job, queue.events(job.id()), queue.children(job.id()));
            if (json) {
                out().println(Json.mapper().writeValueAsString(detail));
            } else {
                out().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(detail));
            }
            return 0;
        }
    }

    @Command(name = "cancel", description = "Cancel a job that has not finished, and the work it started (ComfyUI).",
            mixinStandardHelpOptions = true)
    static final class Cancel extends OneJobAction {

        Cancel(AppComposition app) {
            super(app);
        }

        @Override
        int run(JobQueue queue, String id) {
            if (queue.cancel(id)) {
                out().println("Cancelled " + id);
                return 0;
            }
            err().println("Job " + id + " has already finished (" + queue.find(id).orElseThrow()
                    .state().id() + "); nothing to cancel.");
            return 1;
        }
    }

    @Command(name = "retry", description = "Queue a failed or cancelled job again, with a fresh attempt budget.",
            mixinStandardHelpOptions = true)
    static final class Retry extends OneJobAction {

        Retry(AppComposition app) {
            super(app);
        }

        @Override
        int run(JobQueue queue, String id) {
            if (queue.retry(id)) {
                out().println("Queued again: " + id);
                return 0;
            }
            err().println("Job " + id + " is " + queue.find(id).orElseThrow().state().id()
                    + "; only failed or cancelled jobs can be retried.");
            return 1;
        }
    }

    @Command(name = "pause", description = "Start no more jobs, on every instance (running ones finish).",
            mixinStandardHelpOptions = true)
    static final class Pause extends QueueAction {

        Pause(AppComposition app) {
            super(app);
        }

        @Override
        int run(JobQueue queue) {
            queue.setPaused(true);
            out().println("The queue is paused: no job starts until 'hydra queue resume'.");
            return 0;
        }
    }

    @Command(name = "resume", description = "Start jobs again after a pause.", mixinStandardHelpOptions = true)
    static final class Resume extends QueueAction {

        Resume(AppComposition app) {
            super(app);
        }

        @Override
        int run(JobQueue queue) {
            queue.setPaused(false);
            out().println("The queue runs again.");
            return 0;
        }
    }
}
