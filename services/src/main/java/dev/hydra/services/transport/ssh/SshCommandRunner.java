package dev.hydra.services.transport.ssh;

import dev.hydra.services.transport.process.CommandResult;
import dev.hydra.services.transport.process.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs commands on a node over its {@link SshConnection}. Arguments are quoted for the remote shell, so each
 * reaches the program exactly as given. Used for nvidia-smi ({@code NvidiaSmiProbe}), /proc, power limits and the
 * queue's maintenance jobs.
 */
public final class SshCommandRunner implements CommandRunner {

    private final SshConnection connection;

    public SshCommandRunner(SshConnection connection) {
        this.connection = connection;
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return connection.exec(commandLine(command), timeout);
    }

    /** The command as one POSIX shell line, each argument single-quoted unless it is plainly safe. */
    public static String commandLine(List<String> command) {
        return command.stream().map(SshCommandRunner::quote).collect(Collectors.joining(" "));
    }

    static String quote(String argument) {
        if (!argument.isEmpty() && argument.matches("[A-Za-z0-9_./=:,@%+-]+")) {
            return argument;
        }
        return "'" + argument.replace("'", "'\"'\"'") + "'";
    }
}
