package dev.hydra.ui.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobService;
import dev.hydra.services.queue.JobSpec;
import dev.hydra.services.queue.JobState;
import dev.hydra.services.queue.Priority;
import dev.hydra.services.queue.QueueMetrics;
import dev.hydra.services.store.Database;
import dev.hydra.services.testing.FakeClusterState;
import dev.hydra.ui.common.UiExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Queue view model on a real queue (H2), without a toolkit: work and UI hops run at once. */
class QueueViewModelTest {

    private final Database database = open();
    private final Clock clock = Clock.systemUTC();
    private final DemoHandler llm = new DemoHandler("llm_task");
    private final JobService queue = new JobService(database.dataSource(), database.jdbi(),
            new QueueConfig(null, null, null, null, null, Duration.ofMillis(100), null, Duration.ofMillis(200), "UTC",
                    null, null, null),
            List.of(llm, new DemoHandler("webhook")), new FakeClusterState(clock, Duration.ofSeconds(2)), clock,
            "desktop@test", QueueMetrics.detached());
    private final QueueViewModel vm = new QueueViewModel(queue, UiExecutor.IMMEDIATE, Runnable::run, clock);

    @AfterEach
    void close() {
        queue.stop();
        database.close();
    }

    @Test
    void showsEveryJobNewestFirstAndFiltersByStateTypeAndText() {
        Job research = queue.submit(JobSpec.of("llm_task", "Research: quantization", payload("{}")));
        Job hook = queue.submit(JobSpec.of("webhook", "CrewAI run", payload("{}")).withPriority(Priority.HIGH));

        vm.refresh();

        assertThat(vm.rows()).extracting(JobRow::id).containsExactly(hook.id(), research.id());
        assertThat(vm.summaryProperty().get()).isEqualTo("2 pending");
        vm.typeFilterProperty().set("llm_task");
        assertThat(vm.rows()).extracting(JobRow::title).containsExactly("Research: quantization");
        vm.typeFilterProperty().set("");
        vm.searchProperty().set("CREW");
        assertThat(vm.rows()).extracting(JobRow::title).containsExactly("CrewAI run");
        vm.searchProperty().set("");
        vm.stateFilterProperty().set(JobState.FAILED);
        assertThat(vm.rows()).isEmpty();
        vm.stateFilterProperty().set(null);
        vm.sortKeyProperty().set(QueueViewModel.SortKey.PRIORITY);
        assertThat(vm.rows().getFirst().priority()).isEqualTo(Priority.HIGH);
        vm.descendingProperty().set(false);
        assertThat(vm.rows().getFirst().priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void liveProgressAndOutcomesArriveThroughIncrementalRefreshes() {
        queue.start();
        Job held = queue.submit(JobSpec.of("llm_task", "Long answer", payload("{\"hold\": true}")));
        Job broken = queue.submit(JobSpec.of("webhook", "Broken hook", payload("{\"fail\": \"HTTP 404 from n8n\"}")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            vm.refresh();
            assertThat(row(held.id()).progressText()).isEqualTo("60 % KSampler 12/20");
            assertThat(row(held.id()).progress()).isEqualTo(0.6);
            assertThat(row(broken.id()).state()).isEqualTo(JobState.FAILED);
        });
        llm.release();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            vm.refresh();
            assertThat(row(held.id()).state()).isEqualTo(JobState.SUCCEEDED);
        });
        assertThat(vm.summaryProperty().get()).isEqualTo("1 succeeded · 1 failed");
    }

    @Test
    void theDetailPaneShowsPayloadErrorsTimelineAndLineageAndActionsWork() {
        queue.start();
        Job broken = queue.submit(JobSpec.of("webhook", "Broken hook", payload("{\"fail\": \"HTTP 404 from n8n\"}")));
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.find(broken.id()).orElseThrow().state()
                == JobState.FAILED);
        Job child = queue.submit(JobSpec.of("llm_task", "Follow-up", payload("{}")).withParent(broken.id()));
        vm.refresh();

        vm.select(broken.id());

        JobDetail detail = vm.detailProperty().get();
        assertThat(detail.stateLabel()).isEqualTo("failed");
        assertThat(detail.lines()).contains(new JobDetail.Line("Last error", "HTTP 404 from n8n"));
        assertThat(detail.payload()).contains("\"fail\" : \"HTTP 404 from n8n\"");
        assertThat(detail.events()).hasSize(3).anyMatch(e -> e.contains("failed  HTTP 404 from n8n  (desktop@test)"));
        assertThat(detail.childIds()).containsExactly(child.id());
        assertThat(detail.canRetry()).isTrue();
        assertThat(detail.canCancel()).isFalse();

        vm.cancel(broken.id());
        assertThat(vm.problemProperty().get()).isEqualTo("Not done: It has already finished.");
        vm.retry(broken.id());
        assertThat(vm.problemProperty().get()).isNull();
        vm.togglePaused();
        assertThat(vm.pausedProperty().get()).isTrue();
        assertThat(queue.isPaused()).isTrue();
    }

    private JobRow row(String id) {
        return vm.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static ObjectNode payload(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Database open() {
        try {
            return Database.openInMemory("vm-" + UUID.randomUUID());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
