package dev.hydra.services.transport.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds a program the way a shell would, on an explicit PATH (so tests and config can choose the PATH). */
public final class ExecutableLocator {

    private final String searchPath;
    private final boolean windows;

    public ExecutableLocator(String searchPath, boolean windows) {
        this.searchPath = searchPath == null ? "" : searchPath;
        this.windows = windows;
    }

    public static ExecutableLocator fromEnvironment(Map<String, String> environment) {
        return new ExecutableLocator(environment.getOrDefault("PATH", ""),
                System.getProperty("os.name", "").toLowerCase().startsWith("windows"));
    }

    public Optional<Path> find(String program) {
        if (program.contains("/") || program.contains(File.separator)) {
            Path direct = Path.of(program);
            return Files.isExecutable(direct) ? Optional.of(direct) : Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : windows ? new String[] {program + ".exe", program} : new String[] {program}) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
