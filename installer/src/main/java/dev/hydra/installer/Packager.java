package dev.hydra.installer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.stream.Stream;

/**
 * Packages Hydra Control: (1) the JDK modules the app needs, from jdeps; (2) a jlinked runtime with them and the
 * JavaFX modules; (3) a jpackage app-image on that runtime, the app's jars on the classpath; (4) an AOT cache
 * from a training run of that image; (5) the native installers built from the image. Arguments and resources come
 * from installer/ (common/ and the folder of this OS); jpackage runs there, so paths in the argument files are
 * relative to installer/.
 */
public final class Packager {

    private static final System.Logger LOG = System.getLogger("installer");
    private static final String APP_IMAGE = "app-image";

    private final PackagerOptions options;
    private final TargetOs os = TargetOs.current();

    Packager(PackagerOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        try {
            new Packager(PackagerOptions.parse(args)).run();
        } catch (PackagingException e) {
            LOG.log(Level.ERROR, e.getMessage());
            System.exit(1);
        }
    }

    void run() {
        Path work = options.workDir();
        AppInputs inputs = AppInputs.read(options.classpathFile());

        long start = System.nanoTime();
        SortedSet<String> modules = RuntimeModules.of(inputs, List.of(
                options.installerDir().resolve("common").resolve(RuntimeModules.EXTRA_MODULES_FILE),
                osFolder().resolve(RuntimeModules.EXTRA_MODULES_FILE)));
        write(work.resolve("runtime-modules.txt"), String.join("\n", modules) + "\n");
        step("runtime modules (jdeps + extra-modules.txt): " + String.join(",", modules), start);

        start = System.nanoTime();
        Path runtime = work.resolve("runtime");
        List<String> jlinkOptions = new ArrayList<>();
        for (Path file : List.of(options.installerDir().resolve("common/jlink.args"), osFolder().resolve("jlink.args"))) {
            if (Files.exists(file)) {
                jlinkOptions.add("@" + file.toAbsolutePath());
            }
        }
        RuntimeImage.build(inputs.javafx(), modules, jlinkOptions, runtime);
        step("runtime image " + megabytes(Folders.size(runtime)) + " in " + runtime, start);

        start = System.nanoTime();
        Path image = appImage(inputs, runtime);
        step("app-image " + image, start);

        if (options.aot()) {
            start = System.nanoTime();
            AotCache.build(os.launcher(image, "hydra"), os.appDir(image), work);
            step("AOT cache " + megabytes(size(os.appDir(image).resolve(AotCache.FILE_NAME))) + " trained and verified", start);
        }
        LOG.log(Level.INFO, "app-image total " + megabytes(Folders.size(image)));

        for (String type : installerTypes()) {
            start = System.nanoTime();
            Path installer = installer(type, image);
            step(type + " " + megabytes(size(installer)) + ": " + installer, start);
        }
    }

    private Path appImage(AppInputs inputs, Path runtime) {
        Path input = options.workDir().resolve("input");
        Path dest = options.workDir().resolve(APP_IMAGE);
        Folders.deleteRecursively(input);
        Folders.deleteRecursively(dest);
        try {
            Files.createDirectories(input);
            for (Path jar : inputs.classpath()) {
                Files.copy(jar, input.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot copy the app's jars to " + input + ": " + e.getMessage(), e);
        }
        List<String> arguments = new ArrayList<>(argumentFiles("jpackage.args", APP_IMAGE + ".args"));
        arguments.addAll(List.of("--type", APP_IMAGE, "--dest", dest.toString(), "--input", input.toString(),
                "--main-jar", inputs.mainJar().getFileName().toString(), "--runtime-image", runtime.toString(),
                "--app-version", options.installerVersion()));
        Commands.jdkTool("jpackage", options.installerDir(), arguments);
        try (Stream<Path> images = Files.list(dest)) {
            return images.findFirst().orElseThrow(() -> new PackagingException("jpackage wrote nothing to " + dest));
        } catch (IOException e) {
            throw new PackagingException("Cannot list " + dest + ": " + e.getMessage(), e);
        }
    }

    private Path installer(String type, Path image) {
        Path dest = options.workDir().resolve("installers");
        List<String> arguments = new ArrayList<>(argumentFiles("jpackage.args", type + ".args"));
        arguments.addAll(List.of("--type", type, "--app-image", image.toString(), "--dest", dest.toString(),
                "--app-version", options.installerVersion()));
        try {
            Files.createDirectories(dest);
            try (Stream<Path> old = Files.list(dest)) {
                for (Path file : old.filter(f -> f.getFileName().toString().endsWith("." + type)).toList()) {
                    Files.delete(file);
                }
            }
            Commands.jdkTool("jpackage", options.installerDir(), arguments);
            try (Stream<Path> built = Files.list(dest)) {
                return built.filter(f -> f.getFileName().toString().endsWith("." + type)).findFirst()
                        .orElseThrow(() -> new PackagingException("jpackage wrote no ." + type + " to " + dest));
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot prepare " + dest + ": " + e.getMessage(), e);
        }
    }

    /** {@code @common/<name>} and {@code @<os>/<name>} for each name, where the file exists. */
    private List<String> argumentFiles(String... names) {
        List<String> files = new ArrayList<>();
        for (String name : names) {
            for (Path folder : List.of(options.installerDir().resolve("common"), osFolder())) {
                if (Files.exists(folder.resolve(name))) {
                    files.add("@" + options.installerDir().relativize(folder.resolve(name)));
                }
            }
        }
        return files;
    }

    private List<String> installerTypes() {
        List<String> types = new ArrayList<>();
        for (String type : options.types()) {
            if (type.equals("native")) {
                types.addAll(os.nativeInstallerTypes());
            } else if (!type.equals(APP_IMAGE)) {
                types.add(type);
            }
        }
        return types;
    }

    private Path osFolder() {
        return options.installerDir().resolve(os.folder());
    }

    private static void step(String what, long startNanos) {
        LOG.log(Level.INFO, String.format(Locale.ROOT, "%s (%.1f s)", what, (System.nanoTime() - startNanos) / 1e9));
    }

    /** MB as du -m counts them: 2^20 bytes. */
    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new PackagingException("Cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new PackagingException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
