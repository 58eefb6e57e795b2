package dev.hydra.services.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.cluster.SourceStatus.State;
import dev.hydra.services.testing.NvidiaSmiStandIn;
import dev.hydra.services.transport.process.ExecutableLocator;
import dev.hydra.services.transport.process.LocalCommandRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe against a stand-in nvidia-smi (a real process) replaying recorded real outputs. */
class NvidiaSmiProbeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void oneGpuUnderLoadWithItsProcesses() {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(dir, "h100-load");

        GpuReport report = probe(standIn, Duration.ofSeconds(10)).read();

        assertThat(report.status().state()).isEqualTo(State.OK);
        assertThat(report.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.index()).isZero();
            assertThat(gpu.uuid()).isEqualTo("GPU-00000000-0000-0000-0000-000000000000");
            assertThat(gpu.name()).isEqualTo("NVIDIA H100 80GB HBM3");
            assertThat(gpu.utilizationPercent()).isEqualTo(100);
            assertThat(gpu.memoryUsedMiB()).isEqualTo(19818L);
            assertThat(gpu.memoryTotalMiB()).isEqualTo(81559L);
            assertThat(gpu.temperatureC()).isEqualTo(59);
            assertThat(gpu.powerDrawW()).isEqualTo(631.95);
            assertThat(gpu.powerLimitW()).isEqualTo(700.0);
            assertThat(gpu.smClockMHz()).isEqualTo(1980);
            assertThat(gpu.fanPercent()).as("[N/A] on a fanless card").isNull();
            assertThat(gpu.pstate()).isEqualTo("P0");
            assertThat(gpu.driverVersion()).isEqualTo("590.48.01");
            assertThat(gpu.processes()).extracting(GpuProcess::pid, GpuProcess::name, GpuProcess::usedMemoryMiB)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(11327L, "/root/tools/memhog", 2566L),
                            org.assertj.core.groups.Tuple.tuple(11328L, "/root/tools/memhog", 1542L),
                            org.assertj.core.groups.Tuple.tuple(11345L, "./gpu_burn", 15690L));
        });
        assertThat(standIn.calls()).containsExactly(
                "--query-gpu=" + String.join(",", NvidiaSmiProbe.GPU_FIELDS) + " --format=csv",
                "--query-compute-apps=gpu_uuid,pid,process_name,used_memory --format=csv");
    }

    @Test
    void idleGpuHasNoProcesses() {
        GpuReport report = probe(NvidiaSmiStandIn.install(dir, "rtx4080-idle"), Duration.ofSeconds(10)).read();

        assertThat(report.status().state()).isEqualTo(State.OK);
        assertThat(report.gpus().getFirst().fanPercent()).isZero();
        assertThat(report.gpus().getFirst().processes()).extracting(GpuProcess::name).containsExactly("/usr/bin/kwin_wayland");
    }

    @Test
    void severalGpusEachKeepTheirOwnUuid() {
        GpuReport report = probe(NvidiaSmiStandIn.install(dir, "dual-rtx2080"), Duration.ofSeconds(10)).read();

        assertThat(report.gpus()).extracting(Gpu::index, Gpu::uuid, Gpu::fanPercent, Gpu::powerDrawW).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, "GPU-12345678-aaaa-bbbb-cccc-0123456789ab", 31, null),
                org.assertj.core.groups.Tuple.tuple(1, "GPU-12345678-aaaa-bbbb-cccc-0123456789ac", 32, null));
        assertThat(report.gpus()).allSatisfy(gpu -> assertThat(gpu.processes()).isEmpty());
    }

    @Test
    void windowsProcessesWithoutMemoryFiguresKeepNullMemory() {
        GpuReport report = probe(NvidiaSmiStandIn.install(dir, "win-rtx2080super-load"), Duration.ofSeconds(10)).read();

        assertThat(report.gpus().getFirst().processes()).hasSize(21)
                .allSatisfy(process -> assertThat(process.usedMemoryMiB()).isNull());
    }

    @Test
    void aFieldTheDriverRejectsIsDroppedAndTheQueryRetried() {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(dir, "h100-load").rejecting("enforced.power.limit");
        NvidiaSmiProbe probe = probe(standIn, Duration.ofSeconds(10));

        GpuReport first = probe.read();
        GpuReport second = probe.read();

        assertThat(first.status().state()).isEqualTo(State.OK);
        assertThat(first.gpus().getFirst().enforcedPowerLimitW()).isNull();
        assertThat(first.gpus().getFirst().powerLimitW()).isEqualTo(700.0);
        assertThat(probe.gpuFields()).doesNotContain("enforced.power.limit").contains("power.limit");
        assertThat(second.status().state()).isEqualTo(State.OK);
        assertThat(standIn.calls()).filteredOn(call -> call.startsWith("--query-gpu")).hasSize(3);
    }

    @Test
    void aDriverThatRejectsAnEssentialFieldIsAFailure() {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(dir, "h100-load").rejecting("uuid");

        GpuReport report = probe(standIn, Duration.ofSeconds(10)).read();

        assertThat(report.status().state()).isEqualTo(State.FAILED);
        assertThat(report.status().message()).contains("exit code 2").contains("Field \"uuid\" is not a valid field");
    }

    @Test
    void aHungNvidiaSmiIsStoppedAtTheTimeoutAndLeavesNoProcessBehind() {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(dir, "h100-load").hangingFor(600);

        GpuReport report = probe(standIn, Duration.ofMillis(700)).read();

        assertThat(report.status().state()).isEqualTo(State.FAILED);
        assertThat(report.status().message()).contains("did not answer within 700 ms");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("")))
                .noneMatch(line -> line.contains("sleep 600") || line.contains(dir.toString()));
    }

    @Test
    void theLastGoodGpusStayWhenALaterReadFails() {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(dir, "h100-load");
        NvidiaSmiProbe probe = probe(standIn, Duration.ofSeconds(10));
        probe.read();
        standIn.failing(9, "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. "
                + "Make sure that the latest NVIDIA driver is installed and running.\n");

        GpuReport report = probe.read();

        assertThat(report.status().state()).isEqualTo(State.FAILED);
        assertThat(report.status().message())
                .isEqualTo("nvidia-smi failed (exit code 9): NVIDIA-SMI has failed because it couldn't communicate "
                        + "with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.");
        assertThat(report.status().lastSuccess()).isEqualTo(CLOCK.instant());
        assertThat(report.gpus()).hasSize(1);
    }

    @Test
    void garbageOutputIsAClearFailure() {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(dir, "h100-load")
                .printingForGpuQuery("\u0000\u0013garbage \uFFFD\uFFFD\nmore garbage\n");

        GpuReport report = probe(standIn, Duration.ofSeconds(10)).read();

        assertThat(report.status().state()).isEqualTo(State.FAILED);
        assertThat(report.status().message()).startsWith("nvidia-smi output not understood: nvidia-smi printed no CSV header");
        assertThat(report.gpus()).isEmpty();
    }

    @Test
    void missingNvidiaSmiMeansNoGpusAndSaysWhy() {
        LocalNvidiaSmi local = new LocalNvidiaSmi(null, new ExecutableLocator(dir.toString(), false),
                new LocalCommandRunner(), Duration.ofSeconds(5), CLOCK);

        GpuReport report = local.read();

        assertThat(report.gpus()).isEmpty();
        assertThat(report.status().state()).isEqualTo(State.ABSENT);
        assertThat(report.status().message()).isEqualTo("nvidia-smi is not on PATH, so no NVIDIA GPUs are shown for this machine");
    }

    @Test
    void aConfiguredPathThatDoesNotExistIsAFailureNamingTheSetting() {
        LocalNvidiaSmi local = new LocalNvidiaSmi("/opt/nvidia/bin/nvidia-smi", new ExecutableLocator("", false),
                new LocalCommandRunner(), Duration.ofSeconds(5), CLOCK);

        GpuReport report = local.read();

        assertThat(report.status().state()).isEqualTo(State.FAILED);
        assertThat(report.status().message()).contains("/opt/nvidia/bin/nvidia-smi").contains("localNode.nvidiaSmi");
    }

    @Test
    void nvidiaSmiFoundOnPathIsUsed() {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(dir, "rtx4080-load");
        LocalNvidiaSmi local = new LocalNvidiaSmi(null, new ExecutableLocator(standIn.searchPath(), false),
                new LocalCommandRunner(), Duration.ofSeconds(5), CLOCK);

        assertThat(local.read().gpus()).extracting(Gpu::name).containsExactly("NVIDIA GeForce RTX 4080 SUPER");
    }

    private NvidiaSmiProbe probe(NvidiaSmiStandIn standIn, Duration timeout) {
        return new NvidiaSmiProbe(standIn.executable().toString(), new LocalCommandRunner(), timeout, CLOCK);
    }
}
