package dev.hydra.services.actions;

import dev.hydra.services.transport.process.CommandResult;
import dev.hydra.services.transport.process.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sets a GPU's power limit with {@code nvidia-smi -i INDEX -pl WATTS} on its node, with {@code sudo -n} if asked. */
public final class GpuPowerControl {

    private final CommandRunner node;
    private final String nvidiaSmi;
    private final boolean sudo;
    private final Duration timeout;

    public GpuPowerControl(CommandRunner node, String nvidiaSmi, boolean sudo, Duration timeout) {
        this.node = node;
        this.nvidiaSmi = nvidiaSmi;
        this.sudo = sudo;
        this.timeout = timeout;
    }

    /** @return what nvidia-smi said, e.g. "Power limit for GPU 00000000:01:00.0 was set to 210.00 W from 300.00 W." */
    public String setPowerLimit(int gpuIndex, double watts) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (sudo) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.addAll(List.of(nvidiaSmi, "-i", Integer.toString(gpuIndex), "-pl",
                String.format(Locale.ROOT, "%.0f", watts)));
        CommandResult result = node.run(command, timeout);
        if (result.timedOut()) {
            throw new IOException("nvidia-smi did not set the power limit within " + timeout.toSeconds() + " s");
        }
        if (result.exitCode() != 0) {
            String said = (result.stdout() + "\n" + result.stderr()).strip().replaceAll("\\s*\\R\\s*", " ");
            String hint = said.contains("password is required") || said.contains("Insufficient Permissions")
                    || said.toLowerCase(Locale.ROOT).contains("permission")
                    ? " (changing power limits needs root: set ssh.sudo: true and allow nvidia-smi in sudoers with "
                            + "NOPASSWD)" : "";
            throw new IOException("nvidia-smi refused the power limit (exit code " + result.exitCode() + "): " + said
                    + hint);
        }
        return result.firstOutputLine();
    }
}
