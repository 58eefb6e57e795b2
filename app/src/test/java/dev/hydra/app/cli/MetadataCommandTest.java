package dev.hydra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.app.AppComposition;
import dev.hydra.app.AppPaths;
import dev.hydra.services.json.Json;
import dev.hydra.services.testing.PngFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hydra metadata --json} on the real fixtures: the documented shape and every expected fact. */
class MetadataCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();

    @Test
    void printsOneObjectPerFileWithTheFinalPassFacts() throws Exception {
        Path lora = copy("comfyui_lora_multiple.png");
        Path turbo = copy("comfyui_sdxlturbo_samplercustom.png");
        Path unet = copy("comfyui_z_image_turbo_unet.png");
        Path twoPass = copy("comfyui_area_2pass_cropped.png");
        Path duck = copy("a1111_sd15_text_cropped.png");
        Path miku = copy("a1111_sdwebui_itxt.png");

        int code = run("metadata", "--json", lora.toString(), turbo.toString(), unet.toString(), twoPass.toString(),
                duck.toString(), miku.toString());

        assertThat(code).isZero();
        JsonNode array = Json.mapper().readTree(out.toString());
        assertThat(array).hasSize(6);

        JsonNode first = array.get(0);
        assertThat(fieldNames(first)).startsWith("file", "source", "checkpoint", "loras", "seed", "steps", "cfg",
                "sampler", "scheduler", "denoise", "positivePrompt", "negativePrompt", "width", "height", "imageWidth",
                "imageHeight");
        assertThat(first.get("file").asText()).isEqualTo(lora.toString());
        assertThat(first.get("source").asText()).isEqualTo("comfyui");
        assertThat(first.get("checkpoint").asText()).isEqualTo("v1-5-pruned-emaonly.ckpt");
        assertThat(first.get("loras").get(0).get("name").asText()).isEqualTo("epiNoiseoffset_v2.safetensors");
        assertThat(first.get("loras").get(0).get("strengthModel").asDouble()).isEqualTo(1.0);
        assertThat(first.get("loras").get(1).get("name").asText()).isEqualTo("theovercomer8sContrastFix_sd15.safetensors");
        assertThat(first.get("seed").isTextual()).isTrue();
        assertThat(first.get("seed").asText()).isEqualTo("513173432917412");
        assertThat(first.get("steps").asInt()).isEqualTo(20);
        assertThat(first.get("cfg").asDouble()).isEqualTo(8.0);
        assertThat(first.get("sampler").asText()).isEqualTo("euler");
        assertThat(first.get("scheduler").asText()).isEqualTo("normal");
        assertThat(first.get("denoise").asDouble()).isEqualTo(1.0);
        assertThat(first.get("positivePrompt").asText()).isEqualTo("masterpiece best quality girl");
        assertThat(first.get("negativePrompt").asText()).isEqualTo("bad hands");
        assertThat(List.of(first.get("width").asInt(), first.get("height").asInt(), first.get("imageWidth").asInt(),
                first.get("imageHeight").asInt())).containsExactly(512, 512, 2324, 799);

        JsonNode sdxl = array.get(1);
        assertThat(sdxl.get("seed").asText()).isEqualTo("0");
        assertThat(sdxl.get("sampler").asText()).isEqualTo("euler_ancestral");
        assertThat(sdxl.get("scheduler").asText()).isEqualTo("SDTurboScheduler");
        assertThat(sdxl.get("steps").asInt()).isEqualTo(1);
        assertThat(sdxl.get("checkpoint").asText()).isEqualTo("sd_xl_turbo_1.0_fp16.safetensors");

        assertThat(array.get(2).get("checkpoint").asText()).isEqualTo("z_image_turbo_bf16.safetensors");
        assertThat(array.get(2).get("seed").asText()).isEqualTo("47447417949230");

        JsonNode area = array.get(3);
        assertThat(area.get("seed").asText()).as("the final pass, not the first").isEqualTo("1122440447966177");
        assertThat(area.get("checkpoint").asText()).isEqualTo("AbyssOrangeMix2_hard.safetensors");
        assertThat(area.get("denoise").asDouble()).isEqualTo(0.5);
        assertThat(List.of(area.get("width").asInt(), area.get("height").asInt(), area.get("imageWidth").asInt()))
                .containsExactly(1088, 1920, 1);

        JsonNode a1111 = array.get(4);
        assertThat(a1111.get("source").asText()).isEqualTo("a1111");
        assertThat(a1111.get("checkpoint").asText()).isEqualTo("realistic_realisticVisionV20_v20");
        assertThat(a1111.get("seed").asText()).isEqualTo("235284042");
        assertThat(a1111.get("sampler").asText()).isEqualTo("UniPC");
        assertThat(a1111.get("scheduler").isNull()).isTrue();
        assertThat(a1111.get("denoise").isNull()).isTrue();
        assertThat(List.of(a1111.get("width").asInt(), a1111.get("height").asInt())).containsExactly(512, 400);
        assertThat(a1111.get("negativePrompt").asText()).isEqualTo("monochrome");

        JsonNode itxt = array.get(5);
        assertThat(itxt.get("positivePrompt").asText()).endsWith("hatsune miku, テスト");
        assertThat(itxt.get("scheduler").asText()).isEqualTo("Karras");
        assertThat(itxt.get("seed").asText()).isEqualTo("3782896554");
    }

    @Test
    void aBrokenFileGetsItsOwnStatusAndTheOthersAreStillRead() throws Exception {
        Path notAnImage = Files.writeString(home.resolve("notes.png"), "just text");
        Path good = copy("comfyui_lora_multiple.png");

        int code = run("metadata", "--json", notAnImage.toString(), good.toString());

        assertThat(code).as("an unreadable file is exit code 2").isEqualTo(2);
        JsonNode array = Json.mapper().readTree(out.toString());
        assertThat(array.get(0).get("source").asText()).isEqualTo("none");
        assertThat(array.get(0).get("status").asText()).isEqualTo("error");
        assertThat(array.get(0).get("problems").get(0).asText())
                .isEqualTo("not an image this reader understands (PNG, JPEG or WebP)");
        assertThat(array.get(0).get("seed").isNull()).isTrue();
        assertThat(array.get(1).get("seed").asText()).isEqualTo("513173432917412");
    }

    @Test
    void textOutputShowsBothPassesOfATwoPassGraph() {
        int code = run("metadata", copy("comfyui_area_2pass_cropped.png").toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("first pass KSampler (node 3)").contains("final pass KSampler (node 24)")
                .contains("Anything-V3.0.ckpt").contains("AbyssOrangeMix2_hard.safetensors");
    }

    private Path copy(String fixture) {
        try {
            return Files.write(home.resolve(fixture), PngFiles.fixture(fixture));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private int run(String... args) {
        try (AppComposition app = new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", home.toString()), "Linux",
                home), Clock.systemUTC(), Map.of())) {
            CommandLine commandLine = HydraCommand.commandLine(app);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(new StringWriter(), true));
            return commandLine.execute(args);
        }
    }
}
