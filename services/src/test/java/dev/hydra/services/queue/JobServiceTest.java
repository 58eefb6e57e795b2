package dev.hydra.services.queue;

import static dev.hydra.services.testing.FakeClusterState.gpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.config.JobTypeConfig;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.config.ScheduleConfig;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.handlers.WebhookHandler;
import dev.hydra.services.testing.FakeClusterState;
import dev.hydra.services.testing.MutableClock;
import dev.hydra.services.transport.http.HttpClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue end to end on H2 with real db-scheduler: admission, retries, cancellation, pause, cron, hand-back. */
class JobServiceTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private final Clock clock = Clock.systemUTC();
    private final FakeClusterState telemetry = new FakeClusterState(clock, Duration.ofSeconds(2));
    private final ScriptedHandler scripted = new ScriptedHandler("test");
    private final MockWebServer web = new MockWebServer();
    private QueueHarness harness;

    @BeforeEach
    void startWeb() throws Exception {
        web.start();
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        web.close();
    }

    @Test
    void aWebhookJobCallsTheUrlSucceedsByStatusAndKeepsTheResponse() throws Exception {
        web.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"executionId\": \"42\"}").build());
        harness = QueueHarness.h2(config(Map.of()), clock, telemetry, handlers()).start();

        Job job = harness.queue.submit(JobSpec.of("webhook", "Run the n8n briefing flow", payload("""
                {"url": "%s", "headers": {"X-Source": "hydra"}, "body": {"topic": "gpus"}}""".formatted(web.url("/webhook/briefing")))));

        await().atMost(AWAIT).until(() -> harness.job(job.id()).state() == JobState.SUCCEEDED);
        RecordedRequest request = web.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeaders().get("X-Source")).isEqualTo("hydra");
        assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo(job.id());
        assertThat(request.getBody().utf8()).isEqualTo("{\"topic\":\"gpus\"}");
        Job done = harness.job(job.id());
        assertThat(done.outputs().text()).isEqualTo("{\"executionId\": \"42\"}");
        assertThat(done.outputs().details().get("status").asInt()).isEqualTo(200);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isNotNull();
        assertThat(harness.queue.events(job.id())).extracting(JobEvent::kind)
                .containsExactly("queued", "started", "succeeded");
    }

    @Test
    void aMalformedPayloadIsRefusedWithAClearMessageAndNothingIsStored() {
        harness = QueueHarness.h2(config(Map.of()), clock, telemetry, handlers());

        assertThatThrownBy(() -> harness.queue.submit(JobSpec.of("webhook", "t", payload("{\"method\": \"POST\"}"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the payload needs \"url\" (e.g. \"http://hydra-storage:5678/webhook/briefing\")");
        assertThatThrownBy(() -> harness.queue.submit(JobSpec.of("webhook", "t", payload("{\"url\": \"ftp://x\"}"))))
                .hasMessage("\"url\" must be an http:// or https:// URL, got ftp://x");
        assertThatThrownBy(() -> harness.queue.submit(JobSpec.of("teleport", "t", payload("{}"))))
                .hasMessageStartingWith("unknown job type 'teleport'; known types: ");
        assertThat(harness.queue.list(List.of(), null, 10)).isEmpty();
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffAndAPermanentOneIsNot() {
        harness = QueueHarness.h2(config(Map.of("test", fastRetries(3))), clock, telemetry, handlers()).start();

        Job flaky = harness.queue.submit(JobSpec.of("test", "flaky", payload("{\"fail\": \"transient\", \"failTimes\": 2}")));
        Job broken = harness.queue.submit(JobSpec.of("test", "broken", payload("{\"fail\": \"permanent\"}")));
        Job hopeless = harness.queue.submit(JobSpec.of("test", "hopeless", payload("{\"fail\": \"transient\"}")));

        await().atMost(AWAIT).until(() -> harness.job(flaky.id()).state() == JobState.SUCCEEDED
                && harness.job(broken.id()).state() == JobState.FAILED
                && harness.job(hopeless.id()).state() == JobState.FAILED);
        assertThat(harness.job(flaky.id()).attempts()).isEqualTo(3);
        assertThat(harness.queue.events(flaky.id())).extracting(JobEvent::kind)
                .containsExactly("queued", "started", "retrying", "started", "retrying", "started", "succeeded");
        assertThat(harness.job(broken.id()).attempts()).as("permanent: not retried").isEqualTo(1);
        assertThat(harness.job(broken.id()).lastError()).isEqualTo("bad request: no such model");
        assertThat(harness.job(hopeless.id()).attempts()).isEqualTo(3);
        assertThat(harness.job(hopeless.id()).stateReason())
                .isEqualTo("service unavailable (attempt 3) (gave up after 3 attempts)");
    }

    @Test
    void aGpuJobWaitsWhileTheGpuIsBusyAndStartsWithinOneCheckIntervalAfterItFrees() {
        MutableClock time = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
        FakeClusterState gpus = new FakeClusterState(time, Duration.ofSeconds(2));
        gpus.report("hydra-compute", gpu("GPU-a", 92, 20_000, 24_576));
        harness = QueueHarness.h2(config(Map.of("test", new JobTypeConfig(null, null, null, true, 6.0, null, null,
                null, null, null, null))), time, gpus, handlers()).start();

        Job job = harness.queue.submit(JobSpec.of("test", "render chapter 3", payload("{}")));

        await().atMost(AWAIT).until(() -> harness.job(job.id()).state() == JobState.WAITING_FOR_RESOURCES);
        assertThat(harness.job(job.id()).stateReason()).isEqualTo("GPU-a on hydra-compute is 92 % busy (ceiling 50 %)");
        assertThat(harness.job(job.id()).nextAttemptAt()).isEqualTo(time.instant().plusSeconds(30));

        time.advance(Duration.ofSeconds(10));
        gpus.report("hydra-compute", gpu("GPU-a", 3, 2_000, 24_576));
        time.advance(Duration.ofSeconds(19));
        await().during(Duration.ofMillis(600)).atMost(AWAIT)
                .until(() -> harness.job(job.id()).state() == JobState.WAITING_FOR_RESOURCES);
        gpus.report("hydra-compute", gpu("GPU-a", 3, 2_000, 24_576));
        time.advance(Duration.ofSeconds(1));

        await().atMost(AWAIT).until(() -> harness.job(job.id()).state() == JobState.SUCCEEDED);
        Job done = harness.job(job.id());
        assertThat(done.startedAt()).as("started at the first check after the GPU freed, one interval after the "
                + "last wait").isEqualTo(Instant.parse("2026-11-21T12:00:30Z"));
        assertThat(done.assignedGpu()).isEqualTo("GPU-a");
        assertThat(scripted.runs).containsExactly(job.id());
    }

    @Test
    void higherPriorityRunsFirst() {
        harness = QueueHarness.h2(new QueueConfig(1, null, null, null, null, Duration.ofMillis(100), null, null,
                "UTC", null, null, null), clock, telemetry, handlers());
        Job low = harness.queue.submit(JobSpec.of("test", "low", payload("{}")).withPriority(Priority.LOW));
        Job normal = harness.queue.submit(JobSpec.of("test", "normal", payload("{}")));
        Job critical = harness.queue.submit(JobSpec.of("test", "critical", payload("{}")).withPriority(Priority.CRITICAL));
        Job bumped = harness.queue.submit(JobSpec.of("test", "bumped to high", payload("{}")));
        assertThat(harness.queue.bumpPriority(bumped.id())).isTrue();

        harness.start();

        await().atMost(AWAIT).until(() -> scripted.runs.size() == 4);
        assertThat(scripted.titles).containsExactly("critical", "bumped to high", "normal", "low");
        assertThat(harness.job(low.id()).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(harness.job(normal.id()).priority()).isEqualTo(Priority.NORMAL);
        assertThat(harness.job(critical.id()).priority()).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void cancellingARunningJobStopsItAndItIsNotRetried() throws Exception {
        web.enqueue(new MockResponse.Builder().code(200).body("late").headersDelay(60, TimeUnit.SECONDS).build());
        harness = QueueHarness.h2(config(Map.of()), clock, telemetry, handlers()).start();
        Job slow = harness.queue.submit(JobSpec.of("webhook", "slow", payload("{\"url\": \"%s\"}"
                .formatted(web.url("/slow")))));
        web.takeRequest(10, TimeUnit.SECONDS);
        await().atMost(AWAIT).until(() -> harness.job(slow.id()).state() == JobState.RUNNING);

        assertThat(harness.queue.cancel(slow.id())).isTrue();

        assertThat(harness.job(slow.id()).state()).isEqualTo(JobState.CANCELLED);
        await().atMost(AWAIT).until(() -> harness.queue.events(slow.id()).stream()
                .noneMatch(e -> e.kind().equals("retrying")) && harness.job(slow.id()).state() == JobState.CANCELLED);
        assertThat(harness.queue.cancel(slow.id())).as("already finished").isFalse();
        assertThat(harness.queue.retry(slow.id())).as("a cancelled job can be retried").isTrue();
        web.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        await().atMost(AWAIT).until(() -> harness.job(slow.id()).state() == JobState.SUCCEEDED);
    }

    @Test
    void pausingStopsNewStartsOnEveryInstanceAndResumingStartsThem() {
        harness = QueueHarness.h2(config(Map.of()), clock, telemetry, handlers()).start();
        harness.queue.setPaused(true);

        Job job = harness.queue.submit(JobSpec.of("test", "held", payload("{}")));

        await().atMost(AWAIT).until(() -> "the queue is paused".equals(harness.job(job.id()).stateReason()));
        assertThat(harness.job(job.id()).state()).isEqualTo(JobState.PENDING);
        assertThat(harness.queue.isPaused()).isTrue();
        harness.queue.setPaused(false);
        await().atMost(AWAIT).until(() -> harness.job(job.id()).state() == JobState.SUCCEEDED);
    }

    @Test
    void aCronScheduleQueuesItsJobAtItsTimeAndAPausedOneDoesNot() {
        MutableClock time = new MutableClock(Instant.parse("2026-11-23T06:59:58Z"));
        ScheduleConfig briefing = new ScheduleConfig("0 7 * * *", "test", "Morning briefing",
                payload("{\"output\": \"briefed\"}"), "high", null, false);
        ScheduleConfig research = new ScheduleConfig("0 7 * * *", "test", "Research", payload("{}"), null, null, false);
        QueueConfig config = new QueueConfig(null, null, null, null, null, Duration.ofMillis(100), null, null, "UTC",
                null, new java.util.LinkedHashMap<>(Map.of("briefing", briefing, "research", research)), null);
        harness = QueueHarness.h2(config, time, telemetry, handlers());
        harness.queue.setSchedulePaused("research", true);
        harness.start();
        assertThat(harness.queue.schedules()).extracting(JobQueue.ScheduleInfo::name, JobQueue.ScheduleInfo::paused,
                        JobQueue.ScheduleInfo::nextRun)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("briefing", false, Instant.parse("2026-11-23T07:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("research", true, Instant.parse("2026-11-23T07:00:00Z")));

        time.advance(Duration.ofSeconds(3));

        await().atMost(AWAIT).until(() -> scripted.runs.size() == 1);
        JobSummary queued = harness.queue.list(List.of(), null, 10).getFirst();
        assertThat(queued.title()).isEqualTo("Morning briefing · 2026-11-23");
        assertThat(queued.priority()).isEqualTo(Priority.HIGH);
        await().atMost(AWAIT).until(() -> harness.job(queued.id()).state() == JobState.SUCCEEDED);
        assertThat(harness.job(queued.id()).scheduleName()).isEqualTo("briefing");
        assertThat(harness.job(queued.id()).outputs().text()).isEqualTo("briefed");
        await().during(Duration.ofMillis(500)).atMost(AWAIT).until(() -> scripted.runs.size() == 1);
    }

    @Test
    void stoppingHandsARunningJobBackAndTheNextInstanceFinishesIt() throws Exception {
        QueueConfig quickStop = new QueueConfig(null, null, null, null, null, Duration.ofMillis(100), null,
                Duration.ofMillis(300), "UTC", null, null, null);
        harness = QueueHarness.h2(quickStop, clock, telemetry, handlers()).start();
        Job job = harness.queue.submit(JobSpec.of("test", "long", payload("{\"block\": true}")));
        assertThat(scripted.started.await(20, TimeUnit.SECONDS)).isTrue();

        harness.queue.stop();

        Job handedBack = harness.job(job.id());
        assertThat(handedBack.state()).isEqualTo(JobState.PENDING);
        assertThat(handedBack.stateReason()).startsWith("handed back by test-instance when it stopped");
        scripted.unblock();
        JobService next = new JobService(harness.database.dataSource(), harness.database.jdbi(), quickStop, handlers(),
                telemetry, clock, "next-instance", QueueMetrics.detached());
        next.start();
        try {
            await().atMost(AWAIT).until(() -> harness.job(job.id()).state() == JobState.SUCCEEDED);
            assertThat(harness.job(job.id()).executedBy()).isEqualTo("next-instance");
            assertThat(harness.queue.events(job.id())).extracting(JobEvent::kind).contains("handed_back");
        } finally {
            next.stop();
        }
    }

    private List<JobHandler> handlers() {
        return List.of(scripted, new WebhookHandler(HttpClients.shared(), Map.of()));
    }

    private static JobTypeConfig fastRetries(int attempts) {
        return new JobTypeConfig(null, attempts, null, null, null, null, null, null, Duration.ofMillis(50),
                Duration.ofMillis(200), null);
    }

    static QueueConfig config(Map<String, JobTypeConfig> types) {
        return new QueueConfig(null, null, null, null, null, Duration.ofMillis(100), null, null, "UTC", types, null,
                null);
    }

    static ObjectNode payload(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
