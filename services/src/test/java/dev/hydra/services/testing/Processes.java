package dev.hydra.services.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Small helpers for the harnesses that start real servers: run a command, stop a process, wait for a condition. */
final class Processes {

    private Processes() {
    }

    /** Runs a command to completion; its output, or an error with that output when it fails. */
    static String run(List<String> command, Path workDir) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** TERM, then KILL after a grace period; waits for the process to be gone. */
    static void stop(ProcessHandle process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // gone or a zombie of a slow init: either way no longer serving
            }
        }
    }

    /**
     * Polls {@code condition} every 100 ms until it holds or the timeout passes, then fails with {@code what} and the
     * end of the server's log. A condition that throws IllegalStateException (the server exited) fails at once.
     */
    static void await(String what, Duration timeout, Check condition, Path log) {
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsMatching(e -> !(e instanceof IllegalStateException))
                    .until(condition::holds);
        } catch (ConditionTimeoutException | IllegalStateException e) {
            String logText = "";
            try {
                logText = log != null && Files.exists(log) ? "\n--- " + log + " ---\n" + tail(Files.readString(log)) : "";
            } catch (IOException ignored) {
                // no log to show
            }
            throw new IllegalStateException(what + " did not happen within " + timeout + ": " + e.getMessage()
                    + logText, e);
        }
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
