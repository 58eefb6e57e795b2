package dev.hydra.services.gpu;

import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.cluster.SourceStatus.State;
import dev.hydra.services.transport.process.CommandRunner;
import dev.hydra.services.transport.process.ExecutableLocator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The GPUs of this machine through a local nvidia-smi: the one named in hydra.yaml, or the one on PATH. Looked up
 * on every read, so a driver installed while the app runs is picked up without a restart.
 */
public final class LocalNvidiaSmi implements GpuTelemetrySource {

    private final String configuredPath;
    private final ExecutableLocator locator;
    private final CommandRunner runner;
    private final Duration timeout;
    private final Clock clock;
    private NvidiaSmiProbe probe;

    /** @param configuredPath the path from hydra.yaml, or null to search PATH */
    public LocalNvidiaSmi(String configuredPath, ExecutableLocator locator, CommandRunner runner, Duration timeout,
            Clock clock) {
        this.configuredPath = configuredPath;
        this.locator = locator;
        this.runner = runner;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public synchronized GpuReport read() {
        Optional<Path> executable = locator.find(configuredPath == null ? "nvidia-smi" : configuredPath);
        if (executable.isEmpty()) {
            probe = null;
            return new GpuReport(List.of(), configuredPath == null
                    ? new SourceStatus(NvidiaSmiProbe.SOURCE, State.ABSENT,
                            "nvidia-smi is not on PATH, so no NVIDIA GPUs are shown for this machine", null)
                    : new SourceStatus(NvidiaSmiProbe.SOURCE, State.FAILED, "nvidia-smi not found at "
                            + configuredPath + " (localNode.nvidiaSmi in hydra.yaml): fix the path or remove the key",
                            null));
        }
        String path = executable.get().toString();
        if (probe == null || !probe.executable().equals(path)) {
            probe = new NvidiaSmiProbe(path, runner, timeout, clock);
        }
        return probe.read();
    }
}
