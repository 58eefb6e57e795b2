package dev.hydra.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import dev.hydra.app.AppComposition;
import dev.hydra.app.AppPaths;
import dev.hydra.services.config.ConfigLoader;
import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.shell.ShellViewModel;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopTest {

    @TempDir
    Path dir;

    @Test
    void aBrokenConfigBecomesABannerThatSaysWhereAndHowToFixIt() throws Exception {
        Path file = Files.writeString(dir.resolve("hydra.yaml"), "refreshInterval: soon\n");

        assertThat(Desktop.configProblems(ConfigLoader.load(file))).singleElement().satisfies(banner -> {
            assertThat(banner.kind()).isEqualTo(Banner.Kind.DANGER);
            assertThat(banner.title()).isEqualTo("hydra.yaml has a problem, so the embedded default is in use");
            assertThat(banner.text()).isEqualTo(file + ":1:18: 'refreshInterval' expects a duration such as 2s, "
                    + "500ms or 1m, got \"soon\"\nFix: write a duration such as 2s, 500ms or 1m; see "
                    + "docs/configuration.md for every key");
        });
    }

    @Test
    void aGoodConfigRaisesNoBanner() throws Exception {
        Path file = Files.writeString(dir.resolve("hydra.yaml"), "refreshInterval: 3s\n");

        assertThat(Desktop.configProblems(ConfigLoader.load(file))).isEmpty();
    }

    @Test
    void aDatabaseThatCannotBeOpenedAfterTheFirstFrameBecomesABanner() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("hydra.yaml"), "database:\n  url: jdbc:postgresql://127.0.0.1:" + closedPort
                + "/hydra\n  user: hydra\n");
        ShellViewModel shell = new ShellViewModel(Preferences.inMemory(), List.of());
        try (AppComposition app = new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", dir.toString()), "Linux",
                dir), Clock.systemUTC(), Map.of())) {

            Desktop.openDatabase(app, shell, Runnable::run);

            await().atMost(Duration.ofSeconds(30)).until(() -> !shell.banners().isEmpty());
        }
        assertThat(shell.banners()).singleElement().satisfies(banner -> {
            assertThat(banner.kind()).isEqualTo(Banner.Kind.WARNING);
            assertThat(banner.title()).isEqualTo("The database is unavailable");
            assertThat(banner.text()).startsWith("Cannot open the database (PostgreSQL jdbc:postgresql://127.0.0.1:"
                    + closedPort + "/hydra)");
        });
    }

    @Test
    void theWindowClosesAfterItsFirstFrameOnlyWhenAskedTo() {
        assertThat(Desktop.exitsAfterFirstFrame(Map.of("HYDRA_EXIT_AFTER_FIRST_FRAME", "1"))).isTrue();
        assertThat(Desktop.exitsAfterFirstFrame(Map.of("HYDRA_EXIT_AFTER_FIRST_FRAME", "yes please"))).isFalse();
        assertThat(Desktop.exitsAfterFirstFrame(Map.of())).isFalse();
    }
}
