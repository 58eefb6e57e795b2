package dev.hydra.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PackagerOptionsTest {

    @Test
    void readsEveryOptionAndSplitsTheTypes() {
        PackagerOptions options = PackagerOptions.parse("--classpath-file=cp.txt", "--installer-dir=installer",
                "--work-dir=target/jpackage", "--version=0.1.0-SNAPSHOT", "--types=app-image, deb", "--aot=false");

        assertThat(options.classpathFile()).isEqualTo(Path.of("cp.txt"));
        assertThat(options.types()).containsExactly("app-image", "deb");
        assertThat(options.aot()).isFalse();
    }

    @Test
    void installersGetTheNumericPartOfTheVersion() {
        assertThat(options("0.1.0-SNAPSHOT").installerVersion()).isEqualTo("0.1.0");
        assertThat(options("2.10").installerVersion()).isEqualTo("2.10");
    }

    @Test
    void aVersionJpackageCannotTakeIsRefusedWithTheReason() {
        assertThatThrownBy(() -> options("next-release").installerVersion()).isInstanceOf(PackagingException.class)
                .hasMessage("Cannot make an installer version out of next-release: expected MAJOR.MINOR.PATCH with an "
                        + "optional -QUALIFIER");
    }

    @Test
    void aMissingOptionIsNamed() {
        assertThatThrownBy(() -> PackagerOptions.parse("--classpath-file=cp.txt")).isInstanceOf(PackagingException.class)
                .hasMessage("Missing --installer-dir=...");
    }

    private static PackagerOptions options(String version) {
        return PackagerOptions.parse("--classpath-file=cp.txt", "--installer-dir=i", "--work-dir=w", "--version=" + version);
    }
}
