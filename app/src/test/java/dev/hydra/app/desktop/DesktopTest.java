package dev.hydra.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.config.ConfigLoader;
import dev.hydra.ui.common.Banner;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
