package dev.hydra.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The app's runtime classpath split the way the package uses it: JavaFX platform jars (modular, natives inside)
 * become modules of the runtime image; every other jar goes on the app's classpath. The classifier-less JavaFX
 * jars Maven also resolves are empty placeholders (automatic module "javafx.baseEmpty" and so on) and are dropped.
 *
 * @param classpath   the app's jars, the main jar first
 * @param javafx      the JavaFX platform jars (the runtime's module path)
 */
public record AppInputs(List<Path> classpath, List<Path> javafx) {

    static final String MAIN_JAR_PREFIX = "hydra-app-";

    public AppInputs {
        classpath = List.copyOf(classpath);
        javafx = List.copyOf(javafx);
    }

    /** Reads a classpath file as written by {@code maven-dependency-plugin:build-classpath}. */
    public static AppInputs read(Path classpathFile) {
        try {
            String text = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
            return of(Arrays.stream(text.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of)
                    .toList());
        } catch (IOException e) {
            throw new PackagingException("Cannot read the app's classpath from " + classpathFile + ": " + e.getMessage(), e);
        }
    }

    static AppInputs of(List<Path> jars) {
        List<Path> classpath = new ArrayList<>();
        List<Path> javafx = new ArrayList<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (!name.startsWith("javafx-")) {
                classpath.add(jar);
            } else if (isModular(jar)) {
                javafx.add(jar);
            }
        }
        Path main = classpath.stream().filter(jar -> jar.getFileName().toString().startsWith(MAIN_JAR_PREFIX))
                .findFirst().orElseThrow(() -> new PackagingException("The app's classpath has no " + MAIN_JAR_PREFIX
                        + "*.jar: " + jars));
        if (javafx.isEmpty()) {
            throw new PackagingException("The app's classpath has no JavaFX platform jar (javafx-*-<platform>.jar "
                    + "with a module-info): " + jars);
        }
        classpath.remove(main);
        classpath.addFirst(main);
        return new AppInputs(classpath, javafx);
    }

    Path mainJar() {
        return classpath.getFirst();
    }

    /**
     * Where the search for the JDK modules the app needs starts: our own jars (hydra-*), and the plain jars that
     * register a service (META-INF/services): JDBC drivers, Flyway plugins and the like are loaded by name, so no
     * code refers to them. (A modular jar declares what it requires in its module-info.)
     */
    List<Path> jdepsRoots() {
        return classpath.stream().filter(jar -> jar.getFileName().toString().startsWith("hydra-")
                || (providesServices(jar) && !hasModuleInfo(jar))).toList();
    }

    private static boolean isModular(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry("module-info.class") != null;
        } catch (IOException e) {
            throw new PackagingException("Cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    /** A module-info at the root or in a multi-release version folder. */
    private static boolean hasModuleInfo(Path jar) {
        return anyEntry(jar, name -> name.equals("module-info.class")
                || (name.startsWith("META-INF/versions/") && name.endsWith("/module-info.class")));
    }

    private static boolean providesServices(Path jar) {
        return anyEntry(jar, name -> name.startsWith("META-INF/services/") && !name.endsWith("/"));
    }

    private static boolean anyEntry(Path jar, java.util.function.Predicate<String> test) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(entry -> test.test(entry.getName()));
        } catch (IOException e) {
            throw new PackagingException("Cannot read " + jar + ": " + e.getMessage(), e);
        }
    }
}
