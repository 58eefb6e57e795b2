package dev.hydra.ui.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.cluster.SourceStatus.State;
import dev.hydra.ui.testing.MutableClock;
import dev.hydra.ui.testing.Snapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-21T07:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final ClusterViewModel vm = new ClusterViewModel(Duration.ofSeconds(2), clock);

    @Test
    void aNodeCardShowsTheHostFigures() {
        vm.apply(Snapshots.cluster(T0, Snapshots.node("ws", T0, Snapshots.host(), List.of(),
                new SourceStatus("nvidia-smi", State.ABSENT, "nvidia-smi is not on PATH", null))));

        NodeCardViewModel card = vm.nodes().getFirst();
        assertThat(card.name()).isEqualTo("ws");
        assertThat(card.stateProperty().get()).isEqualTo(NodeState.LIVE);
        assertThat(card.cpuTextProperty().get()).isEqualTo("38 %");
        assertThat(card.coreFractions()).containsExactly(0.1, 0.2, 0.5, 0.7);
        assertThat(card.memoryTextProperty().get()).isEqualTo("12 GiB of 32 GiB");
        assertThat(card.memoryFractionProperty().get()).isEqualTo(0.375);
        assertThat(card.loadTextProperty().get()).isEqualTo("1.25 · 0.80 · 0.50");
        assertThat(card.uptimeTextProperty().get()).isEqualTo("1 d 1 h");
        assertThat(card.networkTextProperty().get()).as("virtual interfaces are not counted")
                .isEqualTo("↓ 2 KiB/s   ↑ 1 KiB/s");
        assertThat(card.disks()).singleElement().satisfies(disk -> {
            assertThat(disk.mount()).isEqualTo("/");
            assertThat(disk.usageText()).isEqualTo("200 GiB used · 275 GiB free");
            assertThat(disk.fraction()).as("used / (used + free), as df").isCloseTo(200.0 / 475, within(1e-9));
        });
        assertThat(card.gpuSummaryProperty().get()).isEqualTo("No GPUs: nvidia-smi is not on PATH");
        assertThat(card.problems()).as("an absent source is not a problem").isEmpty();
    }

    @Test
    void aNodeNotReadForTwoIntervalsTurnsStaleAndSaysSince() {
        vm.apply(Snapshots.cluster(T0, Snapshots.node("ws", T0, Snapshots.host(), List.of(),
                SourceStatus.ok("nvidia-smi", T0))));

        clock.set(T0.plusSeconds(3));
        vm.tick();
        assertThat(vm.nodes().getFirst().stateProperty().get()).isEqualTo(NodeState.LIVE);

        clock.set(T0.plusSeconds(65));
        vm.tick();
        NodeCardViewModel card = vm.nodes().getFirst();
        assertThat(card.stateProperty().get()).isEqualTo(NodeState.STALE);
        assertThat(card.stateTextProperty().get()).isEqualTo("stale · last reading 07:00:00 (1 m 5 s ago)");
    }

    @Test
    void aFailingSourceIsListedAsAProblem() {
        vm.apply(Snapshots.cluster(T0, Snapshots.node("ws", T0, Snapshots.host(), List.of(),
                new SourceStatus("nvidia-smi", State.FAILED, "nvidia-smi did not answer within 4 s", null))));

        assertThat(vm.nodes().getFirst().problems()).containsExactly("nvidia-smi: nvidia-smi did not answer within 4 s");
    }

    @Test
    void cardsKeepTheirIdentityAcrossUpdates() {
        vm.apply(Snapshots.cluster(T0, Snapshots.node("ws", T0, Snapshots.host(), List.of(),
                SourceStatus.ok("nvidia-smi", T0))));
        NodeCardViewModel first = vm.nodes().getFirst();

        vm.apply(Snapshots.cluster(T0.plusSeconds(2), Snapshots.node("ws", T0.plusSeconds(2), Snapshots.host(),
                List.of(), SourceStatus.ok("nvidia-smi", T0))));

        assertThat(vm.nodes()).containsExactly(first);
    }
}
