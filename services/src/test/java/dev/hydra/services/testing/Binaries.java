package dev.hydra.services.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the programs the real-component harnesses start, failing with the install command when one is missing. */
final class Binaries {

    private Binaries() {
    }

    /** The first of {@code candidates} that is executable, or an error naming the Debian package to install. */
    static Path require(String debianPackage, String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        throw new IllegalStateException(String.join(" or ", candidates) + " not found: this test needs the real "
                + "program. Install it with: apt-get install -y " + debianPackage + " (.ci/run does this)");
    }
}
