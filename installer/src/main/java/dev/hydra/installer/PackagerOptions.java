package dev.hydra.installer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the packager is asked to build, from {@code --key=value} arguments (set by installer/pom.xml).
 *
 * @param classpathFile the app's runtime classpath, one line, as written by maven-dependency-plugin
 * @param installerDir  the installer/ folder: jpackage argument files and per-OS resources
 * @param workDir       where the runtime, the app-image and the installers are written
 * @param version       the project version; installers get its numeric part (0.1.0-SNAPSHOT gives 0.1.0)
 * @param types         app-image, deb, rpm, msi, dmg, or "native" for every installer this machine can build
 * @param aot           whether to train and ship the AOT cache
 */
record PackagerOptions(Path classpathFile, Path installerDir, Path workDir, String version, List<String> types,
        boolean aot) {

    static PackagerOptions parse(String... arguments) {
        Map<String, String> values = new HashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (!argument.startsWith("--") || equals < 0) {
                throw new PackagingException("Arguments look like --name=value, got: " + argument);
            }
            values.put(argument.substring(2, equals), argument.substring(equals + 1));
        }
        return new PackagerOptions(Path.of(required(values, "classpath-file")), Path.of(required(values, "installer-dir")),
                Path.of(required(values, "work-dir")), required(values, "version"),
                Arrays.stream(values.getOrDefault("types", "app-image").split(",")).map(String::strip)
                        .filter(type -> !type.isEmpty()).toList(),
                Boolean.parseBoolean(values.getOrDefault("aot", "true")));
    }

    /** jpackage accepts only numbers (1 to 3 on macOS, Windows needs them below 256/256/65536). */
    String installerVersion() {
        String numeric = version.split("-", 2)[0];
        if (!numeric.matches("\\d+(\\.\\d+){0,2}")) {
            throw new PackagingException("Cannot make an installer version out of " + version
                    + ": expected MAJOR.MINOR.PATCH with an optional -QUALIFIER");
        }
        return numeric;
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new PackagingException("Missing --" + key + "=...");
        }
        return value;
    }
}
