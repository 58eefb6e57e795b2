package dev.hydra.services.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hydra.services.testing.PngFiles;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Jazzer mutates the real fixtures (and, through its own structure-aware mutations, their chunks) and the reader
 * must neither throw, nor allocate beyond a fixed budget per file. Runs for a bounded time in the normal test suite
 * (JAZZER_FUZZ=1 in the services Surefire configuration); a failing input is saved under
 * src/test/resources/.../MetadataReaderFuzzTestInputs and replayed by every later run.
 */
class MetadataReaderFuzzTest {

    private static final MetadataReader READER = new MetadataReader(new MetadataLimits(1 << 20, 4 << 20, 2_000));
    private static final List<byte[]> SEEDS = List.of(PngFiles.fixture("comfyui_area_2pass_cropped.png"),
            PngFiles.fixture("a1111_sd15_text_cropped.png"), PngFiles.fixture("comfyui_lora_multiple.png"),
            PngFiles.grey(4, 4, 7, PngFiles.compressedText("prompt", "{\"1\":{\"class_type\":\"KSampler\"}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    /** Chunk caps of 1 MiB and 4 MiB inflated, plus the file itself and parsing: far below this. */
    private static final long ALLOCATION_BUDGET = 256L << 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        // Load and instrument every class the reader uses before measuring: class loading allocates on this thread.
        SEEDS.forEach(READER::read);
        READER.read(new byte[] {1, 2, 3});
    }

    @FuzzTest(maxDuration = "45s")
    void readsAnyBytesWithinItsLimits(FuzzedDataProvider data) {
        byte[] seed = SEEDS.get(data.consumeInt(0, SEEDS.size() - 1));
        byte[] input = mutate(seed, data);
        long before = THREADS.getCurrentThreadAllocatedBytes();

        ImageMetadata read = READER.read(input);

        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(read).isNotNull();
        assertThat(read.status() == ReadStatus.OK || !read.problems().isEmpty())
                .as("a file that is not OK says why").isTrue();
        assertThat(allocated).as("bytes allocated reading one %d-byte file", input.length)
                .isLessThan(ALLOCATION_BUDGET);
    }

    /** Overwrites, inserts or cuts bytes of a real file, so the mutations start from valid structure. */
    private static byte[] mutate(byte[] seed, FuzzedDataProvider data) {
        byte[] bytes = seed.clone();
        int edits = data.consumeInt(1, 8);
        for (int i = 0; i < edits && data.remainingBytes() > 4; i++) {
            int at = data.consumeInt(0, bytes.length - 1);
            switch (data.consumeInt(0, 2)) {
                case 0 -> bytes[at] = data.consumeByte();
                case 1 -> {
                    byte[] insert = data.consumeBytes(data.consumeInt(1, 64));
                    bytes = PngFiles.concat(java.util.Arrays.copyOf(bytes, at), insert,
                            java.util.Arrays.copyOfRange(bytes, at, bytes.length));
                }
                default -> bytes = java.util.Arrays.copyOf(bytes, Math.max(1, at));
            }
        }
        return bytes;
    }
}
