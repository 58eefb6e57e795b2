package dev.hydra.installer;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The jlinked Java runtime: the JDK modules and the JavaFX modules (from the Maven platform jars, no jmods needed)
 * the app needs. JavaFX's native libraries are taken out of the modules and put where a JDK keeps its own
 * ({@link TargetOs#nativeLibraryDir}), as a runtime built from JavaFX jmods would have them: they load directly,
 * nothing is extracted to the user's home, and jpackage sees them when it computes a .deb's dependencies.
 */
public final class RuntimeImage {

    private RuntimeImage() {
    }

    /**
     * Links a runtime for this OS into {@code output} (replaced if it exists).
     *
     * @param jlinkOptions image options such as --strip-debug, or an @argument-file
     */
    public static void build(List<Path> javafxJars, Collection<String> modules, List<String> jlinkOptions, Path output) {
        TargetOs os = TargetOs.current();
        Folders.deleteRecursively(output);
        List<String> arguments = new ArrayList<>(jlinkOptions);
        arguments.addAll(List.of("--module-path", String.join(File.pathSeparator, javafxJars.stream().map(Path::toString)
                .toList()), "--add-modules", String.join(",", modules), "--output", output.toString()));
        Commands.jdkTool("jlink", output.toAbsolutePath().getParent(), arguments);
        installJavaFxNatives(javafxJars, os.nativeLibraryDir(output), os);
    }

    /** Copies the native libraries at the root of each JavaFX platform jar into the runtime. */
    static List<String> installJavaFxNatives(List<Path> javafxJars, Path libraryDir, TargetOs os) {
        List<String> installed = new ArrayList<>();
        try {
            Files.createDirectories(libraryDir);
            for (Path jar : javafxJars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    Enumeration<JarEntry> entries = file.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (!entry.isDirectory() && !entry.getName().contains("/") && os.isNativeLibrary(entry.getName())) {
                            try (InputStream in = file.getInputStream(entry)) {
                                Files.copy(in, libraryDir.resolve(entry.getName()), StandardCopyOption.REPLACE_EXISTING);
                            }
                            installed.add(entry.getName());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot copy the JavaFX native libraries into " + libraryDir + ": "
                    + e.getMessage(), e);
        }
        if (installed.isEmpty()) {
            throw new PackagingException("No JavaFX native library found in " + javafxJars);
        }
        return installed;
    }

    /** The modules a runtime image holds, read from its {@code release} file. */
    static SortedSet<String> modulesOf(Path runtime) {
        try {
            for (String line : Files.readAllLines(runtime.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("MODULES=")) {
                    String list = line.substring("MODULES=".length()).replace("\"", "").strip();
                    return new TreeSet<>(Arrays.asList(list.split("\\s+")));
                }
            }
            throw new PackagingException(runtime.resolve("release") + " lists no MODULES");
        } catch (IOException e) {
            throw new PackagingException("Cannot read " + runtime.resolve("release") + ": " + e.getMessage(), e);
        }
    }
}
