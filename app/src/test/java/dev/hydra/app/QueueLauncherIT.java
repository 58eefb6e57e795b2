package dev.hydra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.JobService;
import dev.hydra.services.queue.JobSpec;
import dev.hydra.services.queue.JobState;
import dev.hydra.services.queue.JobSummary;
import dev.hydra.services.testing.FakeComfyUi;
import dev.hydra.services.testing.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue as a user runs it: the packaged launcher's {@code hydra serve} (a separate JVM), {@code hydra queue …},
 * a restart, a {@code kill -9} in the middle of jobs, and a server and a desktop sharing one PostgreSQL.
 */
class QueueLauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("hydra.launcher", "target/hydra/bin/hydra"));
    private static final Pattern LISTENING = Pattern.compile("/healthz and /metrics on http://([^:]+):(\\d+)");

    @TempDir
    Path home;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws Exception {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWebhookQueuedFromTheCommandLineSucceedsUnderServeAndIsListedAfterARestart() throws Exception {
        try (MockWebServer endpoint = new MockWebServer()) {
            endpoint.enqueue(new MockResponse.Builder().code(201).body("{\"run\": \"n8n-77\"}").build());
            endpoint.start();
            config("queue:\n  pollInterval: 200ms\nserve:\n  port: 0\n");
            Serve serve = serve("first");

            Result add = run("queue", "add", "webhook", "--title", "Nightly n8n flow", "--payload",
                    "{\"url\": \"" + endpoint.url("/webhook/nightly") + "\"}", "--wait", "--timeout", "60s");

            assertThat(add.code).as(add.err).isZero();
            assertThat(add.out).contains(" succeeded").contains("{\"run\": \"n8n-77\"}");
            String metrics = get(serve.url("/metrics"));
            assertThat(metrics).contains("hydra_queue_jobs{state=\"succeeded\"} 1")
                    .contains("hydra_queue_job_duration_seconds_count{outcome=\"succeeded\",type=\"webhook\"} 1")
                    .contains("hydra_queue_admission_wait_seconds_bucket");
            assertThat(get(serve.url("/healthz"))).contains("\"status\":\"ok\"").contains("serve@");
            serve.terminate();

            Result list = run("queue", "list", "--json");
            assertThat(list.code).as(list.err).isZero();
            JsonNode jobs = Json.mapper().readTree(list.out);
            assertThat(jobs).hasSize(1);
            assertThat(jobs.get(0).get("state").asText()).isEqualTo("succeeded");
            assertThat(jobs.get(0).get("title").asText()).isEqualTo("Nightly n8n flow");
            assertThat(jobs.get(0).get("executedBy").asText()).startsWith("serve@");
        }
    }

    @Test
    void killNineMidJobLosesNothingAndTheComfyPromptIsFollowedNotPostedAgain() throws Exception {
        try (FakeComfyUi comfy = FakeComfyUi.start(); MockWebServer hook = new MockWebServer()) {
            AtomicInteger hookCalls = new AtomicInteger();
            hook.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return hookCalls.incrementAndGet() == 1
                            ? new MockResponse.Builder().code(200).body("too late").headersDelay(120, TimeUnit.SECONDS)
                                    .build()
                            : new MockResponse.Builder().code(200).body("delivered").build();
                }
            });
            hook.start();
            comfy.hold();
            config("""
                    queue:
                      pollInterval: 200ms
                      heartbeatInterval: 1s
                      types:
                        image_generation: {gpu: false}
                        webhook: {backoff: 1s}
                    comfyui:
                      url: %s
                    serve:
                      port: 0
                    """.formatted(comfy.url()));
            Path graph = home.resolve("graph.json");
            var payload = Json.mapper().createObjectNode();
            payload.set("graph", FakeComfyUi.textToImage("a lighthouse, kill -9 edition", 77));
            Files.writeString(graph, payload.toString());
            Serve first = serve("first");
            String image = add("image_generation", "Lighthouse", "@" + graph);
            String webhook = add("webhook", "Deliver", "{\"url\": \"" + hook.url("/deliver") + "\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> comfy.postedPromptIds().size() == 1
                    && comfy.isRunning(comfy.postedPromptIds().getFirst()) && hookCalls.get() == 1);
            String promptId = comfy.postedPromptIds().getFirst();

            first.process.destroyForcibly();
            assertThat(first.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String queuedWhileDown = add("webhook", "Queued while no server ran",
                    "{\"url\": \"" + hook.url("/later") + "\"}");
            serve("second");
            await().atMost(Duration.ofSeconds(60)).until(() -> state(webhook).equals("succeeded"));
            comfy.release();
            await().atMost(Duration.ofSeconds(60)).until(() -> state(image).equals("succeeded"));
            await().atMost(Duration.ofSeconds(30)).until(() -> state(queuedWhileDown).equals("succeeded"));

            assertThat(comfy.postedPromptIds()).as("the prompt was found again, not posted twice")
                    .containsExactly(promptId);
            JsonNode imageJob = show(image);
            assertThat(imageJob.get("remoteRef").asText()).isEqualTo(promptId);
            assertThat(imageJob.get("events").findValuesAsText("kind")).contains("revived");
            assertThat(imageJob.get("outputs").get("files")).hasSize(1);
            assertThat(Path.of(imageJob.get("outputs").get("files").get(0).asText())).exists();
            JsonNode webhookJob = show(webhook);
            assertThat(webhookJob.get("events").findValuesAsText("kind")).contains("revived");
            assertThat(webhookJob.get("outputs").get("text").asText()).isEqualTo("delivered");
        }
    }

    @Test
    void serveAndADesktopOnOnePostgresRunAThousandJobsAndNoneRunsTwice() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        try (PostgresServer postgres = PostgresServer.start(); MockWebServer receiver = new MockWebServer()) {
            receiver.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    calls.computeIfAbsent(request.getHeaders().get("Idempotency-Key"), k -> new AtomicInteger())
                            .incrementAndGet();
                    return new MockResponse.Builder().code(204).build();
                }
            });
            receiver.start();
            config("""
                    database:
                      url: %s
                      user: %s
                    queue:
                      concurrency: 6
                      pollInterval: 200ms
                    serve:
                      port: 0
                    """.formatted(postgres.createDatabase("hydra_shared"), postgres.user()));
            serve("pg");
            try (AppComposition desktop = new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", home.toString()),
                    "Linux", home), Clock.systemUTC(), Map.of("HYDRA_DB_PASSWORD", ""))) {
                desktop.role("desktop");
                JobService queue = desktop.jobs();
                queue.start();
                for (int i = 0; i < 1000; i++) {
                    queue.submit(JobSpec.of("webhook", "job " + i, (com.fasterxml.jackson.databind.node.ObjectNode)
                            Json.mapper().readTree("{\"url\": \"" + receiver.url("/run") + "\"}")));
                }
                await().atMost(Duration.ofMinutes(4)).until(() -> queue.list(List.of(JobState.SUCCEEDED), null, 2000)
                        .size() == 1000);
                List<JobSummary> jobs = queue.list(List.of(), null, 2000);
                assertThat(calls).hasSize(1000);
                assertThat(calls.values()).as("no job ran twice").allMatch(n -> n.get() == 1);
                assertThat(jobs).allMatch(j -> j.attempts() == 1);
                assertThat(jobs.stream().map(j -> j.executedBy().substring(0, j.executedBy().indexOf('@'))).distinct()
                        .sorted().toList()).as("both instances took part").containsExactly("desktop", "serve");
            }
        }
    }

    private void config(String yaml) throws IOException {
        Files.writeString(home.resolve("hydra.yaml"), yaml);
    }

    private String add(String type, String title, String payload) throws Exception {
        Result result = run("queue", "add", type, "--title", title, "--payload", payload);
        assertThat(result.code).as(result.err).isZero();
        return result.out.strip();
    }

    private String state(String id) throws Exception {
        return show(id).get("state").asText();
    }

    private JsonNode show(String id) throws Exception {
        Result result = run("queue", "show", id, "--json");
        assertThat(result.code).as(result.err).isZero();
        return Json.mapper().readTree(result.out);
    }

    private Serve serve(String name) throws Exception {
        Path out = home.resolve("serve-" + name + ".out");
        Path err = home.resolve("serve-" + name + ".err");
        ProcessBuilder builder = launcher(List.of("serve")).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        started.add(process);
        Matcher[] listening = new Matcher[1];
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("hydra serve exited: " + Files.readString(err));
            }
            Matcher matcher = LISTENING.matcher(Files.readString(out));
            listening[0] = matcher;
            return matcher.find();
        });
        return new Serve(process, "http://" + listening[0].group(1) + ":" + listening[0].group(2));
    }

    private record Serve(Process process, String base) {
        String url(String path) {
            return base + path;
        }

        void terminate() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("hydra serve stops on SIGTERM").isTrue();
        }
    }

    private static String get(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    private ProcessBuilder launcher(List<String> args) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HYDRA_HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("hydra.java.home", System.getProperty("java.home")));
        return builder;
    }

    private Result run(String... args) throws Exception {
        Path stdout = Files.createTempFile(home, "out", ".txt");
        Path stderr = Files.createTempFile(home, "err", ".txt");
        Process process = launcher(List.of(args)).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("hydra " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }
}
