package dev.hydra.services.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.config.LearningConfig;
import dev.hydra.services.json.Json;
import dev.hydra.services.metadata.MetadataReader;
import dev.hydra.services.review.AssetLibrary;
import dev.hydra.services.review.AssetOrigin;
import dev.hydra.services.review.Classifier;
import dev.hydra.services.review.DatabaseAssetLibrary;
import dev.hydra.services.review.Decision;
import dev.hydra.services.review.ReviewState;
import dev.hydra.services.store.Database;
import dev.hydra.services.testing.FakeComfyUi;
import dev.hydra.services.testing.PngFiles;
import dev.hydra.services.testing.PostgresDatabase;
import dev.hydra.services.testing.Pngs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live learning on a real library (H2 file and PostgreSQL): it follows decisions made elsewhere, learns each new
 * one once, forgets an undone one by rebuilding, keeps comparisons, and plans re-generations that change only what
 * the learning says.
 */
class PreferenceLearningTest {

    abstract static class Contract {

        @TempDir
        Path dir;
        AssetLibrary library;
        PreferenceLearning learning;

        abstract Database database();

        @BeforeEach
        void setUp() {
            database().jdbi().useHandle(h -> {
                h.execute("delete from review_comparison");
                h.execute("delete from review_decision");
                h.execute("delete from asset");
            });
            library = new DatabaseAssetLibrary(database().jdbi(), Clock.systemUTC(), new MetadataReader(),
                    Classifier.none());
            learning = new PreferenceLearning(library, new Comparisons(database().jdbi(), Clock.systemUTC()),
                    new LearningConfig(2, null, null, null, null));
        }

        long image(String name, String checkpoint, String sampler, double cfg, long seed) throws Exception {
            ObjectNode graph = FakeComfyUi.textToImage("a lighthouse at dusk", seed);
            ((ObjectNode) graph.at("/4/inputs")).put("ckpt_name", checkpoint);
            ((ObjectNode) graph.at("/3/inputs")).put("sampler_name", sampler).put("cfg", cfg);
            Path file = Files.write(dir.resolve(name), Pngs.write(32, 32, Map.of("prompt",
                    Json.mapper().writeValueAsString(graph))));
            return library.register(file, AssetOrigin.folder(dir)).assetId();
        }

        @Test
        void learnsEachNewDecisionOnceAndRebuildsWhenOneIsUndone() throws Exception {
            long good = image("good.png", "dreamshaper_8.safetensors", "dpmpp_2m", 6, 1);
            long bad = image("bad.png", "sd_xl_base_1.0.safetensors", "euler", 9.5, 2);
            long pending = image("pending.png", "dreamshaper_8.safetensors", "dpmpp_2m", 6, 3);
            assertThat(learning.report().decisions()).isZero();

            library.decide(good, ReviewState.ACCEPTED, null, Set.of());
            Decision rejected = library.decide(bad, ReviewState.REJECTED, null, Set.of("hands"));
            LearningReport report = learning.report();
            assertThat(report.decisions()).isEqualTo(2);
            assertThat(report.levels()).anySatisfy(level -> {
                assertThat(level.factor()).isEqualTo(new Factor(FactorKind.CHECKPOINT, "dreamshaper_8.safetensors"));
                assertThat(level.posterior().accepted()).isEqualTo(1);
            });
            var predictions = learning.predictions(List.of(pending, bad));
            assertThat(predictions.get(pending).acceptance()).isGreaterThan(predictions.get(bad).acceptance());

            library.undo(rejected.id());
            assertThat(learning.report().decisions()).as("the undone reject is forgotten").isEqualTo(1);
            assertThat(learning.report().levels()).noneSatisfy(level -> assertThat(level.factor())
                    .isEqualTo(new Factor(FactorKind.CHECKPOINT, "sd_xl_base_1.0.safetensors")));
        }

        @Test
        void comparisonsAreStoredAndLearned() throws Exception {
            long left = image("left.png", "dreamshaper_8.safetensors", "dpmpp_2m", 6, 1);
            long right = image("right.png", "dreamshaper_8.safetensors", "euler", 6, 2);

            learning.compare(left, right);
            learning.compare(left, right);

            assertThat(learning.comparisons()).hasSize(2).allSatisfy(c -> {
                assertThat(c.betterId()).isEqualTo(left);
                assertThat(c.worseId()).isEqualTo(right);
            });
            assertThat(learning.report().comparisons()).isEqualTo(2);
            var predictions = learning.predictions(List.of(left, right));
            assertThat(predictions.get(left).acceptance()).isGreaterThan(predictions.get(right).acceptance());
            assertThatThrownBy(() -> learning.compare(left, left)).hasMessageContaining("itself");
        }

        @Test
        void aReGenerationChangesTheSeedsAndOnlyTheListedLearnedSettings() throws Exception {
            for (int i = 0; i < 3; i++) {
                library.decide(image("ok" + i + ".png", "dreamshaper_8.safetensors", "dpmpp_2m", 6, 10 + i),
                        ReviewState.ACCEPTED, null, Set.of());
                library.decide(image("no" + i + ".png", "sd_xl_base_1.0.safetensors", "euler", 9.5, 20 + i),
                        ReviewState.REJECTED, null, Set.of("hands"));
            }
            long parent = image("parent.png", "sd_xl_base_1.0.safetensors", "euler", 9.5, 99);
            ComfyChoices onlyEuler = (nodeClass, input) -> switch (input) {
                case "ckpt_name" -> List.of("sd_xl_base_1.0.safetensors", "dreamshaper_8.safetensors");
                case "sampler_name" -> List.of("euler");
                default -> List.of("normal", "karras");
            };
            Regenerator regenerator = new Regenerator(library, learning, null, onlyEuler, new Random(7));

            Regenerator.Plan seedOnly = regenerator.plan(parent, Regenerator.Options.SEED_ONLY);
            assertThat(seedOnly.changes()).singleElement().asString().startsWith("seed 3.seed → ");
            Regenerator.Plan learned = regenerator.plan(parent, new Regenerator.Options(true, true));

            assertThat(learned.graph().at("/4/inputs/ckpt_name").asText()).isEqualTo("dreamshaper_8.safetensors");
            assertThat(learned.graph().at("/3/inputs/cfg").asDouble()).isEqualTo(6.0);
            assertThat(learned.graph().at("/3/inputs/sampler_name").asText()).as("dpmpp_2m is not listed")
                    .isEqualTo("euler");
            assertThat(learned.notes()).anySatisfy(note -> assertThat(note).contains("dpmpp_2m")
                    .contains("does not list it"));
            assertThat(learned.graph().at("/7/inputs/text").asText()).isEqualTo("blurry, bad hands, extra fingers, "
                    + "fused fingers");
            assertThat(learned.changes()).anySatisfy(change -> assertThat(change).startsWith("checkpoint "
                    + "sd_xl_base_1.0.safetensors → dreamshaper_8.safetensors (accepted"));

            Regenerator unreachable = new Regenerator(library, learning, null, ComfyChoices.NONE, new Random(7));
            assertThat(unreachable.plan(parent, new Regenerator.Options(true, false)).notes())
                    .anySatisfy(note -> assertThat(note).contains("cannot ask ComfyUI"));
        }

        @Test
        void imagesWithoutAComfyUiGraphCannotBeReGenerated() throws Exception {
            Path a1111 = Files.write(dir.resolve("forge.png"), PngFiles.fixture("a1111_sd15_text_cropped.png"));
            long id = library.register(a1111, AssetOrigin.folder(dir)).assetId();
            Regenerator regenerator = new Regenerator(library, learning, null, ComfyChoices.NONE, new Random(1));

            assertThatThrownBy(() -> regenerator.plan(id, Regenerator.Options.SEED_ONLY))
                    .hasMessage("forge.png has no ComfyUI graph (its metadata is a1111): only images made by ComfyUI "
                            + "can be re-generated");
        }

        @Test
        void theMetadataOfManyAssetsIsReadWithoutTheRawText() throws Exception {
            long a = image("a.png", "dreamshaper_8.safetensors", "euler", 6, 1);
            long b = image("b.png", "dreamshaper_8.safetensors", "euler", 7, 2);

            var assets = library.metadataOf(List.of(b, a, 12345L));

            assertThat(assets).extracting(asset -> asset.id()).containsExactly(a, b);
            assertThat(assets).allSatisfy(asset -> {
                assertThat(asset.metadata().rawText()).isEmpty();
                assertThat(asset.metadata().checkpoint()).contains("dreamshaper_8.safetensors");
            });
            assertThat(library.get(a).orElseThrow().metadata().rawText()).containsKey("prompt");
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
            postgres = PostgresDatabase.start("hydra_learning");
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
