package dev.hydra.services.transport.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs a command to completion or until the timeout, whichever comes first. A command still running at the
 * timeout is killed with everything it started, so no process or thread outlives the call.
 * Implementations: {@link LocalCommandRunner} here; an SSH runner for remote nodes.
 */
public interface CommandRunner {

    CommandResult run(List<String> command, Duration timeout) throws IOException, InterruptedException;
}
