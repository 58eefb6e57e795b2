package dev.hydra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.app.AppComposition;
import dev.hydra.app.AppPaths;
import dev.hydra.services.json.Json;
import dev.hydra.services.testing.NvidiaSmiStandIn;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line in-process, against this machine and a recorded GPU replayed by the nvidia-smi stand-in. */
class CommandLineTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void statusJsonHasTheDocumentedShapeWithNullsForNotApplicable() throws Exception {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(home.resolve("bin"), "h100-load");

        int code = run(Map.of("PATH", standIn.searchPath()), "status", "--json");

        assertThat(code).isZero();
        JsonNode node = Json.mapper().readTree(out.toString()).get("nodes").get(0);
        assertThat(node.get("host").asText()).isEqualTo("localhost");
        assertThat(node.get("reachable").asBoolean()).isTrue();
        assertThat(node.get("observedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(node.get("cpu").get("percent").isNumber()).isTrue();
        assertThat(node.get("memory").get("totalBytes").asLong()).isPositive();
        assertThat(node.get("memory").get("usedBytes").isNumber()).isTrue();
        assertThat(node.get("load1").isNumber()).isTrue();
        assertThat(node.get("uptimeSeconds").asLong()).isPositive();
        JsonNode gpu = node.get("gpus").get(0);
        assertThat(gpu.get("index").asInt()).isZero();
        assertThat(gpu.get("uuid").asText()).isEqualTo("GPU-00000000-0000-0000-0000-000000000000");
        assertThat(gpu.get("utilizationPercent").asInt()).isEqualTo(100);
        assertThat(gpu.get("memoryUsedMiB").asLong()).isEqualTo(19818);
        assertThat(gpu.get("memoryTotalMiB").asLong()).isEqualTo(81559);
        assertThat(gpu.get("temperatureC").asInt()).isEqualTo(59);
        assertThat(gpu.get("powerDrawW").asDouble()).isEqualTo(631.95);
        assertThat(gpu.get("powerLimitW").asDouble()).isEqualTo(700.0);
        assertThat(gpu.get("fanPercent").isNull()).as("[N/A] is null, never 0 or a string").isTrue();
        assertThat(gpu.get("pstate").asText()).isEqualTo("P0");
        assertThat(gpu.get("processes").get(0).get("pid").asLong()).isEqualTo(11327);
        assertThat(gpu.get("processes").get(0).get("usedMemoryMiB").asLong()).isEqualTo(2566);
    }

    @Test
    void statusForPeopleNamesWhatIsMissing() {
        int code = run(Map.of("PATH", home.toString()), "status");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("CPU").contains("Memory")
                .contains("nvidia-smi: nvidia-smi is not on PATH, so no NVIDIA GPUs are shown for this machine");
    }

    @Test
    void doctorExplainsABrokenConfigWithLineAndColumnAndFails() throws Exception {
        Files.writeString(home.resolve("hydra.yaml"), "localNode:\n  name: ws\nrefreshInterval: fast\n");

        int code = run(Map.of("PATH", home.toString()), "doctor");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("PROBLEM  config    " + home.resolve("hydra.yaml") + ":3:18: 'refreshInterval' expects a "
                        + "duration such as 2s, 500ms or 1m, got \"fast\"")
                .contains("fix: write a duration such as 2s, 500ms or 1m")
                .contains("1 problem found.");
    }

    @Test
    void doctorIsHappyWithTheEmbeddedDefault() {
        int code = run(Map.of("PATH", home.toString()), "doctor");

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("no hydra.yaml, so the embedded default is in use")
                .contains("H2 file").contains("schema version 4")
                .contains("info     gpus      nvidia-smi is not on PATH")
                .contains("ok       learning  a setting is compared after 8 decisions").contains("All is well.");
    }

    @Test
    void doctorReportsAHungNvidiaSmi() {
        NvidiaSmiStandIn standIn = NvidiaSmiStandIn.install(home.resolve("bin"), "h100-load").hangingFor(600);
        String yaml = "localNode:\n  commandTimeout: 500ms\n";

        int code = runWithConfig(yaml, Map.of("PATH", standIn.searchPath()), "doctor");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("PROBLEM  gpus      nvidia-smi did not answer within 500 ms");
    }

    @Test
    void doctorChecksTheReviewFoldersAndReferenceImages() throws Exception {
        Path output = Files.createDirectories(home.resolve("ComfyUI/output"));
        String yaml = "review:\n  folders: [" + output + ", /nowhere/output]\n  characters:\n    - name: Mira\n"
                + "      filenamePrefix: mira_\n      reference: /nowhere/mira.png\n";

        int code = runWithConfig(yaml, Map.of("PATH", home.toString()), "doctor");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("ok       review    " + output + " will be indexed and watched")
                .contains("PROBLEM  review    review.folders: /nowhere/output is not a folder")
                .contains("PROBLEM  review    the reference image of Mira (/nowhere/mira.png) cannot be read")
                .contains("2 problems found.");
    }

    @Test
    void doctorSaysWhenALearningSettingCanNeverTakeEffect() {
        String yaml = "learning:\n  negativePrompts: {hands: \"bad hands\", lighting: \"flat lighting\"}\n"
                + "  regenerate: {onReject: true}\n";

        int code = runWithConfig(yaml, Map.of("PATH", home.toString()), "doctor");

        assertThat(code).as("warnings, not problems").isZero();
        assertThat(out.toString()).contains("warning  learning  learning.negativePrompts.lighting: no reject reason is "
                        + "called \"lighting\", so these phrases are never suggested")
                .contains("fix: use a reason of review.reasonKeys (face, hands, composition, style, artifacts, outfit)")
                .contains("warning  learning  learning.regenerate is set, but re-generation needs a ComfyUI server")
                .doesNotContain("learning.negativePrompts.hands");
    }

    private int runWithConfig(String yaml, Map<String, String> env, String... args) {
        try {
            Files.writeString(home.resolve("hydra.yaml"), yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return run(env, args);
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
