package dev.hydra.services.transport.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs commands on this machine. Output beyond {@value #MAX_OUTPUT_BYTES} bytes per stream is discarded. */
public final class LocalCommandRunner implements CommandRunner {

    static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        if (!finished) {
            killTree(process);
            process.waitFor(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return new CommandResult(finished ? process.exitValue() : -1,
                await(stdout), await(stderr), !finished, elapsed);
    }

    /**
     * Kills the command first, then what it started (listed before, since orphans leave the tree): killed the other
     * way round, a shell could run its next line between its child's death and its own.
     */
    private static void killTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Reads until EOF, keeping the first MAX_OUTPUT_BYTES; what was read survives the stream being closed by a kill. */
    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().name("cmd-output").start(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (stream) {
                for (int n; (n = stream.read(buffer)) >= 0; ) {
                    kept.write(buffer, 0, Math.min(n, MAX_OUTPUT_BYTES - kept.size()));
                }
            } catch (IOException closedByKill) {
                // keep what arrived before the process was stopped
            }
            text.complete(kept.toString(StandardCharsets.UTF_8));
        });
        return text;
    }

    /** Output of a killed command may never reach EOF if a grandchild escaped the kill; do not wait forever. */
    private static String await(CompletableFuture<String> text) throws InterruptedException {
        try {
            return text.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }
}
