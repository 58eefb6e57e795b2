package dev.hydra.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.testing.FakeLettaServer;
import dev.hydra.services.testing.NvidiaSmiStandIn;
import dev.hydra.services.testing.ScriptedTurn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged launcher, app/target/hydra/bin/hydra, run as a user runs it. */
class LauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("hydra.launcher", "target/hydra/bin/hydra"));

    @TempDir
    Path home;

    @Test
    void printsItsVersion() throws Exception {
        Result result = run(Map.of(), "--version");

        assertThat(result.code).isZero();
        assertThat(result.out).startsWith("Hydra Control ").contains("Java 25");
    }

    @Test
    void statusJsonDescribesThisMachineWithItsGpus() throws Exception {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(home.resolve("bin"), "dual-rtx2080");

        Result result = run(Map.of("PATH", standIn.directory() + ":" + System.getenv("PATH")), "status", "--json");

        assertThat(result.code).as(result.err).isZero();
        JsonNode node = Json.mapper().readTree(result.out).get("nodes").get(0);
        assertThat(node.get("memory").get("totalBytes").asLong()).isPositive();
        assertThat(node.get("gpus")).hasSize(2);
        assertThat(node.get("gpus").get(1).get("uuid").asText()).isEqualTo("GPU-12345678-aaaa-bbbb-cccc-0123456789ac");
        assertThat(node.get("gpus").get(1).get("powerDrawW").isNull()).isTrue();
        assertThat(result.err).as("stdout holds the JSON, stderr stays quiet").isEmpty();
    }

    @Test
    void doctorExplainsABrokenConfig() throws Exception {
        Files.writeString(home.resolve("hydra.yaml"), "refreshIntervall: 2s\n");

        Result result = run(Map.of(), "doctor");

        assertThat(result.code).isEqualTo(1);
        assertThat(result.out).contains(home.resolve("hydra.yaml") + ":1:1: unknown key 'refreshIntervall'")
                .contains("fix: did you mean 'refreshInterval'?");
    }

    @Test
    void chatPrintsTheStreamedReplyOfTheNamedAgent() throws Exception {
        try (FakeLettaServer letta = FakeLettaServer.start().requirePassword("pw-launcher")) {
            letta.addAgent("night-researcher", "openai/gpt-4.1");
            letta.addAgent("hydra-steward", "anthropic/claude-sonnet-4", "cluster")
                    .script(ScriptedTurn.turn().reasoning("Greet Dana.").callsTool("cluster_status", "{}", "5 nodes up")
                            .says("Hello Dana! All five nodes are up.").inChunksOf(4));
            Files.writeString(home.resolve("hydra.yaml"), "letta:\n  url: " + letta.url() + "\n");

            Result result = run(Map.of("LETTA_API_KEY", "pw-launcher"), "chat", "--agent", "hydra-steward", "--verbose",
                    "hello");

            assertThat(result.code).as(result.err).isZero();
            assertThat(result.out).isEqualTo("Hello Dana! All five nodes are up.\n");
            assertThat(result.err).contains("[reasoning] Greet Dana.").contains("[tool] cluster_status({}) → 5 nodes up");
            assertThat(letta.requests("POST", "/v1/agents/").getFirst().header("Authorization")).isEqualTo("Bearer pw-launcher");
        }
    }

    @Test
    void withoutADisplayTheWindowSaysWhatToDoInsteadAndExits() throws Exception {
        Result result = run(Map.of("DISPLAY", "", "WAYLAND_DISPLAY", ""));

        assertThat(result.code).isEqualTo(1);
        assertThat(result.err).contains("Cannot open the window").contains("the command line works (hydra --help)")
                .contains("-Dglass.platform=Headless");
    }

    @Test
    void refusesAnOldJavaWithAClearMessage() throws Exception {
        Path fakeJdk = home.resolve("jdk17/bin");
        Files.createDirectories(fakeJdk);
        Path java = fakeJdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
        java.toFile().setExecutable(true);

        Result result = run(Map.of("JAVA_HOME", home.resolve("jdk17").toString()), "--version");

        assertThat(result.code).isEqualTo(1);
        assertThat(result.err).contains("Java 25 or newer is needed").contains("Set JAVA_HOME to a JDK 25");
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HYDRA_HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("hydra.java.home", System.getProperty("java.home")));
        builder.environment().putAll(env);
        Path stdout = home.resolve("stdout.txt");
        Path stderr = home.resolve("stderr.txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("launcher did not finish: " + command);
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }
}
