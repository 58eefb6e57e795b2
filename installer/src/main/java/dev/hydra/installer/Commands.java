package dev.hydra.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the JDK's tools (jdeps, jlink, jpackage) and the packaged launcher as child processes. */
public final class Commands {

    private Commands() {
    }

    public record Result(int exitCode, String output) {
    }

    /** A tool of the JDK running this build ({@code java.home/bin}); its output is returned, a failure thrown. */
    public static String jdkTool(String tool, Path workDir, List<String> arguments) {
        Path executable = Path.of(System.getProperty("java.home"), "bin", tool);
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(arguments);
        Result result = run(command, workDir, Map.of(), Duration.ofMinutes(15));
        if (result.exitCode() != 0) {
            throw new PackagingException(tool + " failed (exit " + result.exitCode() + "): " + String.join(" ", command)
                    + "\n" + result.output());
        }
        return result.output();
    }

    /** Runs a command with extra environment variables; stdout and stderr are captured together. */
    public static Result run(List<String> command, Path workDir, Map<String, String> environment, Duration timeout) {
        try {
            Path output = Files.createTempFile("installer-command", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new PackagingException("Gave up after " + timeout.toSeconds() + " s: "
                            + String.join(" ", command) + "\n" + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackagingException("Interrupted while running " + command.getFirst(), e);
        }
    }
}
