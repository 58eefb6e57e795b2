package dev.hydra.app.cli;

import static dev.hydra.services.testing.ScriptedTurn.turn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.app.AppComposition;
import dev.hydra.app.AppPaths;
import dev.hydra.services.testing.FakeLettaAgent;
import dev.hydra.services.testing.FakeLettaServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hydra chat} and the Letta part of {@code hydra doctor}, against the fake Letta server. */
class ChatCommandTest {

    @TempDir
    Path home;

    private final FakeLettaServer letta = FakeLettaServer.start();
    private final FakeLettaAgent steward = letta.addAgent("hydra-steward", "anthropic/claude-sonnet-4", "cluster");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        letta.close();
    }

    @Test
    void printsTheStreamedReplyToStdout() throws Exception {
        configure("letta:\n  url: " + letta.url() + "\n");
        steward.script(turn().reasoning("Greet back.").says("Hello! All five nodes are up.").inChunksOf(3));

        int code = run(Map.of(), "chat", "--agent", "hydra-steward", "hello");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("Hello! All five nodes are up.\n");
        assertThat(err.toString()).as("reasoning only with --verbose").isEmpty();
        assertThat(letta.requests("POST", "/v1/agents/").getFirst().json().at("/messages/0/content").asText())
                .isEqualTo("hello");
    }

    @Test
    void verboseShowsReasoningAndToolCallsOnStderr() throws Exception {
        configure("letta:\n  url: " + letta.url() + "\n  agent: hydra-steward\n");
        steward.script(turn().reasoning("Check the GPUs first.").callsTool("gpu_status", "{\"node\": \"hydra-ai\"}", "2 GPUs idle")
                .says("Both GPUs are idle."));

        int code = run(Map.of(), "chat", "--verbose", "how", "are", "the", "GPUs?");

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("Both GPUs are idle.\n");
        assertThat(err.toString()).contains("[reasoning] Check the GPUs first.")
                .contains("[tool] gpu_status({\"node\": \"hydra-ai\"}) → 2 GPUs idle");
        assertThat(letta.requests("POST", "/v1/agents/").getFirst().json().at("/messages/0/content").asText())
                .isEqualTo("how are the GPUs?");
    }

    @Test
    void theUrlOptionWorksWithoutHydraYamlAndTheOnlyAgentIsPicked() {
        int code = run(Map.of(), "chat", "--url", letta.url(), "ping");

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("You said: ping\n");
    }

    @Test
    void withoutAServerItSaysHowToConfigureOne() {
        int code = run(Map.of(), "chat", "hello");

        assertThat(code).isEqualTo(ChatCommand.NOT_CONNECTED);
        assertThat(err.toString()).contains("no Letta server is configured").contains("url: http://hydra-storage:8283");
    }

    @Test
    void anAgentErrorExitsNonZeroWithTheServersMessage() throws Exception {
        configure("letta:\n  url: " + letta.url() + "\n");
        steward.script(turn().says("Let me").failsMidStream("llm_timeout", "The LLM request timed out. Please try again."));

        int code = run(Map.of(), "chat", "--agent", "hydra-steward", "hello");

        assertThat(code).isEqualTo(ChatCommand.AGENT_ERROR);
        assertThat(out.toString()).isEqualTo("Let me\n");
        assertThat(err.toString()).contains("hydra chat: The LLM request timed out. Please try again.");
    }

    @Test
    void anUnknownAgentNamesTheOnesThereAre() throws Exception {
        configure("letta:\n  url: " + letta.url() + "\n");

        int code = run(Map.of(), "chat", "--agent", "hydra-stewart", "hello");

        assertThat(code).isEqualTo(ChatCommand.AGENT_ERROR);
        assertThat(err.toString()).contains("No agent named 'hydra-stewart'").contains("agents there: hydra-steward");
    }

    @Test
    void aRefusedTokenIsExplainedAndTheEnvironmentTokenIsUsed() throws Exception {
        letta.requirePassword("pw-123");
        configure("letta:\n  url: " + letta.url() + "\n");

        assertThat(run(Map.of(), "chat", "--agent", "hydra-steward", "hi")).isEqualTo(ChatCommand.NOT_CONNECTED);
        assertThat(err.toString()).contains("refused the request (401 Unauthorized)").contains("LETTA_API_KEY");

        assertThat(run(Map.of("LETTA_API_KEY", "pw-123"), "chat", "--agent", "hydra-steward", "hi")).isZero();
        assertThat(letta.requests("POST", "/v1/agents/").getLast().header("Authorization")).isEqualTo("Bearer pw-123");
    }

    @Test
    void anApprovalRequestIsNamedAndExitsWithItsOwnCode() throws Exception {
        configure("letta:\n  url: " + letta.url() + "\n");
        steward.script(turn().asksApproval("restart_container", "{\"container\": \"comfyui\"}"));

        int code = run(Map.of(), "chat", "--agent", "hydra-steward", "restart comfyui");

        assertThat(code).isEqualTo(ChatCommand.WAITS_FOR_APPROVAL);
        assertThat(err.toString()).contains("waits for approval to call restart_container({\"container\": \"comfyui\"})");
    }

    @Test
    void doctorChecksTheServerTheTokenAndTheAgent() throws Exception {
        configure("letta:\n  url: " + letta.url() + "\n  agent: hydra-steward\n");

        int code = run(Map.of("PATH", home.toString()), "doctor");

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("ok       letta     Letta 0.16.8 at " + letta.url() + " is ok")
                .contains("ok       letta     signed in (token: ")
                .contains("ok       letta     agent hydra-steward (anthropic/claude-sonnet-4) exists");
    }

    @Test
    void doctorSaysWhatIsWrongWithLetta() throws Exception {
        configure("letta:\n  url: " + letta.url() + "\n  agent: nobody\n");

        assertThat(run(Map.of("PATH", home.toString()), "doctor")).isEqualTo(1);
        assertThat(out.toString()).contains("PROBLEM  letta     No agent named 'nobody'").contains("fix: fix letta.agent");

        letta.close();
        out.getBuffer().setLength(0);
        assertThat(run(Map.of("PATH", home.toString()), "doctor")).isEqualTo(1);
        assertThat(out.toString()).contains("PROBLEM  letta     Cannot reach Letta at " + letta.url());
    }

    private void configure(String yaml) throws Exception {
        Files.writeString(home.resolve("hydra.yaml"), yaml);
    }

    private int run(Map<String, String> env, String... args) {
        try (AppComposition app = new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", home.toString()), "Linux",
                home), Clock.systemUTC(), env)) {
            CommandLine commandLine = HydraCommand.commandLine(app);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            return commandLine.execute(args);
        }
    }
}
