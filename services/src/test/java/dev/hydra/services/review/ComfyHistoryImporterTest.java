package dev.hydra.services.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.metadata.MetadataReader;
import dev.hydra.services.store.Database;
import dev.hydra.services.testing.PngFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing a ComfyUI server's history through a fake of {@link ComfyHistorySource} that behaves as §1.5/§1.6 say. */
class ComfyHistoryImporterTest {

    @TempDir
    Path dir;
    private Database database;
    private AssetLibrary library;
    private final FakeServer server = new FakeServer();

    @BeforeEach
    void open() throws Exception {
        database = Database.openEmbedded(dir.resolve("db"));
        library = new DatabaseAssetLibrary(database.jdbi(), Clock.systemUTC(), new MetadataReader(), Classifier.none());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void downloadsOutputsWithTheirMetadataSkipsPreviewsAndReportsAFailedDownload() throws Exception {
        server.add("p1", "ComfyUI_00001_.png", "", "output", PngFiles.fixture("comfyui_lora_multiple.png"));
        server.add("p2", "regen_00001_.png", "culled", "output", PngFiles.fixture("comfyui_z_image_turbo_unet.png"));
        server.add("p3", "ComfyUI_temp_qzjxa_00001_.png", "", "temp", PngFiles.fixture("comfyui_sdxlturbo_samplercustom.png"));
        server.add("p4", "ComfyUI_00002_.png", "", "output", null);

        ImportReport report = new ComfyHistoryImporter(library, dir.resolve("downloads")).importHistory(server, 50);

        assertThat(report.added()).isEqualTo(2);
        assertThat(report.skipped()).as("PreviewImage temp files").isEqualTo(1);
        assertThat(report.failed()).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("download of ComfyUI_00002_.png (prompt p4) failed: 404 Not Found"));
        Asset regen = library.list(AssetQuery.ALL).stream().map(s -> library.get(s.id()).orElseThrow())
                .filter(a -> a.path().getFileName().toString().equals("regen_00001_.png")).findFirst().orElseThrow();
        assertThat(regen.path()).isEqualTo(dir.resolve("downloads/hydra-compute/p2/culled/regen_00001_.png"));
        assertThat(regen.origin().source()).isEqualTo(AssetSource.COMFYUI);
        assertThat(regen.origin().sourceRef()).isEqualTo("hydra-compute p2");
        assertThat(regen.metadata().finalPass().orElseThrow().seed()).hasToString("47447417949230");
    }

    @Test
    void aSecondImportFetchesNothingAgainAndAReusedNameKeepsBothPictures() throws Exception {
        server.add("p1", "ComfyUI_00001_.png", "", "output", PngFiles.fixture("comfyui_lora_multiple.png"));
        ComfyHistoryImporter importer = new ComfyHistoryImporter(library, dir.resolve("downloads"));
        importer.importHistory(server, 50);

        ImportReport again = importer.importHistory(server, 50);
        assertThat(server.downloads).as("already on disk: not fetched again").isEqualTo(1);
        assertThat(again.duplicates()).isEqualTo(1);

        server.add("p9", "ComfyUI_00001_.png", "", "output", PngFiles.fixture("a1111_sd15_text_cropped.png"));
        ImportReport restarted = importer.importHistory(server, 50);

        assertThat(restarted.added()).as("same name, new picture after a server restart").isEqualTo(1);
        assertThat(library.list(AssetQuery.ALL)).extracting(a -> dir.resolve("downloads").relativize(a.path()).toString())
                .containsExactlyInAnyOrder("hydra-compute/p1/ComfyUI_00001_.png", "hydra-compute/p9/ComfyUI_00001_.png");
    }

    /** History entries in memory; a null body answers 404 as /view does for a missing file. */
    private static final class FakeServer implements ComfyHistorySource {
        final List<OutputImage> entries = new ArrayList<>();
        final Map<OutputImage, byte[]> files = new HashMap<>();
        int downloads;

        void add(String promptId, String filename, String subfolder, String type, byte[] body) {
            OutputImage image = new OutputImage(promptId, "9", filename, subfolder, type);
            entries.add(image);
            files.put(image, body);
        }

        @Override
        public String serverName() {
            return "hydra-compute";
        }

        @Override
        public List<OutputImage> outputs(int maxItems) {
            return entries.subList(Math.max(0, entries.size() - maxItems), entries.size());
        }

        @Override
        public byte[] download(OutputImage image) throws IOException {
            downloads++;
            byte[] body = files.get(image);
            if (body == null) {
                throw new IOException("404 Not Found");
            }
            return body;
        }
    }
}
