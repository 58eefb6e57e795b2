package dev.hydra.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeImageTest {

    @TempDir
    Path dir;

    @Test
    void javafxNativeLibrariesAtTheJarRootGoWhereTheJdkKeepsItsOwn() throws Exception {
        Path graphics = TestJars.write(dir.resolve("javafx-graphics-26.0.2-linux.jar"), Map.of(
                "module-info.class", new byte[] {1},
                "libglass.so", new byte[] {7, 7},
                "libprism_sw.so", new byte[] {8},
                "com/sun/glass/ui/Application.class", new byte[] {2},
                "META-INF/native/libother.so", new byte[] {3}));
        Path runtime = dir.resolve("runtime");

        List<String> installed = RuntimeImage.installJavaFxNatives(List.of(graphics),
                TargetOs.LINUX.nativeLibraryDir(runtime), TargetOs.LINUX);

        assertThat(installed).containsExactlyInAnyOrder("libglass.so", "libprism_sw.so");
        assertThat(Files.readAllBytes(runtime.resolve("lib/libglass.so"))).containsExactly(7, 7);
        assertThat(runtime.resolve("lib/libother.so")).doesNotExist();
    }

    @Test
    void windowsKeepsThemWhereJavafxLooksOnWindows() {
        assertThat(TargetOs.WINDOWS.nativeLibraryDir(Path.of("rt"))).isEqualTo(Path.of("rt/bin/javafx"));
        assertThat(TargetOs.MACOS.nativeLibraryDir(Path.of("rt"))).isEqualTo(Path.of("rt/lib"));
    }

    @Test
    void theModulesOfAnImageComeFromItsReleaseFile() throws Exception {
        Files.createDirectories(dir.resolve("rt"));
        Files.writeString(dir.resolve("rt/release"), "JAVA_VERSION=\"25.0.3\"\nMODULES=\"java.base java.sql javafx.base\"\n");

        assertThat(RuntimeImage.modulesOf(dir.resolve("rt"))).containsExactly("java.base", "java.sql", "javafx.base");
    }
}
