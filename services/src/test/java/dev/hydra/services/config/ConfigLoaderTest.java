package dev.hydra.services.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
    void readsTheQueueSection() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(write("""
                queue:
                  concurrency: 2
                  checkInterval: 15s
                  utilizationCeiling: 40
                  minFreeVramGb: 6
                  timeZone: Europe/Berlin
                  types:
                    image_generation: {concurrency: 1, vramGb: 10, target: "gpu:GPU-abc", window: "23:00-07:00"}
                    llm_task: {maxAttempts: 5, model: llama-3.3-70b, backoff: 1m}
                  schedules:
                    briefing:
                      cron: "0 7 * * *"
                      type: letta_message
                      payload: {agent: steward, message: Write the morning briefing}
                      priority: high
                  maintenanceCommands:
                    docker-prune: [docker, system, prune, -f]
                comfyui:
                  url: http://hydra-compute:8188
                llm:
                  url: http://hydra-ai:4000/v1
                  model: llama-3.3-70b
                serve:
                  port: 9500
                """));

        assertThat(loaded.problem()).isEmpty();
        QueueConfig queue = loaded.config().queue();
        assertThat(queue.concurrency()).isEqualTo(2);
        assertThat(queue.checkInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(queue.utilizationCeiling()).isEqualTo(40.0);
        assertThat(queue.type("image_generation").timeWindow()).hasToString("23:00–07:00");
        assertThat(queue.type("image_generation").needsGpu("image_generation")).isTrue();
        assertThat(queue.type("llm_task").backoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(queue.type("webhook").maxAttempts()).as("a type not listed takes the defaults").isEqualTo(3);
        assertThat(queue.schedules().get("briefing").payload().path("agent").asText()).isEqualTo("steward");
        assertThat(queue.maintenanceCommands().get("docker-prune")).containsExactly("docker", "system", "prune", "-f");
        assertThat(loaded.config().comfyui().url()).isEqualTo("http://hydra-compute:8188");
        assertThat(loaded.config().llm().model()).isEqualTo("llama-3.3-70b");
        assertThat(loaded.config().serve().port()).isEqualTo(9500);
        assertThat(loaded.config().serve().bind()).isEqualTo("127.0.0.1");
    }

    @Test
    void aBadCronOrWindowIsExplained() throws Exception {
        ConfigProblem cron = ConfigLoader.load(write("""
                queue:
                  schedules:
                    briefing: {cron: "0 7 * *", type: letta_message}
                """)).problem().orElseThrow();
        assertThat(cron.message()).startsWith("'0 7 * *' is not a cron expression (minute hour day-of-month month "
                + "day-of-week, e.g. \"0 7 * * *\")");
        ConfigProblem window = ConfigLoader.load(write("""
                queue:
                  types:
                    llm_task: {window: "overnight"}
                """)).problem().orElseThrow();
        assertThat(window.message()).isEqualTo("a time window is written HH:MM-HH:MM, e.g. 23:00-07:00, got overnight");
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
        assertThat(problem.message()).isEqualTo("unknown key 'refreshIntervall'; expected one of: actions, alertmanager, "
                + "comfyui, database, learning, letta, llm, localNode, nodes, prometheus, queue, refreshInterval, review, "
                + "serve, services");
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

    @Test
    void readsTheLettaSection() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(write("""
                letta:
                  url: http://hydra-storage:8283
                  agent: hydra-steward
                  timeout: 30s
                  streamIdleTimeout: 90s
                """));

        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.config().letta()).isEqualTo(new LettaConfig("http://hydra-storage:8283", "hydra-steward", null,
                Duration.ofSeconds(30), Duration.ofSeconds(90)));
        assertThat(ConfigLoader.load(write("refreshInterval: 2s\n")).config().letta()).as("absent: chat not set up").isNull();
    }

    @Test
    void aLettaUrlThatIsNotOneAndATokenKeyAreRejected() throws Exception {
        ConfigProblem badUrl = ConfigLoader.load(write("""
                letta:
                  url: hydra-storage:8283
                """)).problem().orElseThrow();
        assertThat(badUrl.message()).isEqualTo("letta.url must be the server's address such as http://hydra-storage:8283, "
                + "got hydra-storage:8283");

        ConfigProblem token = ConfigLoader.load(write("""
                letta:
                  url: http://hydra-storage:8283
                  token: sk-secret
                """)).problem().orElseThrow();
        assertThat(token.message()).startsWith("unknown key 'token' in 'letta'").doesNotContain("sk-secret");
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("hydra.yaml"), yaml);
    }

    @Test
    void readsTheClusterSections() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(write("""
                prometheus:
                  url: http://hydra-storage:9090/
                alertmanager:
                  url: http://hydra-storage:9093
                  timeout: 3s
                nodes:
                  - name: hydra-ai
                    host: 10.0.0.5
                    ssh: {user: admin, identityFile: /home/me/.ssh/hydra, sudo: true}
                    docker: ssh
                  - name: hydra-storage
                    host: 10.0.0.7
                    docker: tcp://10.0.0.7:2375
                    prometheusInstance: storage:9100
                services:
                  - {name: Letta, url: "http://hydra-storage:8283/v1/health", node: hydra-storage}
                actions:
                  protectedContainers: [postgres, letta, traefik]
                  ecoFraction: 0.6
                """));

        assertThat(loaded.problem()).isEmpty();
        HydraConfig config = loaded.config();
        assertThat(config.prometheus().url()).isEqualTo("http://hydra-storage:9090");
        assertThat(config.prometheus().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.alertmanager().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.nodes()).hasSize(2);
        NodeConfig ai = config.nodes().getFirst();
        assertThat(ai.ssh()).isEqualTo(new SshConfig("admin", 22, "/home/me/.ssh/hydra", true));
        assertThat(ai.dockerSocketOverSsh()).isEqualTo("/var/run/docker.sock");
        assertThat(config.nodes().get(1).dockerSocketOverSsh()).isNull();
        assertThat(config.services()).singleElement().satisfies(s -> assertThat(s.node()).isEqualTo("hydra-storage"));
        assertThat(config.actions().protectedContainers()).containsExactly("postgres", "letta", "traefik");
        assertThat(config.actions().dangerousPerMinute()).isEqualTo(5);
        assertThat(config.actions().ordinaryPerMinute()).isEqualTo(100);
    }

    @Test
    void clusterMistakesAreExplained() throws Exception {
        assertThat(ConfigLoader.load(write("""
                nodes:
                  - {name: a, host: h1}
                  - {name: a, host: h2}
                """)).problem().orElseThrow().message()).contains("node name a is used twice");
        assertThat(ConfigLoader.load(write("""
                nodes:
                  - {name: a, host: h1, docker: ssh}
                """)).problem().orElseThrow().message()).contains("needs an ssh section");
        assertThat(ConfigLoader.load(write("""
                prometheus: {url: "http://user:secret@prom:9090"}
                """)).problem().orElseThrow().message()).contains("must not carry a user or password");
        assertThat(ConfigLoader.load(write("""
                nodes:
                  - {name: a, host: h1, ssh: {user: me, password: hunter2}}
                """)).problem().orElseThrow().message()).startsWith("unknown key 'password' in 'nodes[0].ssh'");
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
    void readsTheLearningSectionAndKeepsDefaultsForWhatIsUnset() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(write("""
                learning:
                  minEvidence: 12
                  testShare: 0.25
                  negativePrompts:
                    hands: "bad hands, extra fingers"
                    eyes: "cross-eyed"
                  regenerate: {applySettings: true, onReject: true}
                """));

        assertThat(loaded.problem()).isEmpty();
        LearningConfig learning = loaded.config().learning();
        assertThat(learning.minEvidence()).isEqualTo(12);
        assertThat(learning.testShare()).isEqualTo(0.25);
        assertThat(learning.reasonShare()).isEqualTo(0.2);
        assertThat(learning.negativePrompts()).containsExactly(Map.entry("hands", "bad hands, extra fingers"),
                Map.entry("eyes", "cross-eyed"));
        assertThat(learning.regenerate().applySettings()).isTrue();
        assertThat(learning.regenerate().applyNegatives()).isFalse();
        assertThat(learning.regenerate().onReject()).isTrue();
        assertThat(HydraConfig.embeddedDefault().learning().negativePrompts()).containsKeys("hands", "face");
    }

    @Test
    void badLearningValuesAreNamed() throws Exception {
        assertThat(ConfigLoader.load(write("""
                learning:
                  testShare: 0.9
                """)).problem().orElseThrow().message()).isEqualTo("learning.testShare must be between 0.05 and 0.5, "
                + "got 0.9");
        assertThat(ConfigLoader.load(write("""
                learning:
                  regenerate: {applySetting: true}
                """)).problem().orElseThrow().message()).startsWith("unknown key 'applySetting' in "
                + "'learning.regenerate'");
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
