package dev.hydra.services.transport.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalCommandRunnerTest {

    private final LocalCommandRunner runner = new LocalCommandRunner();

    @Test
    void capturesOutputAndExitCode() throws Exception {
        CommandResult result = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.timedOut()).isFalse();
        assertThat(result.firstOutputLine()).isEqualTo("out");
    }

    @Test
    void aCommandPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        CommandResult result = runner.run(List.of("sh", "-c", "echo started; sleep 300 & sleep 301; echo never"),
                Duration.ofMillis(500));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout()).isEqualTo("started\n");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("")))
                .noneMatch(line -> line.contains("sleep 300") || line.contains("sleep 301"));
    }

    @Test
    void endlessOutputIsCappedNotBuffered() throws Exception {
        CommandResult result = runner.run(List.of("sh", "-c", "head -c 10000000 /dev/zero | tr '\\0' x"),
                Duration.ofSeconds(30));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).hasSize(LocalCommandRunner.MAX_OUTPUT_BYTES);
    }
}
