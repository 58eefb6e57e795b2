package dev.hydra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.app.AppComposition;
import dev.hydra.app.AppPaths;
import dev.hydra.services.json.Json;
import dev.hydra.services.review.AssetQuery;
import dev.hydra.services.review.AssetSummary;
import dev.hydra.services.review.ReviewState;
import dev.hydra.services.testing.FakeComfyUi;
import dev.hydra.services.testing.PngFiles;
import dev.hydra.services.testing.Pngs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hydra review import | stats | export} against a real H2 file database in a temporary HYDRA_HOME. */
class ReviewCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();

    @Test
    void importsAFolderTreeAndNamesTheFilesItCouldNotRead() throws Exception {
        Path images = Files.createDirectories(home.resolve("output/mira"));
        Files.write(images.resolve("mira_00001_.png"), PngFiles.fixture("comfyui_lora_multiple.png"));
        Files.write(home.resolve("output/a1111.png"), PngFiles.fixture("a1111_sd15_text_cropped.png"));
        Files.writeString(home.resolve("output/broken.png"), "not an image");

        int code = run("review", "import", home.resolve("output").toString(), "--checks");

        assertThat(code).as("some files failed").isEqualTo(2);
        assertThat(out.toString()).contains(home.resolve("output") + ": 2 new, 0 already in the library, 1 could not "
                + "be read").contains(home.resolve("output/broken.png") + ": not an image this reader understands "
                + "(PNG, JPEG or WebP)").contains("Quality checks: 2 checked");
    }

    @Test
    void statsAndExportReflectTheDecisions() throws Exception {
        Path images = Files.createDirectories(home.resolve("output"));
        Files.write(images.resolve("a.png"), PngFiles.fixture("comfyui_lora_multiple.png"));
        Files.write(images.resolve("b.png"), PngFiles.fixture("comfyui_z_image_turbo_unet.png"));
        Files.write(images.resolve("c.png"), PngFiles.fixture("a1111_sd15_text_cropped.png"));
        run("review", "import", images.toString());
        try (AppComposition app = app()) {
            Map<String, Long> ids = app.assets().list(AssetQuery.ALL).stream().collect(Collectors
                    .toMap(a -> a.path().getFileName().toString(), AssetSummary::id));
            app.assets().decide(ids.get("a.png"), ReviewState.ACCEPTED, 5, Set.of());
            app.assets().decide(ids.get("b.png"), ReviewState.REJECTED, null, Set.of("hands", "face"));
        }
        out.getBuffer().setLength(0);

        assertThat(run("review", "stats", "--json")).isZero();
        JsonNode stats = Json.mapper().readTree(out.toString());
        assertThat(stats.get("total").asInt()).isEqualTo(3);
        assertThat(stats.get("byState").get("accepted").asInt()).isEqualTo(1);
        assertThat(stats.get("byState").get("rejected").asInt()).isEqualTo(1);
        assertThat(stats.get("byState").get("pending").asInt()).isEqualTo(1);
        assertThat(stats.get("byCheckpoint").get("v1-5-pruned-emaonly.ckpt").get("accepted").asInt()).isEqualTo(1);

        Path export = home.resolve("decisions.jsonl");
        assertThat(run("review", "export", export.toString())).isZero();
        List<String> lines = Files.readAllLines(export);
        assertThat(lines).hasSize(2);
        JsonNode rejected = Json.mapper().readTree(lines.stream().filter(l -> l.contains("rejected")).findFirst()
                .orElseThrow());
        assertThat(rejected.get("label").asText()).isEqualTo("rejected");
        assertThat(rejected.get("reasons")).extracting(JsonNode::asText).containsExactly("face", "hands");
        assertThat(rejected.get("hash").asText()).hasSize(64);
        assertThat(rejected.get("metadata").get("seed").asText()).isEqualTo("47447417949230");
        assertThat(rejected.get("time").asText()).endsWith("Z");
        JsonNode accepted = Json.mapper().readTree(lines.stream().filter(l -> l.contains("\"accepted\"")).findFirst()
                .orElseThrow());
        assertThat(accepted.get("rating").asInt()).isEqualTo(5);
        assertThat(out.toString()).contains("2 decisions written to " + export);
    }

    @Test
    void exportPairsWritesChosenAndRejectedImagesOfOnePromptInThePreferenceDatasetLayout() throws Exception {
        Path images = Files.createDirectories(home.resolve("output"));
        for (int i = 0; i < 4; i++) {
            ObjectNode graph = FakeComfyUi
                    .textToImage(i < 3 ? "mira at the cafe" : "a different prompt", 100 + i);
            Files.write(images.resolve("p" + i + ".png"), Pngs.write(16, 16,
                    Map.of("prompt", Json.mapper().writeValueAsString(graph))));
        }
        run("review", "import", images.toString());
        try (AppComposition app = app()) {
            Map<String, Long> ids = app.assets().list(AssetQuery.ALL).stream().collect(Collectors
                    .toMap(a -> a.path().getFileName().toString(), AssetSummary::id));
            app.assets().decide(ids.get("p0.png"), ReviewState.ACCEPTED, 4, Set.of());
            app.assets().decide(ids.get("p1.png"), ReviewState.REJECTED, null, Set.of("hands"));
            app.assets().decide(ids.get("p3.png"), ReviewState.REJECTED, null, Set.of());
            app.learning().compare(ids.get("p2.png"), ids.get("p0.png"));
            app.learning().compare(ids.get("p3.png"), ids.get("p0.png"));
        }
        out.getBuffer().setLength(0);

        Path export = home.resolve("pairs.jsonl");
        assertThat(run("review", "export", "--pairs", export.toString())).isZero();

        List<JsonNode> lines = Files.readAllLines(export).stream().map(line -> {
            try {
                return Json.mapper().readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        assertThat(lines).as("the comparison across prompts is not a pair").hasSize(2);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("prompt").asText()).isEqualTo("mira at the cafe");
            assertThat(line.get("metadata").get("negative_prompt").asText()).isEqualTo("blurry");
        });
        JsonNode compared = lines.stream().filter(l -> l.at("/metadata/source").asText().equals("comparison"))
                .findFirst().orElseThrow();
        assertThat(compared.get("chosen").asText()).endsWith("p2.png");
        assertThat(compared.get("rejected").asText()).endsWith("p0.png");
        JsonNode decided = lines.stream().filter(l -> l.at("/metadata/source").asText().equals("decision"))
                .findFirst().orElseThrow();
        assertThat(decided.get("chosen").asText()).endsWith("p0.png");
        assertThat(decided.get("rejected").asText()).endsWith("p1.png");
        assertThat(decided.at("/metadata/rejected/reasons/0").asText()).isEqualTo("hands");
        assertThat(decided.at("/metadata/chosen/rating").asInt()).isEqualTo(4);
        assertThat(decided.at("/metadata/chosen/metadata/seed").asText()).isEqualTo("100");
        assertThat(out.toString()).contains("2 pairs written to " + export + " (1 from comparisons, 1 from decisions)");
    }

    private AppComposition app() {
        return new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", home.toString()), "Linux", home),
                Clock.systemUTC(), Map.of());
    }

    private int run(String... args) {
        try (AppComposition app = app()) {
            CommandLine commandLine = HydraCommand.commandLine(app);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(new StringWriter(), true));
            return commandLine.execute(args);
        }
    }
}
