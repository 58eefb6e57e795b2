package dev.hydra.installer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The JDK and JavaFX modules the runtime image gets: what jdeps finds the app's code and its libraries use, plus
 * the few modules that only reflection or a JVM option needs, which jdeps cannot see. Those are listed, one per line with the reason in a comment, in {@code installer/common/extra-modules.txt}
 * and {@code installer/<os>/extra-modules.txt}.
 */
final class RuntimeModules {

    static final String EXTRA_MODULES_FILE = "extra-modules.txt";
    private static final Pattern MODULE_LIST = Pattern.compile("[a-z][\\w.]*(,[a-z][\\w.]*)*");

    private RuntimeModules() {
    }

    static SortedSet<String> of(AppInputs inputs, List<Path> extraModuleFiles) {
        SortedSet<String> modules = new TreeSet<>(jdeps(inputs));
        for (Path file : extraModuleFiles) {
            modules.addAll(readList(file));
        }
        return modules;
    }

    /**
     * jdeps' answer for the app's code and the libraries it loads by name ({@link AppInputs#jdepsRoots}), following
     * every library they use (a library reached counts whole, its unused features included).
     */
    static List<String> jdeps(AppInputs inputs) {
        List<String> arguments = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", Integer.toString(Runtime.version().feature()),
                "--module-path", join(inputs.javafx()), "--class-path", join(inputs.classpath())));
        inputs.jdepsRoots().forEach(jar -> arguments.add(jar.toString()));
        String output = Commands.jdkTool("jdeps", Path.of("."), arguments);
        return parseJdepsOutput(output);
    }

    /** The last line that is a comma-separated module list (jdeps prints warnings such as split packages first). */
    static List<String> parseJdepsOutput(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> MODULE_LIST.matcher(line).matches())
                .toList();
        if (lines.isEmpty()) {
            throw new PackagingException("jdeps printed no module list:\n" + output);
        }
        return List.of(lines.getLast().split(","));
    }

    /** One module per line; {@code #} starts a comment. A missing file is an empty list. */
    static List<String> readList(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(line -> line.replaceAll("#.*", "").strip())
                    .filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new PackagingException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String join(List<Path> jars) {
        return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
    }
}
