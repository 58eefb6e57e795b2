package dev.hydra.services.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The configuration in effect and where it came from. With a problem, {@link #config()} is the embedded default
 * and the problem says what to fix.
 */
public record LoadedConfig(HydraConfig config, Path file, boolean fileExists, Optional<ConfigProblem> problem) {
}
