package dev.hydra.services.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.config.ReviewConfig.QualityConfig;
import dev.hydra.services.metadata.MetadataReader;
import dev.hydra.services.store.Database;
import dev.hydra.services.testing.PngFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The automated checks on real pixels: flags, near-duplicates, thumbnails, and an auto-reject that can be undone. */
class AssetAnalyzerTest {

    @TempDir
    Path dir;
    private Database database;
    private DatabaseAssetLibrary library;
    private ThumbnailCache thumbnails;
    private final List<Long> analysed = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        database = Database.openEmbedded(dir.resolve("db"));
        library = new DatabaseAssetLibrary(database.jdbi(), Clock.systemUTC(), new MetadataReader(), Classifier.none());
        thumbnails = new ThumbnailCache(dir.resolve("thumbs"), 2);
    }

    @AfterEach
    void close() {
        thumbnails.close();
        database.close();
    }

    private long add(String name, byte[] png) throws Exception {
        return library.register(Files.write(dir.resolve(name), png), AssetOrigin.folder(dir)).assetId();
    }

    private AssetAnalyzer analyzer(Set<QualityFlag> autoReject) {
        return new AssetAnalyzer(library, new QualityChecks(QualityConfig.DEFAULT), autoReject, thumbnails,
                analysed::add);
    }

    @Test
    void flagsWhatLooksWrongAndLeavesAGoodImageAlone() throws Exception {
        long black = add("black.png", PngFiles.grey(256, 256, 3));
        long gradient = add("gradient.png", PngFiles.grey(256, 256, (x, y) -> x));
        long halves = add("halves.png", PngFiles.grey(256, 256, (x, y) -> x < 128 ? 0 : 255));
        long good = add("good.png", PngFiles.fixture("comfyui_z_image_turbo_unet.png"));
        long screenshot = add("lora.png", PngFiles.fixture("comfyui_lora_multiple.png"));

        assertThat(analyzer(Set.of()).analyzePending()).isEqualTo(5);

        assertThat(flags(black)).containsExactly(QualityFlag.BLANK);
        assertThat(flags(gradient)).containsExactly(QualityFlag.LOW_DETAIL);
        assertThat(flags(halves)).contains(QualityFlag.CLIPPED);
        assertThat(flags(good)).isEmpty();
        assertThat(flags(screenshot)).as("2324x799 pixels for a 512x512 request").contains(QualityFlag.SIZE_MISMATCH);
        assertThat(analysed).containsExactly(black, gradient, halves, good, screenshot);
        String hash = library.get(good).orElseThrow().contentHash();
        assertThat(thumbnails.pathFor(hash)).exists();
        assertThat(library.list(new AssetQuery(null, null, null, null, null, QualityFlag.BLANK, false)))
                .extracting(AssetSummary::id).containsExactly(black);
    }

    @Test
    void theSamePictureWithOtherMetadataIsANearDuplicateOfTheFirst() throws Exception {
        byte[] original = PngFiles.fixture("comfyui_z_image_turbo_unet.png");
        long first = add("first.png", original);
        long second = add("second.png", PngFiles.withChunksAfterHeader(original, PngFiles.text("note", "again")));

        analyzer(Set.of()).analyzePending();

        assertThat(flags(first)).doesNotContain(QualityFlag.DUPLICATE);
        assertThat(flags(second)).contains(QualityFlag.DUPLICATE);
        assertThat(library.get(second).orElseThrow().duplicateOf()).isEqualTo(first);
    }

    @Test
    void anAutoRejectIsAVisibleDecisionThatCanBeUndone() throws Exception {
        long black = add("black.png", PngFiles.grey(64, 64, 0));

        analyzer(Set.of(QualityFlag.BLANK)).analyzePending();

        Asset rejected = library.get(black).orElseThrow();
        assertThat(rejected.state()).isEqualTo(ReviewState.REJECTED);
        assertThat(rejected.decidedBy()).isEqualTo("auto:blank");
        assertThat(rejected.reasons()).containsExactly("blank");
        Decision decision = library.recentDecisions(1).getFirst();
        assertThat(decision.actor()).isEqualTo("auto:blank");
        assertThat(library.undo(decision.id())).isPresent();
        assertThat(library.get(black).orElseThrow().state()).isEqualTo(ReviewState.PENDING);
    }

    @Test
    void anUndecodableImageIsMarkedCheckedWithTheReasonAndNotRetriedForever() throws Exception {
        byte[] good = PngFiles.grey(64, 64, 100);
        byte[] damaged = java.util.Arrays.copyOf(good, good.length);
        int idat = indexOf(damaged, "IDAT") + 4;
        for (int i = idat; i < idat + 8; i++) {
            damaged[i] = (byte) 0xff;
        }
        long id = add("damaged.png", damaged);

        assertThat(analyzer(Set.of()).analyzePending()).isEqualTo(1);
        assertThat(analyzer(Set.of()).analyzePending()).isZero();
        String stored = database.jdbi().withHandle(h -> h.createQuery("select quality_json from asset where id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(stored).contains("cannot decode the image");
    }

    private Set<QualityFlag> flags(long id) {
        return library.get(id).orElseThrow().qualityFlags();
    }

    private static int indexOf(byte[] data, String text) {
        byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
