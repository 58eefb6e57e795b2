package dev.hydra.services.actions;

import dev.hydra.services.alerts.AlertSource;
import dev.hydra.services.containers.ContainerRuntime;
import java.io.IOException;
import java.util.Optional;

/** What actions act on, per node. Built by the composition root from hydra.yaml. */
public interface ActionTargets {

    Optional<ContainerRuntime> containers(String node);

    Optional<GpuPowerControl> gpuPower(String node);

    Optional<AlertSource> alertSource();

    /** Records the node's pending SSH host key as trusted if its fingerprint is this one. */
    void trustHostKey(String node, String fingerprint) throws IOException;
}
