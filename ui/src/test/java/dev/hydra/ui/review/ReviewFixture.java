package dev.hydra.ui.review;

import dev.hydra.services.metadata.MetadataReader;
import dev.hydra.services.review.AssetOrigin;
import dev.hydra.services.review.Classifier;
import dev.hydra.services.review.DatabaseAssetLibrary;
import dev.hydra.services.review.FolderImporter;
import dev.hydra.services.store.Database;
import dev.hydra.services.testing.PngFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A real library (H2 file) filled with images made from the real fixtures, each with its own content. */
final class ReviewFixture implements AutoCloseable {

    static final List<String> FIXTURES = List.of("comfyui_lora_multiple.png", "comfyui_z_image_turbo_unet.png",
            "comfyui_sdxlturbo_samplercustom.png", "a1111_sdwebui_itxt.png", "comfyui_area_2pass_cropped.png",
            "a1111_sd15_text_cropped.png");
    /** The three smallest fixtures (272 bytes to 181 KB), for libraries of thousands. */
    static final List<String> SMALL = List.of("comfyui_area_2pass_cropped.png", "a1111_sd15_text_cropped.png",
            "comfyui_lora_multiple.png");

    final Database database;
    final DatabaseAssetLibrary library;
    final Path images;
    final ReviewSettings settings;

    ReviewFixture(Path dir) throws Exception {
        database = Database.openEmbedded(dir.resolve("db"));
        library = new DatabaseAssetLibrary(database.jdbi(), Clock.systemUTC(), new MetadataReader(), Classifier.none());
        images = Files.createDirectories(dir.resolve("images"));
        settings = new ReviewSettings(dev.hydra.services.config.ReviewConfig.DEFAULT_REASONS, Map.of(),
                dir.resolve("trash"));
    }

    /** {@code count} images, created one second apart, named img_00000.png …, imported as a folder. */
    ReviewFixture withImages(int count, List<String> fixtures) throws Exception {
        Instant start = Instant.parse("2026-11-20T22:00:00Z");
        for (int i = 0; i < count; i++) {
            byte[] base = PngFiles.fixture(fixtures.get(i % fixtures.size()));
            Path file = Files.write(images.resolve(String.format("img_%05d.png", i)),
                    PngFiles.withChunksAfterHeader(base, PngFiles.text("hydra-test", Integer.toString(i))));
            Files.setLastModifiedTime(file, FileTime.from(start.plusSeconds(i)));
        }
        new FolderImporter(library, 2).importFolder(images, outcome -> { });
        return this;
    }

    long register(Path file) {
        return library.register(file, AssetOrigin.folder(images)).assetId();
    }

    @Override
    public void close() {
        database.close();
    }
}
