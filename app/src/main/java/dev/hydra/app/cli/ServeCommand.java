package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.JobService;
import dev.hydra.services.serve.ServeEndpoint;
import dev.hydra.services.store.DatabaseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hydra serve}: the scheduler, the collectors and the cron schedules, headless, with /healthz and /metrics.
 * SIGTERM (or Ctrl+C) stops taking jobs; running ones get queue.shutdownWait to finish and are then handed back.
 */
@Command(name = "serve", description = "Run the queue, collectors and schedules headless, with /healthz and /metrics.",
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", description = "Port of /healthz and /metrics (default: serve.port, 9477).")
    private Integer port;

    @Option(names = "--bind", description = "Address to listen on (default: serve.bind, 127.0.0.1).")
    private String bind;

    private final AppComposition app;

    ServeCommand(AppComposition app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        app.loadedConfig().problem().ifPresent(problem -> err.println("hydra.yaml is not usable, running with the "
                + "embedded default: " + problem.describe()));
        app.role("serve");
        JobService jobs;
        try {
            jobs = app.jobs();
        } catch (DatabaseException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
        String address = bind != null ? bind : app.config().serve().bind();
        int listenPort = port != null ? port : app.config().serve().port();
        ServeEndpoint endpoint;
        try {
            endpoint = ServeEndpoint.start(address, listenPort, app.metrics(), () -> health(jobs));
        } catch (IOException e) {
            err.println("Cannot listen on " + address + ":" + listenPort + ": " + e.getMessage()
                    + "; choose another with --port or serve.port in hydra.yaml");
            err.flush();
            return 1;
        }
        app.telemetry().start();
        jobs.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("serve-shutdown").unstarted(() -> {
            LOG.info("Stopping: running jobs get up to {} to finish", app.config().queue().shutdownWait());
            endpoint.close();
            jobs.stop();
            app.telemetry().close();
            stopped.countDown();
        }));
        out.printf("hydra serve: queue instance %s on %s; /healthz and /metrics on http://%s:%d%n", jobs.instance(),
                app.database().description(), address, endpoint.port());
        out.flush();
        LOG.info("Serving as {} on {}:{}", jobs.instance(), address, endpoint.port());
        stopped.await();
        return 0;
    }

    private static ServeEndpoint.Health health(JobService jobs) {
        var facts = Json.mapper().createObjectNode().put("instance", jobs.instance());
        boolean paused;
        try {
            paused = jobs.isPaused();
        } catch (RuntimeException e) {
            return new ServeEndpoint.Health("the database does not answer: " + e.getMessage(), facts);
        }
        facts.put("queuePaused", paused).put("queueRunning", jobs.isRunning());
        return new ServeEndpoint.Health(jobs.isRunning() ? null : "the queue is not running", facts);
    }
}
