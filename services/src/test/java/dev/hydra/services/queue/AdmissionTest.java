package dev.hydra.services.queue;

import static dev.hydra.services.testing.FakeClusterState.gpu;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hydra.services.config.JobTypeConfig;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.testing.FakeClusterState;
import dev.hydra.services.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Admission from scripted telemetry and a fixed clock: what starts, what waits, and the reason shown. */
class AdmissionTest {

    private static final Instant NOON = Instant.parse("2026-11-21T12:00:00Z");
    private final MutableClock clock = new MutableClock(NOON);
    private final FakeClusterState telemetry = new FakeClusterState(clock, Duration.ofSeconds(2));

    @Test
    void aBusyGpuMakesTheJobWaitWithTheReasonAndARecheckOneIntervalLater() {
        telemetry.report("hydra-compute", gpu("GPU-a", 87, 4_000, 24_576));

        Admission.Decision decision = admission(config()).decide(gpuJob("j1", 0), false, List.of(), telemetry.latest());

        assertThat(decision).isEqualTo(new Admission.Wait(JobState.WAITING_FOR_RESOURCES,
                "GPU-a on hydra-compute is 87 % busy (ceiling 50 %)", NOON.plusSeconds(30)));
    }

    @Test
    void freeVramMustCoverTheNeedAndAtLeastTheQueueMinimum() {
        telemetry.report("hydra-compute", gpu("GPU-a", 5, 21_504, 24_576));

        assertThat(reason(admission(config()).decide(gpuJob("j1", 0), false, List.of(), telemetry.latest())))
                .isEqualTo("GPU-a on hydra-compute has 3.0 GB VRAM free, needs 4.0 GB");
        telemetry.report("hydra-compute", gpu("GPU-a", 5, 14_336, 24_576));
        assertThat(reason(admission(config()).decide(gpuJob("j1", 12), false, List.of(), telemetry.latest())))
                .isEqualTo("GPU-a on hydra-compute has 10.0 GB VRAM free, needs 12.0 GB");
        assertThat(admission(config()).decide(gpuJob("j1", 8), false, List.of(), telemetry.latest()))
                .isEqualTo(new Admission.Admit("hydra-compute", "GPU-a"));
    }

    @Test
    void anyTargetPicksTheFittingGpuWithTheMostFreeVram() {
        telemetry.report("hydra-ai", gpu("GPU-busy", 95, 1_000, 32_768), gpu("GPU-small", 10, 16_000, 24_576),
                gpu("GPU-big", 10, 2_000, 32_768));

        assertThat(admission(config()).decide(gpuJob("j1", 0), false, List.of(), telemetry.latest()))
                .isEqualTo(new Admission.Admit("hydra-ai", "GPU-big"));
    }

    @Test
    void vramClaimedByAJobStartedAfterTheReadingCounts() {
        telemetry.report("hydra-ai", gpu("GPU-a", 10, 8_192, 24_576));
        clock.advance(Duration.ofMillis(500));
        List<Admission.Running> running = List.of(new Admission.Running("other", "image_generation", "GPU-a", 10,
                false, clock.instant()));

        assertThat(reason(admission(config()).decide(gpuJob("j1", 8), false, running, telemetry.latest())))
                .isEqualTo("GPU-a on hydra-ai has 6.0 GB VRAM free, needs 8.0 GB");
    }

    @Test
    void staleOrMissingTelemetryIsAReasonToWaitNotToGuess() {
        telemetry.report("hydra-compute", gpu("GPU-a", 0, 0, 24_576));
        clock.advance(Duration.ofSeconds(90));

        assertThat(reason(admission(config()).decide(gpuJob("j1", 0), false, List.of(), telemetry.latest())))
                .isEqualTo("GPU-a on hydra-compute has no recent telemetry (last reading 90 s ago)");
        Job onMissingGpu = gpuJob("j2", 0);
        onMissingGpu = withTarget(onMissingGpu, JobTarget.parse("GPU-gone"));
        assertThat(reason(admission(config()).decide(onMissingGpu, false, List.of(), telemetry.latest())))
                .isEqualTo("GPU GPU-gone is not reported by any node (no telemetry to admit a GPU job on)");
    }

    @Test
    void theGlobalAndPerTypeLimitsKeepJobsPendingForASlot() {
        List<Admission.Running> three = List.of(running("a", "webhook"), running("b", "webhook"),
                running("c", "llm_task"));
        Admission.Decision full = admission(config()).decide(job("j1", "webhook"), false, three, telemetry.latest());
        assertThat(full).isEqualTo(new Admission.Wait(JobState.PENDING, "waiting for a slot: 3 of 3 jobs running",
                NOON.plusSeconds(1)));

        QueueConfig perType = new QueueConfig(5, null, null, null, null, null, null, null, "UTC",
                Map.of("webhook", new JobTypeConfig(2, null, null, null, null, null, null, null, null, null, null)),
                null, null);
        assertThat(reason(admission(perType).decide(job("j1", "webhook"), false, three, telemetry.latest())))
                .isEqualTo("waiting for a slot: 2 of 2 webhook jobs running");
        assertThat(admission(perType).decide(job("j1", "llm_task"), false, three, telemetry.latest()))
                .isInstanceOf(Admission.Admit.class);
    }

    @Test
    void anOvernightWindowHoldsTheJobUntilItOpens() {
        QueueConfig overnight = new QueueConfig(null, null, null, null, null, null, null, null, "UTC",
                Map.of("llm_task", new JobTypeConfig(null, null, "23:00-07:00", null, null, null, null, null, null,
                        null, null)), null, null);

        assertThat(admission(overnight).decide(job("j1", "llm_task"), false, List.of(), telemetry.latest()))
                .isEqualTo(new Admission.Wait(JobState.WAITING_FOR_RESOURCES,
                        "llm_task jobs run only 23:00–07:00; next start at 23:00", Instant.parse("2026-11-21T23:00:00Z")));
        clock.set(Instant.parse("2026-11-22T02:30:00Z"));
        assertThat(admission(overnight).decide(job("j1", "llm_task"), false, List.of(), telemetry.latest()))
                .isInstanceOf(Admission.Admit.class);
    }

    @Test
    void anExclusiveJobNeedsItsGpuToItself() {
        telemetry.report("hydra-ai", gpu("GPU-a", 10, 2_000, 24_576));
        Job exclusive = new Job("x", "image_generation", "t", obj(), Priority.NORMAL, JobTarget.ANY,
                new ResourceNeeds(true, 0, true), JobState.PENDING, null, 0, 3, null, null, null, null, NOON, null,
                null, null, null, JobOutputs.NONE, null, null, null, null, NOON);
        List<Admission.Running> sharing = List.of(new Admission.Running("other", "image_generation", "GPU-a", 0, false,
                NOON.minusSeconds(60)));

        assertThat(reason(admission(config()).decide(exclusive, false, sharing, telemetry.latest())))
                .isEqualTo("GPU-a on hydra-ai is taken by job other and this job needs the GPU to itself");
    }

    @Test
    void aPausedQueueStartsNothing() {
        assertThat(reason(admission(config()).decide(job("j1", "webhook"), true, List.of(), telemetry.latest())))
                .isEqualTo("the queue is paused");
    }

    private Admission admission(QueueConfig config) {
        return new Admission(config, clock, Duration.ofSeconds(2));
    }

    private static QueueConfig config() {
        return new QueueConfig(null, null, null, null, null, null, null, null, "UTC", null, null, null);
    }

    private static String reason(Admission.Decision decision) {
        assertThat(decision).isInstanceOf(Admission.Wait.class);
        return ((Admission.Wait) decision).reason();
    }

    private static Job gpuJob(String id, double vramGb) {
        return new Job(id, "image_generation", "t", obj(), Priority.NORMAL, JobTarget.ANY,
                new ResourceNeeds(true, vramGb, false), JobState.PENDING, null, 0, 3, null, null, null, null, NOON,
                null, null, null, null, JobOutputs.NONE, null, null, null, null, NOON);
    }

    private static Job withTarget(Job job, JobTarget target) {
        return new Job(job.id(), job.type(), job.title(), job.payload(), job.priority(), target, job.needs(),
                job.state(), null, 0, 3, null, null, null, null, NOON, null, null, null, null, JobOutputs.NONE, null,
                null, null, null, NOON);
    }

    private static Job job(String id, String type) {
        return new Job(id, type, "t", obj(), Priority.NORMAL, JobTarget.ANY, ResourceNeeds.NONE, JobState.PENDING,
                null, 0, 3, null, null, null, null, NOON, null, null, null, null, JobOutputs.NONE, null, null, null,
                null, NOON);
    }

    private static Admission.Running running(String id, String type) {
        return new Admission.Running(id, type, null, 0, false, NOON);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }
}
