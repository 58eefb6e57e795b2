package dev.hydra.services.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.metadata.MetadataReader;
import dev.hydra.services.store.Database;
import dev.hydra.services.testing.PngFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 in the middle of a review loses no committed decision and leaves no half-written row: a forked JVM decides
 * images against the H2 file database and is killed with SIGKILL after N commits; the database is then reopened and
 * every decision the child reported as committed must be there, with the asset row and the log row agreeing.
 */
class DecisionCrashTest {

    private static final int ASSETS = 400;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed after {0} commits")
    @ValueSource(ints = {1, 37, 150})
    void aKilledReviewLosesNothingCommitted(int killAfter) throws Exception {
        Path db = dir.resolve("db");
        seed(db);

        List<String[]> committed = new ArrayList<>();
        Process child;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    DecidingProcess.class.getName(), db.toString(), Integer.toString(server.getLocalPort()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            server.setSoTimeout(60_000);
            try (Socket socket = server.accept();
                    BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("ready " + ASSETS);
                String line;
                while ((line = lines.readLine()) != null && line.startsWith("committed")) {
                    committed.add(line.split(" "));
                    if (committed.size() == killAfter) {
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        assertThat(committed).hasSize(killAfter);

        try (Database reopened = Database.openEmbedded(db)) {
            AssetLibrary library = new DatabaseAssetLibrary(reopened.jdbi(), Clock.systemUTC(), new MetadataReader(),
                    Classifier.none());
            for (String[] c : committed) {
                Asset asset = library.get(Long.parseLong(c[2])).orElseThrow();
                assertThat(asset.state().label()).as("asset %s", c[2]).isEqualTo(c[3]);
                assertThat(asset.rating()).isEqualTo(Integer.parseInt(c[4]));
                assertThat(asset.decidedAt()).isNotNull();
            }
            List<Map<String, Object>> rows = reopened.jdbi().withHandle(h -> h.createQuery(
                    "select a.id, a.state, a.rating, a.reasons, d.state as logged_state, d.rating as logged_rating, "
                            + "d.reasons as logged_reasons from asset a left join review_decision d on d.asset_id = a.id")
                    .mapToMap().list());
            for (Map<String, Object> row : rows) {
                if (row.get("logged_state") == null) {
                    assertThat(row.get("state")).as("an undecided asset has no log row and no decision")
                            .isEqualTo("pending");
                    assertThat(row.get("rating")).isNull();
                } else {
                    assertThat(row.get("state")).as("asset and log agree").isEqualTo(row.get("logged_state"));
                    assertThat(row.get("rating")).isEqualTo(row.get("logged_rating"));
                    assertThat(row.get("reasons")).isEqualTo(row.get("logged_reasons"));
                }
            }
            long logged = rows.stream().filter(r -> r.get("logged_state") != null).count();
            assertThat(logged).as("every reported decision, plus any the child committed before the signal landed")
                    .isGreaterThanOrEqualTo(killAfter);
        }
    }

    private void seed(Path db) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        byte[] base = PngFiles.fixture("a1111_sd15_text_cropped.png");
        for (int i = 0; i < ASSETS; i++) {
            Files.write(images.resolve("img_" + i + ".png"),
                    PngFiles.withChunksAfterHeader(base, PngFiles.text("hydra-test", "image " + i)));
        }
        try (Database database = Database.openEmbedded(db)) {
            AssetLibrary library = new DatabaseAssetLibrary(database.jdbi(), Clock.systemUTC(), new MetadataReader(),
                    Classifier.none());
            assertThat(new FolderImporter(library, 2).importFolder(images, o -> { }).added()).isEqualTo(ASSETS);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
