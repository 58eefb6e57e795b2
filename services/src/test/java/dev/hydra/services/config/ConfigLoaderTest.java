package dev.hydra.services.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void noFileMeansTheEmbeddedDefault() {
        LoadedConfig loaded = ConfigLoader.load(dir.resolve("hydra.yaml"));

        assertThat(loaded.fileExists()).isFalse();
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.config().refreshInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(loaded.config().localNode().enabled()).isTrue();
        assertThat(loaded.config().database()).isNull();
    }

    @Test
    void anEmptyFileIsTheDefaultToo() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(write("# nothing yet\n"));

        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.config()).isEqualTo(HydraConfig.embeddedDefault());
    }

    @Test
    void readsEveryKey() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(write("""
                refreshInterval: 1500ms
                localNode:
                  name: workstation
                  nvidiaSmi: /usr/bin/nvidia-smi
                  commandTimeout: 3s
                database:
                  url: jdbc:postgresql://hydra-storage:5432/hydra
                  user: hydra
                """));

        assertThat(loaded.problem()).isEmpty();
        HydraConfig config = loaded.config();
        assertThat(config.refreshInterval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.localNode()).isEqualTo(new LocalNodeConfig(true, "workstation", "/usr/bin/nvidia-smi",
                Duration.ofSeconds(3)));
        assertThat(config.database().url()).isEqualTo("jdbc:postgresql://hydra-storage:5432/hydra");
    }

    @Test
    void durationsAcceptTheUsualSpellings() {
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Durations.parse("soon")).isNull();
    }

    @Test
    void aBadValueIsPinnedToItsLineAndColumnAndSaysWhatWasExpected() throws Exception {
        Path file = write("""
                localNode:
                  name: workstation
                refreshInterval: fast
                """);

        ConfigProblem problem = ConfigLoader.load(file).problem().orElseThrow();

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(18);
        assertThat(problem.describe()).isEqualTo(file + ":3:18: 'refreshInterval' expects a duration such as 2s, "
                + "500ms or 1m, got \"fast\"");
    }

    @Test
    void aMisspelledKeyIsNamedWithASuggestion() throws Exception {
        Path file = write("""
                refreshIntervall: 2s
                """);

        LoadedConfig loaded = ConfigLoader.load(file);
        ConfigProblem problem = loaded.problem().orElseThrow();

        assertThat(problem.line()).isEqualTo(1);
        assertThat(problem.message()).isEqualTo("unknown key 'refreshIntervall'; expected one of: database, localNode, "
                + "refreshInterval, review");
        assertThat(problem.fix()).isEqualTo("did you mean 'refreshInterval'?");
        assertThat(loaded.config()).as("falls back to the embedded default").isEqualTo(HydraConfig.embeddedDefault());
    }

    @Test
    void anUnknownNestedKeyNamesItsSection() throws Exception {
        ConfigProblem problem = ConfigLoader.load(write("""
                localNode:
                  nvidia_smi: /usr/bin/nvidia-smi
                """)).problem().orElseThrow();

        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.message()).startsWith("unknown key 'nvidia_smi' in 'localNode'; expected one of: ");
        assertThat(problem.fix()).isEqualTo("did you mean 'nvidiaSmi'?");
    }

    @Test
    void aYamlSyntaxErrorIsReportedWithItsPlace() throws Exception {
        ConfigProblem problem = ConfigLoader.load(write("""
                localNode:
                  name: a
                 bad indentation: here
                """)).problem().orElseThrow();

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).startsWith("YAML syntax error: ");
        assertThat(problem.fix()).contains("indentation");
    }

    @Test
    void aListWhereAMappingBelongsIsExplained() throws Exception {
        ConfigProblem problem = ConfigLoader.load(write("""
                - refreshInterval: 2s
                """)).problem().orElseThrow();

        assertThat(problem.message()).isEqualTo("hydra.yaml must be a mapping of keys to values (like refreshInterval: 2s)");
        assertThat(problem.line()).isEqualTo(1);
    }

    @Test
    void aValueOutOfRangeIsRejectedWithTheRule() throws Exception {
        ConfigProblem problem = ConfigLoader.load(write("refreshInterval: 10ms\n")).problem().orElseThrow();

        assertThat(problem.message()).isEqualTo("refreshInterval must be at least 250ms, got 10ms");
    }

    @Test
    void aDatabaseThatIsNotPostgresIsRejected() throws Exception {
        ConfigProblem problem = ConfigLoader.load(write("""
                database:
                  url: jdbc:mysql://db/hydra
                  user: hydra
                """)).problem().orElseThrow();

        assertThat(problem.message()).startsWith("database.url must be a PostgreSQL JDBC URL");
        assertThat(problem.line()).isBetween(2, 4);
    }

    @Test
    void aPasswordKeyIsNotAccepted() throws Exception {
        ConfigProblem problem = ConfigLoader.load(write("""
                database:
                  url: jdbc:postgresql://db/hydra
                  user: hydra
                  password: secret
                """)).problem().orElseThrow();

        assertThat(problem.message()).startsWith("unknown key 'password' in 'database'");
        assertThat(problem.message()).doesNotContain("secret");
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("hydra.yaml"), yaml);
    }

    @Test
    void readsTheReviewSection() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(write("""
                review:
                  folders: [/srv/comfyui/output]
                  characters:
                    - name: Mira
                      filenamePrefix: mira_
                      promptTag: mira
                      reference: /refs/mira.png
                  scenes:
                    - name: cafe
                      subfolder: ch1-cafe
                  reasonKeys: {F: face, H: hands, E: eyes}
                  quality: {blankLevel: 10, duplicateDistance: 6}
                  autoReject: [blank]
                """));

        assertThat(loaded.problem()).isEmpty();
        ReviewConfig review = loaded.config().review();
        assertThat(review.folders()).containsExactly("/srv/comfyui/output");
        assertThat(review.characters().getFirst().reference()).isEqualTo("/refs/mira.png");
        assertThat(review.scenes().getFirst().subfolder()).isEqualTo("ch1-cafe");
        assertThat(review.reasonKeys()).containsEntry("E", "eyes").hasSize(3);
        assertThat(review.quality().blankLevel()).isEqualTo(10.0);
        assertThat(review.quality().lowDetailVariance()).as("unset thresholds keep their default").isEqualTo(60.0);
        assertThat(review.autoReject()).containsExactly("blank");
    }

    @Test
    void aReasonKeyThatCollidesWithAReviewKeyIsRefusedWithTheReason() throws Exception {
        ConfigProblem problem = ConfigLoader.load(write("""
                review:
                  reasonKeys: {X: extra limbs}
                """)).problem().orElseThrow();

        assertThat(problem.message()).isEqualTo("review.reasonKeys: X is already a review key (P/A accept, X/R "
                + "reject, U unflag, Z zoom, G grid); pick another letter");
    }

    @Test
    void anUnknownAutoRejectCheckIsNamed() throws Exception {
        ConfigProblem problem = ConfigLoader.load(write("""
                review:
                  autoReject: [blurry]
                """)).problem().orElseThrow();

        assertThat(problem.message()).isEqualTo("review.autoReject: unknown check 'blurry'; expected one of blank, "
                + "clipped, duplicate, low-detail, size-mismatch");
    }
}
