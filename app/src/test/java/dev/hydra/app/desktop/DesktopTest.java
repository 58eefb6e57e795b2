package dev.hydra.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import dev.hydra.app.AppComposition;
import dev.hydra.app.AppPaths;
import dev.hydra.services.config.ConfigLoader;
import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Preferences;
import dev.hydra.services.review.LibraryService;
import dev.hydra.ui.shell.ShellViewModel;
import dev.hydra.ui.shell.UiContext;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
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
        CompletableFuture<UiContext.Data> data = new CompletableFuture<>();
        try (AppComposition app = new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", dir.toString()), "Linux",
                dir), Clock.systemUTC(), Map.of())) {

            Desktop.openDatabase(app, shell, Runnable::run, data, new AtomicReference<>());

            await().atMost(Duration.ofSeconds(30)).until(() -> !shell.banners().isEmpty() && data.isDone());
        }
        assertThat(data.join().queue()).as("the views that need the database say why they are unavailable").isNull();
        assertThat(data.join().unavailable()).startsWith("Cannot open the database (PostgreSQL");
        assertThat(shell.banners()).singleElement().satisfies(banner -> {
            assertThat(banner.kind()).isEqualTo(Banner.Kind.WARNING);
            assertThat(banner.title()).isEqualTo("The database is unavailable");
            assertThat(banner.text()).startsWith("Cannot open the database (PostgreSQL jdbc:postgresql://127.0.0.1:"
                    + closedPort + "/hydra)");
        });
    }

    @Test
    void afterTheFirstFrameTheDatabaseBringsActionsTheQueueAndTheReviewLibrary() throws Exception {
        ShellViewModel shell = new ShellViewModel(Preferences.inMemory(), List.of());
        CompletableFuture<UiContext.Data> data = new CompletableFuture<>();
        AtomicReference<LibraryService> library = new AtomicReference<>();
        try (AppComposition app = new AppComposition(AppPaths.resolve(Map.of("HYDRA_HOME", dir.toString()), "Linux",
                dir), Clock.systemUTC(), Map.of())) {

            Desktop.openDatabase(app, shell, Runnable::run, data, library);

            UiContext.Data ready = data.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ready.actions()).isNotNull();
            assertThat(ready.actor()).endsWith("@" + app.localNodeName());
            assertThat(ready.queue().isPaused()).isFalse();
            assertThat(ready.review()).isNotNull();
            assertThat(shell.banners()).isEmpty();
            library.get().close();
        }
    }

    @Test
    void theWindowClosesAfterItsFirstFrameOnlyWhenAskedTo() {
        assertThat(Desktop.exitsAfterFirstFrame(Map.of("HYDRA_EXIT_AFTER_FIRST_FRAME", "1"))).isTrue();
        assertThat(Desktop.exitsAfterFirstFrame(Map.of("HYDRA_EXIT_AFTER_FIRST_FRAME", "yes please"))).isFalse();
        assertThat(Desktop.exitsAfterFirstFrame(Map.of())).isFalse();
    }
}
