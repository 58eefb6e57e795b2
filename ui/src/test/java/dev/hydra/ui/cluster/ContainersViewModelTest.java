package dev.hydra.ui.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.containers.Container;
import dev.hydra.ui.common.ActionPrompts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainersViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private final ActionPrompts prompts = new ActionPrompts(null, "no database", "me", Runnable::run, Runnable::run);
    private final ContainersViewModel vm = new ContainersViewModel(prompts, "postgres"::equals);

    @Test
    void rowsAreGroupedFilteredAndSummarised() {
        vm.apply(cluster(), NOW);

        assertThat(vm.groups()).extracting(ContainerGroup::title).containsExactly("hydra-ai", "hydra-storage");
        assertThat(vm.summaryProperty().get()).isEqualTo("3 containers · 2 running · 1 unhealthy");
        ContainerRow comfy = vm.groups().getFirst().rows().getFirst();
        assertThat(comfy.uptimeText()).isEqualTo("2 h 0 m");
        assertThat(comfy.cpuText()).isEqualTo("12.5 %");
        assertThat(vm.groups().get(1).rows()).filteredOn(r -> r.name().equals("postgres"))
                .singleElement().satisfies(r -> assertThat(r.protectedContainer()).isTrue());

        vm.groupingProperty().set(ContainersViewModel.Grouping.PROJECT);
        assertThat(vm.groups()).extracting(ContainerGroup::title).containsExactly("(no compose project)", "ai-stack");

        vm.filterProperty().set("unhealthy");
        assertThat(vm.groups()).flatExtracting(ContainerGroup::rows).extracting(ContainerRow::name)
                .containsExactly("letta");
        assertThat(vm.summaryProperty().get()).endsWith("1 match \"unhealthy\"");
    }

    @Test
    void actionsWithoutADatabaseSayWhyTheyCannotRun() {
        vm.apply(cluster(), NOW);
        vm.restart(vm.groups().getFirst().rows().getFirst());
        assertThat(prompts.pendingProperty().get()).isNull();
        assertThat(prompts.resultProperty().get()).isEqualTo("Actions are unavailable: no database");
    }

    @Test
    void aFailingDockerIsNamedInTheSummary() {
        NodeSnapshot broken = new NodeSnapshot("hydra-ai", "10.0.0.5", true, NOW, null, List.of(),
                List.of(new SourceStatus("docker", SourceStatus.State.FAILED, "Docker on hydra-ai cannot be reached",
                        null)), List.of(), null, null, null);
        vm.apply(new ClusterSnapshot(NOW, List.of(broken), Map.of()), NOW);
        assertThat(vm.summaryProperty().get()).isEqualTo("No containers · hydra-ai: Docker on hydra-ai cannot be reached");
    }

    private static ClusterSnapshot cluster() {
        Container comfy = new Container("hydra-ai", "a1", "comfyui", "comfy:1", "running", Container.Health.HEALTHY, 0,
                NOW.minusSeconds(7200), null, "ai-stack", "comfy", List.of("0.0.0.0:8188→8188/tcp"), 12.5, 4L << 30,
                64L << 30);
        Container letta = new Container("hydra-storage", "b1", "letta", "letta:0.6", "running",
                Container.Health.UNHEALTHY, 4, NOW.minusSeconds(60), null, "ai-stack", "letta", List.of(), 1.0, 1L << 30,
                64L << 30);
        Container postgres = new Container("hydra-storage", "b2", "postgres", "pgvector:16", "exited",
                Container.Health.NONE, 0, null, 137, null, null, List.of(), null, null, null);
        return new ClusterSnapshot(NOW, List.of(
                new NodeSnapshot("hydra-ai", "10.0.0.5", true, NOW, null, List.of(), List.of(), List.of(comfy), null,
                        null, null),
                new NodeSnapshot("hydra-storage", "10.0.0.7", true, NOW, null, List.of(), List.of(),
                        List.of(letta, postgres), null, null, null)), Map.of());
    }
}
