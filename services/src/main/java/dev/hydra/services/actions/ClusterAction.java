package dev.hydra.services.actions;

import dev.hydra.services.alerts.Alert;
import java.time.Duration;

/** Something a user (or a job) does to the cluster, always through the {@link ActionService}. */
public sealed interface ClusterAction {

    /** What, as the audit log names it, e.g. "container.restart". */
    String kind();

    /** On what, e.g. "hydra-ai/comfyui" or "hydra-ai/GPU-…". */
    String target();

    /** One sentence for confirmations and the audit log. */
    String describe();

    /** Dangerous actions interrupt work (restart, stop, power limit) and have the tighter rate limit. */
    boolean dangerous();

    record RestartContainer(String node, String containerId, String containerName) implements ClusterAction {
        public String kind() {
            return "container.restart";
        }

        public String target() {
            return node + "/" + containerName;
        }

        public String describe() {
            return "Restart container " + containerName + " on " + node;
        }

        public boolean dangerous() {
            return true;
        }
    }

    record StopContainer(String node, String containerId, String containerName) implements ClusterAction {
        public String kind() {
            return "container.stop";
        }

        public String target() {
            return node + "/" + containerName;
        }

        public String describe() {
            return "Stop container " + containerName + " on " + node;
        }

        public boolean dangerous() {
            return true;
        }
    }

    record StartContainer(String node, String containerId, String containerName) implements ClusterAction {
        public String kind() {
            return "container.start";
        }

        public String target() {
            return node + "/" + containerName;
        }

        public String describe() {
            return "Start container " + containerName + " on " + node;
        }

        public boolean dangerous() {
            return false;
        }
    }

    /**
     * Eco mode on: the power limit becomes the configured fraction of the GPU's default limit; off: the default.
     *
     * @param defaultLimitW the GPU's default power limit as last reported (null when unknown: refused)
     */
    record GpuEcoMode(String node, String gpuUuid, int gpuIndex, String gpuName, boolean on, Double defaultLimitW)
            implements ClusterAction {
        public String kind() {
            return "gpu.power-limit";
        }

        public String target() {
            return node + "/" + gpuUuid;
        }

        public String describe() {
            return (on ? "Eco mode on for GPU " : "Eco mode off (default power limit) for GPU ") + gpuIndex + " ("
                    + gpuName + ") on " + node;
        }

        public boolean dangerous() {
            return true;
        }
    }

    record SilenceAlert(Alert alert, Duration duration, String comment) implements ClusterAction {
        public String kind() {
            return "alert.silence";
        }

        public String target() {
            return alert.name() + " " + alert.fingerprint();
        }

        public String describe() {
            return "Silence alert " + alert.name() + " for " + duration.toHours() + " h";
        }

        public boolean dangerous() {
            return false;
        }
    }

    record ExpireSilence(String silenceId, String alertName) implements ClusterAction {
        public String kind() {
            return "alert.unsilence";
        }

        public String target() {
            return alertName + " silence " + silenceId;
        }

        public String describe() {
            return "End the silence of alert " + alertName;
        }

        public boolean dangerous() {
            return false;
        }
    }

    /** Accept a node's SSH host key, by the fingerprint the user saw. */
    record TrustHostKey(String node, String fingerprint) implements ClusterAction {
        public String kind() {
            return "ssh.trust-host-key";
        }

        public String target() {
            return node;
        }

        public String describe() {
            return "Trust the SSH host key " + fingerprint + " of " + node;
        }

        public boolean dangerous() {
            return false;
        }
    }
}
