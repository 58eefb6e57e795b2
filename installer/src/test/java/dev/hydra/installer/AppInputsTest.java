package dev.hydra.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppInputsTest {

    @TempDir
    Path dir;

    @Test
    void javafxPlatformJarsBecomeModulesTheEmptyOnesAreDroppedAndTheMainJarComesFirst() throws Exception {
        Path h2 = jar("h2-2.4.240.jar");
        Path app = jar("hydra-app-0.1.0.jar");
        Path ui = jar("hydra-ui-0.1.0.jar");
        Path fxEmpty = jar("javafx-base-26.0.2.jar");
        Path fxLinux = TestJars.write(dir.resolve("javafx-base-26.0.2-linux.jar"),
                Map.of("module-info.class", new byte[] {1}, "libglass.so", new byte[] {2}));

        AppInputs inputs = AppInputs.of(List.of(h2, fxEmpty, app, fxLinux, ui));

        assertThat(inputs.classpath()).containsExactly(app, h2, ui);
        assertThat(inputs.javafx()).containsExactly(fxLinux);
        assertThat(inputs.jdepsRoots()).containsExactly(app, ui);
    }

    @Test
    void plainJarsThatRegisterAServiceAreSearchedTooModularOnesDeclareWhatTheyNeed() throws Exception {
        Path app = jar("hydra-app-0.1.0.jar");
        Path driver = TestJars.write(dir.resolve("postgresql-42.7.8.jar"),
                Map.of("META-INF/services/java.sql.Driver", "org.postgresql.Driver".getBytes()));
        Path logback = TestJars.write(dir.resolve("logback-classic-1.5.20.jar"), Map.of("module-info.class", new byte[] {1},
                "META-INF/services/org.slf4j.spi.SLF4JServiceProvider", "x".getBytes()));
        Path jackson = TestJars.write(dir.resolve("jackson-core-2.20.1.jar"), Map.of(
                "META-INF/versions/9/module-info.class", new byte[] {1},
                "META-INF/services/com.fasterxml.jackson.core.JsonFactory", "x".getBytes()));
        Path fx = TestJars.write(dir.resolve("javafx-base-26.0.2-linux.jar"), Map.of("module-info.class", new byte[] {1}));

        AppInputs inputs = AppInputs.of(List.of(app, driver, logback, jackson, jar("h2-2.4.240.jar"), fx));

        assertThat(inputs.jdepsRoots()).containsExactly(app, driver);
    }

    @Test
    void aClasspathWithoutTheAppIsRefused() throws Exception {
        assertThatThrownBy(() -> AppInputs.of(List.of(jar("h2-2.4.240.jar")))).isInstanceOf(PackagingException.class)
                .hasMessageStartingWith("The app's classpath has no hydra-app-*.jar");
    }

    @Test
    void aClasspathWithoutJavafxPlatformJarsIsRefused() throws Exception {
        assertThatThrownBy(() -> AppInputs.of(List.of(jar("hydra-app-0.1.0.jar"), jar("javafx-base-26.0.2.jar"))))
                .isInstanceOf(PackagingException.class)
                .hasMessageStartingWith("The app's classpath has no JavaFX platform jar");
    }

    private Path jar(String name) throws Exception {
        return TestJars.write(dir.resolve(name), Map.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes()));
    }
}
