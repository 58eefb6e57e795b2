package dev.hydra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydra.app.AppComposition;
import dev.hydra.app.AppPaths;
import dev.hydra.services.comfy.ComfyUiClient;
import dev.hydra.services.review.Asset;
import dev.hydra.services.review.AssetQuery;
import dev.hydra.services.review.AssetSource;
import dev.hydra.services.testing.FakeComfyUi;
import dev.hydra.services.transport.http.HttpClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** hydra review import-comfyui against the fake ComfyUI: its finished prompts' images join the library once. */
class ReviewComfyImportCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void importsTheHistorysImagesWithTheirMetadataAndOnlyOnce() throws Exception {
        try (FakeComfyUi comfy = FakeComfyUi.start()) {
            ComfyUiClient client = new ComfyUiClient(comfy.url(), HttpClients.shared());
            String promptId = UUID.randomUUID().toString();
            client.queuePrompt(FakeComfyUi.textToImage("a red lighthouse", 7), "hydra-test", promptId, Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> client.history(promptId).isPresent());
            Files.writeString(home.resolve("hydra.yaml"), "comfyui:\n  url: " + comfy.url() + "\n");

            assertThat(run("review", "import-comfyui")).as(err.toString()).isZero();
            assertThat(out.toString()).contains(": 1 new, 0 already in the library");
            out.getBuffer().setLength(0);
            assertThat(run("review", "import-comfyui")).isZero();
            assertThat(out.toString()).as("a second import fetches nothing new").contains(": 0 new, 1 already in the library");

            try (AppComposition app = app()) {
                Asset asset = app.assets().get(app.assets().list(AssetQuery.ALL).getFirst().id()).orElseThrow();
                assertThat(asset.origin().source()).isEqualTo(AssetSource.COMFYUI);
                assertThat(asset.origin().sourceRef()).endsWith(promptId);
                assertThat(asset.metadata().finalPass().orElseThrow().positive()).containsExactly("a red lighthouse");
            }
        }
    }

    @Test
    void withoutAComfyUiServerItSaysWhatToSet() {
        assertThat(run("review", "import-comfyui")).isEqualTo(3);
        assertThat(err.toString()).startsWith("No ComfyUI server is configured: set comfyui.url in ");
    }

    private int run(String... args) {
        try (AppComposition app = app()) {
            CommandLine commandLine = HydraCommand.commandLine(app);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            return commandLine.execute(args);
        }
    }

    private AppComposition app() {
        return new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", home.toString()), "Linux", home),
                Clock.systemUTC(), Map.of());
    }
}
