package dev.hydra.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LauncherConfigTest {

    private static final String CFG = """
            [Application]
            app.classpath=$APPDIR/hydra-app-0.1.0.jar
            app.mainclass=dev.hydra.app.Main

            [JavaOptions]
            java-options=-Djpackage.app-version=0.1.0
            java-options=--enable-native-access=javafx.graphics,ALL-UNNAMED

            [ArgOptions]
            arguments=--verbose
            """;

    @Test
    void theOptionComesAfterTheLastJvmOptionInsideItsSection() {
        String edited = LauncherConfig.withJavaOption(CFG, "-XX:AOTCache=$APPDIR/hydra.aot");

        assertThat(edited).isEqualTo("""
                [Application]
                app.classpath=$APPDIR/hydra-app-0.1.0.jar
                app.mainclass=dev.hydra.app.Main

                [JavaOptions]
                java-options=-Djpackage.app-version=0.1.0
                java-options=--enable-native-access=javafx.graphics,ALL-UNNAMED
                java-options=-XX:AOTCache=$APPDIR/hydra.aot

                [ArgOptions]
                arguments=--verbose
                """);
    }

    @Test
    void addingTheSameOptionTwiceChangesNothing() {
        String once = LauncherConfig.withJavaOption(CFG, "-XX:AOTCache=$APPDIR/hydra.aot");

        assertThat(LauncherConfig.withJavaOption(once, "-XX:AOTCache=$APPDIR/hydra.aot")).isEqualTo(once);
    }

    @Test
    void aLauncherWithoutJvmOptionsGetsTheSection() {
        String edited = LauncherConfig.withJavaOption("[Application]\napp.mainclass=dev.hydra.app.Main\n", "-Xmx512m");

        assertThat(edited).isEqualTo("[Application]\napp.mainclass=dev.hydra.app.Main\n[JavaOptions]\njava-options=-Xmx512m\n");
    }
}
