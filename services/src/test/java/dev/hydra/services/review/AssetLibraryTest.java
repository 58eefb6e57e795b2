package dev.hydra.services.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.config.ReviewConfig.MappingConfig;
import dev.hydra.services.metadata.MetadataReader;
import dev.hydra.services.metadata.MetadataSource;
import dev.hydra.services.store.Database;
import dev.hydra.services.testing.PngFiles;
import dev.hydra.services.testing.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The asset library on both engines: indexing, dedupe, classification, decisions, undo, filters, statistics. */
class AssetLibraryTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T07:30:00Z"), ZoneOffset.UTC);
    static final Classifier CLASSIFIER = new Classifier(
            List.of(new MappingConfig("Mira", "mira_", null, null, null),
                    new MappingConfig("Fennec", null, null, "fennec", null)),
            List.of(new MappingConfig("night sky", null, "night", null, null)));

    abstract static class Contract {

        @TempDir
        Path dir;
        AssetLibrary library;

        abstract Database database();

        @BeforeEach
        void setUp() {
            database().jdbi().useHandle(h -> {
                h.execute("delete from review_decision");
                h.execute("delete from asset");
                h.execute("delete from review_folder");
            });
            library = new DatabaseAssetLibrary(database().jdbi(), CLOCK, new MetadataReader(), CLASSIFIER);
        }

        Path fixture(String relative, String fixture) throws Exception {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.write(file, PngFiles.fixture(fixture));
        }

        @Test
        void indexesAFileWithItsFactsAndFindsTheSamePictureElsewhereAsADuplicate() throws Exception {
            Path first = fixture("out/mira_00001_.png", "comfyui_lora_multiple.png");
            Path copy = fixture("out/copy/other.png", "comfyui_lora_multiple.png");

            IndexOutcome added = library.register(first, AssetOrigin.folder(dir.resolve("out")));
            IndexOutcome again = library.register(copy, AssetOrigin.folder(dir.resolve("out")));

            assertThat(added.kind()).isEqualTo(IndexOutcome.Kind.ADDED);
            assertThat(again.kind()).isEqualTo(IndexOutcome.Kind.DUPLICATE);
            assertThat(again.assetId()).isEqualTo(added.assetId());
            Asset asset = library.get(added.assetId()).orElseThrow();
            assertThat(asset.contentHash()).isEqualTo(
                    "204678664ad2aa9776fc0a5ffc9b8b58bcae287ff0b950b919f77d3699885cb3");
            assertThat(asset.fileSize()).isEqualTo(181_377);
            assertThat(asset.character()).as("filename prefix rule").isEqualTo("Mira");
            assertThat(asset.state()).isEqualTo(ReviewState.PENDING);
            assertThat(asset.metadata().source()).isEqualTo(MetadataSource.COMFYUI);
            assertThat(asset.metadata().finalPass().orElseThrow().seed()).hasToString("513173432917412");
            assertThat(asset.metadata().rawText()).as("the raw graph is kept for re-queueing").containsKeys("prompt",
                    "workflow");
            assertThat(asset.metadata().imageWidth()).isEqualTo(2324);
            assertThat(library.checkpoints()).containsExactly("v1-5-pruned-emaonly.ckpt");
        }

        @Test
        void classifiesByPromptTagAndSubfolder() throws Exception {
            long fox = library.register(fixture("a/turbo.png", "comfyui_sdxlturbo_samplercustom.png"),
                    AssetOrigin.folder(dir)).assetId();
            long sky = library.register(fixture("night/area.png", "comfyui_area_2pass_cropped.png"),
                    AssetOrigin.folder(dir)).assetId();

            assertThat(library.get(fox).orElseThrow().character()).isEqualTo("Fennec");
            assertThat(library.get(sky).orElseThrow().scene()).isEqualTo("night sky");
            assertThat(library.characters()).containsExactly("Fennec");
        }

        @Test
        void aMovedFileKeepsItsAssetAndDecisions() throws Exception {
            Path original = fixture("in/x.png", "a1111_sd15_text_cropped.png");
            long id = library.register(original, AssetOrigin.folder(dir)).assetId();
            library.decide(id, ReviewState.ACCEPTED, 4, Set.of());
            Path moved = dir.resolve("in/renamed.png");
            Files.move(original, moved);

            IndexOutcome outcome = library.register(moved, AssetOrigin.folder(dir));

            assertThat(outcome.assetId()).isEqualTo(id);
            Asset asset = library.get(id).orElseThrow();
            assertThat(asset.path()).isEqualTo(moved.toAbsolutePath());
            assertThat(asset.state()).isEqualTo(ReviewState.ACCEPTED);
            assertThat(asset.rating()).isEqualTo(4);
        }

        @Test
        void aNonImageAndABrokenImageGetTheirOwnOutcome() throws Exception {
            Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
            Path fake = Files.writeString(dir.resolve("fake.png"), "not a png at all");

            assertThat(library.register(text, AssetOrigin.folder(dir)).kind()).isEqualTo(IndexOutcome.Kind.SKIPPED);
            IndexOutcome broken = library.register(fake, AssetOrigin.folder(dir));
            assertThat(broken.kind()).isEqualTo(IndexOutcome.Kind.FAILED);
            assertThat(broken.message()).isEqualTo("not an image this reader understands (PNG, JPEG or WebP)");
            assertThat(library.list(AssetQuery.ALL)).isEmpty();
        }

        @Test
        void aDecisionIsStoredWithWhatItReplacedAndCanBeUndone() throws Exception {
            long id = library.register(fixture("a.png", "comfyui_lora_multiple.png"), AssetOrigin.folder(dir)).assetId();

            Decision reject = library.decide(id, ReviewState.REJECTED, null, Set.of());
            Decision reason = library.decide(id, ReviewState.REJECTED, null, Set.of("hands"));

            Asset rejected = library.get(id).orElseThrow();
            assertThat(rejected.state()).isEqualTo(ReviewState.REJECTED);
            assertThat(rejected.reasons()).containsExactly("hands");
            assertThat(rejected.decidedAt()).isEqualTo(CLOCK.instant());
            assertThat(rejected.decidedBy()).isEqualTo("user");
            assertThat(library.recentDecisions(10)).extracting(Decision::id).containsExactly(reason.id(), reject.id());

            assertThat(library.undo(reject.id())).as("not the latest decision on the asset").isEmpty();
            assertThat(library.undo(reason.id())).isPresent();
            assertThat(library.get(id).orElseThrow().reasons()).isEmpty();
            Decision undone = library.undo(reject.id()).orElseThrow();

            assertThat(undone.undoes()).isEqualTo(reject.id());
            Asset back = library.get(id).orElseThrow();
            assertThat(back.state()).isEqualTo(ReviewState.PENDING);
            assertThat(back.decidedAt()).isNull();
            assertThat(library.undo(reject.id())).as("undone once").isEmpty();
        }

        @Test
        void ratingKeepsTheStateAndBatchDecisionsAreOneTransaction() throws Exception {
            long a = library.register(fixture("a.png", "comfyui_lora_multiple.png"), AssetOrigin.folder(dir)).assetId();
            long b = library.register(fixture("b.png", "a1111_sd15_text_cropped.png"), AssetOrigin.folder(dir)).assetId();
            library.decide(a, ReviewState.ACCEPTED, null, Set.of());

            library.rate(a, 5);
            List<Decision> batch = library.decideAll(List.of(a, b), ReviewState.REJECTED);

            assertThat(batch).hasSize(2);
            assertThat(library.get(a).orElseThrow().rating()).as("rating kept through the batch").isEqualTo(5);
            assertThat(library.list(AssetQuery.ALL.withState(ReviewState.REJECTED))).extracting(AssetSummary::id)
                    .containsExactly(a, b);
            ReviewStats stats = library.stats();
            assertThat(stats.total()).isEqualTo(2);
            assertThat(stats.byState()).containsEntry("rejected", 2L).containsEntry("pending", 0L);
            assertThat(stats.byCheckpoint().get("v1-5-pruned-emaonly.ckpt")).containsEntry("rejected", 1L);
            assertThat(stats.byCheckpoint().get("realistic_realisticVisionV20_v20")).containsEntry("rejected", 1L);
            assertThat(stats.byCharacter().get("(none)")).containsEntry("rejected", 2L);
        }

        @Test
        void listsFilterByCheckpointAndCharacterAndSortByTime() throws Exception {
            Path older = fixture("mira_1.png", "comfyui_lora_multiple.png");
            Path newer = fixture("z.png", "comfyui_z_image_turbo_unet.png");
            Files.setLastModifiedTime(older, java.nio.file.attribute.FileTime.from(Instant.parse("2026-11-20T10:00:00Z")));
            Files.setLastModifiedTime(newer, java.nio.file.attribute.FileTime.from(Instant.parse("2026-11-21T10:00:00Z")));
            long o = library.register(older, AssetOrigin.folder(dir)).assetId();
            long n = library.register(newer, AssetOrigin.folder(dir)).assetId();

            assertThat(library.list(AssetQuery.ALL)).extracting(AssetSummary::id).containsExactly(o, n);
            assertThat(library.list(new AssetQuery(null, null, null, null, null, null, true)))
                    .extracting(AssetSummary::id).containsExactly(n, o);
            assertThat(library.list(new AssetQuery(null, "Mira", null, null, null, null, false)))
                    .extracting(AssetSummary::id).containsExactly(o);
            assertThat(library.list(new AssetQuery(null, null, "z_image_turbo_bf16.safetensors", null, null, null,
                    false))).extracting(AssetSummary::id).containsExactly(n);
            assertThat(library.list(new AssetQuery(null, null, null, Instant.parse("2026-11-21T00:00:00Z"), null,
                    null, false))).extracting(AssetSummary::id).containsExactly(n);
        }

        @Test
        void importsAFolderTreeAndOnlyReadsNewFilesOnARescan() throws Exception {
            fixture("out/a.png", "comfyui_lora_multiple.png");
            fixture("out/sub/deeper/b.png", "a1111_sdwebui_itxt.png");
            Files.writeString(dir.resolve("out/sub/broken.png"), "\u0089PNG\r\n\u001a\nnot really");
            Files.writeString(dir.resolve("out/readme.txt"), "not an image");
            FolderImporter importer = new FolderImporter(library, 2);

            ImportReport first = importer.importFolder(dir.resolve("out"), outcome -> { });
            fixture("out/sub/c.png", "comfyui_z_image_turbo_unet.png");
            ImportReport second = importer.importFolder(dir.resolve("out"), outcome -> { });

            assertThat(first.added()).isEqualTo(2);
            assertThat(first.failed()).extracting(f -> f.file().getFileName().toString()).containsExactly("broken.png");
            assertThat(second.added()).isEqualTo(1);
            assertThat(second.duplicates()).as("known files are not read again").isEqualTo(2);
            assertThat(library.folders()).containsExactly(dir.resolve("out").toAbsolutePath());
        }
    }

    @Nested
    class H2File extends Contract {
        private Database database;

        @Override
        Database database() {
            if (database == null) {
                try {
                    database = Database.openEmbedded(dir.resolve("db"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return database;
        }

        @AfterEach
        void close() {
            database.close();
        }
    }

    @Nested
    class Postgres extends Contract {
        private static PostgresDatabase postgres;

        @BeforeAll
        static void start() throws Exception {
            postgres = PostgresDatabase.start("hydra_review");
        }

        @AfterAll
        static void stop() {
            if (postgres != null) {
                postgres.close();
            }
        }

        @Override
        Database database() {
            return postgres.database();
        }
    }
}
