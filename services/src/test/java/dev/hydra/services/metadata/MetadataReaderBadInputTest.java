package dev.hydra.services.metadata;

import static dev.hydra.services.testing.PngFiles.chunk;
import static dev.hydra.services.testing.PngFiles.fixture;
import static dev.hydra.services.testing.PngFiles.text;
import static dev.hydra.services.testing.PngFiles.withChunksAfterHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.testing.PngFiles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken and hostile files: each gets a clear status and what can be read is read. */
class MetadataReaderBadInputTest {

    private static final MetadataReader READER = new MetadataReader();
    private static final byte[] SMALL = PngFiles.grey(8, 8, 120);

    @Test
    void aTruncatedPngIsAnErrorThatSaysSo() {
        byte[] png = fixture("comfyui_z_image_turbo_unet.png");

        ImageMetadata read = READER.read(Arrays.copyOf(png, png.length / 2));

        assertThat(read.status()).isEqualTo(ReadStatus.ERROR);
        assertThat(read.problems()).containsExactly("the PNG is truncated (it ends before its IEND chunk), so its "
                + "metadata could not be read");
    }

    @Test
    void aBadCrcIsAWarningAndTheMetadataIsStillShown() {
        byte[] png = withChunksAfterHeader(SMALL, text("parameters", "a cat\nSteps: 20, Sampler: Euler a, CFG scale: 7, "
                + "Seed: 1, Size: 8x8"));
        int crc = 8 + 25 + 8 + ByteBuffer.wrap(png, 33, 4).getInt();
        png[crc] ^= 0x55;

        ImageMetadata read = READER.read(png);

        assertThat(read.status()).isEqualTo(ReadStatus.WARNING);
        assertThat(read.problems()).containsExactly("the tEXt chunk fails its CRC check: the file is damaged, so this "
                + "metadata may be wrong");
        assertThat(read.finalPass().orElseThrow().positiveText()).isEqualTo("a cat");
    }

    @Test
    void aTextChunkClaimingHundredsOfMegabytesIsNotRead() {
        ByteBuffer header = ByteBuffer.allocate(8).putInt(300 << 20).put("tEXt".getBytes(StandardCharsets.US_ASCII));
        byte[] png = withChunksAfterHeader(SMALL, PngFiles.concat(header.array(), "prompt\0{".getBytes(StandardCharsets.UTF_8)));

        ImageMetadata read = READER.read(png);

        assertThat(read.status()).isEqualTo(ReadStatus.ERROR);
        assertThat(read.problems()).first().asString().isEqualTo("a metadata chunk of 300.0 MiB is over the 16.0 MiB "
                + "limit, so it was not read");
    }

    @Test
    void aRealOversizedChunkOnDiskIsRefusedWithoutLoadingIt(@TempDir Path dir) throws Exception {
        MetadataReader strict = new MetadataReader(new MetadataLimits(1 << 20, 4 << 20, 100));
        byte[] big = new byte[3 << 20];
        Arrays.fill(big, (byte) 'a');
        Path file = Files.write(dir.resolve("big.png"), withChunksAfterHeader(SMALL, chunk("tEXt",
                PngFiles.concat("workflow\0".getBytes(StandardCharsets.ISO_8859_1), big))));

        ImageMetadata read = strict.read(file);

        assertThat(read.problems()).first().asString().isEqualTo("a metadata chunk of 3.0 MiB is over the 1.0 MiB "
                + "limit, so it was not read");
    }

    @Test
    void aCompressedChunkThatInflatesEnormouslyIsCut() {
        byte[] zeros = new byte[100 << 20];
        byte[] png = withChunksAfterHeader(SMALL, PngFiles.compressedText("prompt", zeros),
                text("parameters", "fox\nSteps: 4, Sampler: Euler, CFG scale: 2, Seed: 9, Size: 8x8"));

        ImageMetadata read = READER.read(png);

        assertThat(read.status()).isEqualTo(ReadStatus.WARNING);
        assertThat(read.problems()).containsExactly("zTXt chunk skipped: 'prompt' inflates past the 32.0 MiB limit, so "
                + "it was not read");
        assertThat(read.source()).as("the rest of the file is still read").isEqualTo(MetadataSource.A1111);
    }

    @Test
    void invalidJsonInPromptFallsBackToParametersWithAWarning() {
        byte[] png = withChunksAfterHeader(SMALL, text("prompt", "{\"3\": {\"class_type\": \"KSampler\", "),
                text("parameters", "fox\nSteps: 4, Sampler: Euler, CFG scale: 2, Seed: 9, Size: 8x8"));

        ImageMetadata read = READER.read(png);

        assertThat(read.status()).isEqualTo(ReadStatus.WARNING);
        assertThat(read.problems()).singleElement().asString().startsWith("the prompt chunk is not valid JSON (");
        assertThat(read.source()).isEqualTo(MetadataSource.A1111);
        assertThat(read.finalPass().orElseThrow().seed()).hasToString("9");
    }

    @Test
    void graphsWithCyclesAndDanglingLinksEndWithProblemsNamed() {
        String graph = """
                {"3": {"class_type": "KSampler", "inputs": {"seed": 18446744073709551615, "steps": 10, "cfg": 5,
                   "sampler_name": "euler", "scheduler": "normal", "denoise": 1, "model": ["10", 0],
                   "positive": ["6", 0], "negative": ["99", 0], "latent_image": ["3", 0]}},
                 "10": {"class_type": "LoraLoader", "inputs": {"lora_name": "loop.safetensors", "strength_model": 0.5,
                   "strength_clip": 1, "model": ["11", 0], "clip": ["11", 1]}},
                 "11": {"class_type": "ModelMerge", "inputs": {"model1": ["10", 0]}},
                 "6": {"class_type": "ConditioningCombine", "inputs": {"conditioning_1": ["6", 0],
                   "conditioning_2": ["7", 0]}},
                 "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "a fox", "clip": ["11", 1]}}}
                """;

        ImageMetadata read = READER.read(withChunksAfterHeader(SMALL, text("prompt", graph)));

        assertThat(read.status()).isEqualTo(ReadStatus.WARNING);
        assertThat(read.problems()).contains("node 3 links to node 99, which is not in the graph",
                "the graph has a cycle through node 3");
        SamplerPass pass = read.passes().getFirst();
        assertThat(pass.seed()).as("unsigned 64-bit").hasToString("18446744073709551615");
        assertThat(pass.positive()).containsExactly("a fox");
        assertThat(pass.negative()).isEmpty();
        assertThat(pass.loras()).extracting(Lora::name).containsExactly("loop.safetensors");
        assertThat(pass.model()).isNull();
    }

    @Test
    void deeplyNestedJsonIsRefusedCleanly() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        ImageMetadata read = READER.read(withChunksAfterHeader(SMALL, text("prompt", deep)));

        assertThat(read.status()).isEqualTo(ReadStatus.WARNING);
        assertThat(read.problems()).singleElement().asString().startsWith("the prompt chunk is not valid JSON (");
    }

    @Test
    void tExtIsUtf8WhenValidAndLatin1Otherwise() {
        byte[] latin1 = PngFiles.concat("parameters\0".getBytes(StandardCharsets.ISO_8859_1),
                "caf\u00e9\nSteps: 4, Sampler: Euler, CFG scale: 2, Seed: 9, Size: 8x8".getBytes(StandardCharsets.ISO_8859_1));
        byte[] utf8 = PngFiles.concat("parameters\0".getBytes(StandardCharsets.ISO_8859_1),
                "テスト\nSteps: 4, Sampler: Euler, CFG scale: 2, Seed: 9, Size: 8x8".getBytes(StandardCharsets.UTF_8));

        assertThat(READER.read(withChunksAfterHeader(SMALL, chunk("tEXt", latin1))).finalPass().orElseThrow()
                .positiveText()).isEqualTo("café");
        assertThat(READER.read(withChunksAfterHeader(SMALL, chunk("tEXt", utf8))).finalPass().orElseThrow()
                .positiveText()).isEqualTo("テスト");
    }

    @Test
    void nonImagesAndEmptyFilesAreNamed(@TempDir Path dir) throws Exception {
        assertThat(READER.read(Files.writeString(dir.resolve("a.png"), "<html>")).problems())
                .containsExactly("not an image this reader understands (PNG, JPEG or WebP)");
        assertThat(READER.read(Files.write(dir.resolve("b.png"), new byte[0])).problems())
                .containsExactly("the file is empty");
        assertThat(READER.read(dir.resolve("missing.png")).problems()).singleElement().asString()
                .startsWith("cannot read the file: ");
    }
}
