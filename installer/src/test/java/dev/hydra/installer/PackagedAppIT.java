package dev.hydra.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.services.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke test of the app-image the build made (installer/target/jpackage/app-image, built just before this test
 * by the packager: jlinked runtime, jpackage launcher, AOT cache), started as a user starts it.
 */
class PackagedAppIT {

    private static final TargetOs OS = TargetOs.current();
    private static Path image;

    @TempDir
    Path home;

    @BeforeAll
    static void findTheAppImage() throws IOException {
        Path dest = Path.of(System.getProperty("hydra.appImage", "target/jpackage/app-image"));
        if (!Files.isDirectory(dest)) {
            throw new AssertionError("No app-image in " + dest.toAbsolutePath() + ": the packager did not run. It needs "
                    + "jpackage and jlink from a full JDK 25 (JAVA_HOME); run ./mvnw verify without -Dinstaller.skip");
        }
        try (Stream<Path> images = Files.list(dest)) {
            image = images.findFirst().orElseThrow(() -> new AssertionError("The app-image folder is empty: " + dest));
        }
    }

    @Test
    void printsItsVersionWithTheRuntimeItShipsAndNothingOnStderr() throws Exception {
        Result result = run(Map.of(), "--version");

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out).startsWith("Hydra Control 0.1.0").contains("Java 25");
        assertThat(result.err).as("no JVM warning: the AOT cache fits, native access is granted").isEmpty();
    }

    @Test
    void opensTheWindowFromItsAotCacheAndExitsCleanlyAfterTheFirstFrame() throws Exception {
        Path userHome = home.resolve("user");
        Result result = run(Map.of("HYDRA_EXIT_AFTER_FIRST_FRAME", "1",
                // AOTMode=on: the JVM refuses to start if the AOT cache cannot be used.
                "JAVA_TOOL_OPTIONS", "-Dglass.platform=Headless -Dprism.order=sw -XX:AOTMode=on -Duser.home=" + userHome));

        assertThat(result.code).as(result.out + result.err).isZero();
        String log = Files.readString(home.resolve("logs/hydra.log"), StandardCharsets.UTF_8);
        assertThat(log).containsPattern("First frame \\d+ ms after launch").doesNotContain("ERROR");
        assertThat(userHome.resolve(".openjfx")).as("JavaFX loads its libraries from the runtime, extracts nothing")
                .doesNotExist();
        assertThat(home.resolve("db")).as("nothing before the first frame opens the database (it may be a server)")
                .doesNotExist();
    }

    @Test
    void servesTheCommandLine() throws Exception {
        Result result = run(Map.of(), "status", "--json");

        assertThat(result.code).as(result.err).isZero();
        JsonNode node = Json.mapper().readTree(result.out).get("nodes").get(0);
        assertThat(node.get("memory").get("totalBytes").asLong()).isPositive();
        assertThat(node.get("cpu").get("cores").asInt()).isPositive();
        assertThat(result.err).isEmpty();
    }

    @Test
    void theRuntimeHoldsEveryModuleTheBuildComputedAndJavafxNativesBesideTheJdks() throws Exception {
        Path runtime = OS.runtimeDir(image);
        List<String> computed = RuntimeModules.readList(image.getParent().resolveSibling("runtime-modules.txt"));

        assertThat(computed).contains("java.base", "javafx.controls", "java.sql");
        assertThat(RuntimeImage.modulesOf(runtime)).containsAll(computed);
        try (Stream<Path> libraries = Files.list(OS.nativeLibraryDir(runtime))) {
            assertThat(libraries.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.contains("glass") && OS.isNativeLibrary(name));
        }
    }

    private Result run(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(OS.launcher(image, "hydra").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("HYDRA_HOME", home.toString());
        builder.environment().putAll(environment);
        Path stdout = home.resolve("stdout.txt");
        Path stderr = home.resolve("stderr.txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The packaged launcher did not finish within 120 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS")).reduce("", (a, b) -> a + b + "\n"));
    }

    private record Result(int code, String out, String err) {
    }
}
