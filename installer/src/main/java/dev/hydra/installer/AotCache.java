package dev.hydra.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JDK 25 AOT cache (JEP 483/514/515): classes loaded and linked, and method profiles, recorded from a training
 * run of the packaged app and mapped at every start. The training run starts the app-image's own launcher on
 * JavaFX's headless platform, waits for the main window's first frame and exits (HYDRA_EXIT_AFTER_FIRST_FRAME),
 * so the cache matches the launcher's exact classpath and options. Two steps (record, then create) because the
 * one-step {@code -XX:AOTCacheOutput} forks {@code bin/java}, which the stripped runtime does not have.
 */
final class AotCache {

    static final String FILE_NAME = "hydra.aot";
    static final String RUNTIME_OPTION = "-XX:AOTCache=$APPDIR/" + FILE_NAME;
    private static final String HEADLESS = "-Dglass.platform=Headless -Dprism.order=sw";
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

    private AotCache() {
    }

    /** Trains the cache into the app folder and turns it on in every launcher of the image. */
    static void build(Path launcher, Path appDir, Path workDir) {
        Path training = workDir.resolve("aot-training");
        Folders.deleteRecursively(training);
        try {
            Files.createDirectories(training);
        } catch (IOException e) {
            throw new PackagingException("Cannot create " + training + ": " + e.getMessage(), e);
        }
        Map<String, String> app = Map.of("HYDRA_HOME", training.resolve("home").toString(),
                "HYDRA_EXIT_AFTER_FIRST_FRAME", "1");
        Commands.Result record = launch(launcher, training, app,
                "-XX:AOTMode=record -XX:AOTConfiguration=hydra.aotconf " + HEADLESS);
        String log = readLog(training.resolve("home/logs/hydra.log"));
        if (record.exitCode() != 0 || !log.contains("First frame")) {
            throw new PackagingException("The AOT training run did not reach the first frame (exit " + record.exitCode()
                    + "):\n" + record.output() + "\nhydra.log:\n" + log);
        }
        Commands.Result create = launch(launcher, training, app,
                "-XX:AOTMode=create -XX:AOTConfiguration=hydra.aotconf -XX:AOTCache=" + FILE_NAME);
        if (create.exitCode() != 0 || !Files.exists(training.resolve(FILE_NAME))) {
            throw new PackagingException("Creating the AOT cache failed (exit " + create.exitCode() + "):\n"
                    + create.output());
        }
        try {
            Files.move(training.resolve(FILE_NAME), appDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PackagingException("Cannot move the AOT cache into " + appDir + ": " + e.getMessage(), e);
        }
        enable(appDir);
        verify(launcher, training);
    }

    /** Adds {@link #RUNTIME_OPTION} to every launcher configuration in the app folder. */
    static void enable(Path appDir) {
        try (Stream<Path> files = Files.list(appDir)) {
            for (Path cfg : files.filter(file -> file.getFileName().toString().endsWith(".cfg")).toList()) {
                String text = Files.readString(cfg, StandardCharsets.UTF_8);
                Files.writeString(cfg, LauncherConfig.withJavaOption(text, RUNTIME_OPTION), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot add the AOT cache to the launchers in " + appDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code -XX:AOTMode=on} makes the JVM refuse to start when the cache cannot be used. */
    static void verify(Path launcher, Path workDir) {
        Commands.Result check = launch(launcher, workDir, Map.of("HYDRA_HOME", workDir.resolve("home").toString()),
                "-XX:AOTMode=on", "--version");
        if (check.exitCode() != 0) {
            throw new PackagingException("The app-image does not start with its AOT cache (exit " + check.exitCode()
                    + "):\n" + check.output());
        }
    }

    private static Commands.Result launch(Path launcher, Path workDir, Map<String, String> app, String jvmOptions,
            String... arguments) {
        Map<String, String> environment = new java.util.HashMap<>(app);
        environment.put("JAVA_TOOL_OPTIONS", jvmOptions);
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(arguments));
        return Commands.run(command, workDir, environment, TRAINING_TIMEOUT);
    }

    private static String readLog(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log at " + log + ")";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
