package dev.hydra.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPathsTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxFollowsTheXdgDefaults() {
        AppPaths paths = AppPaths.resolve(Map.of(), "Linux", HOME);

        assertThat(paths.configFile()).isEqualTo(Path.of("/home/ada/.config/hydra/hydra.yaml"));
        assertThat(paths.dataDir()).isEqualTo(Path.of("/home/ada/.local/share/hydra"));
        assertThat(paths.databaseDir()).isEqualTo(Path.of("/home/ada/.local/share/hydra/db"));
        assertThat(paths.logDir()).isEqualTo(Path.of("/home/ada/.local/share/hydra/logs"));
    }

    @Test
    void linuxHonoursXdgVariables() {
        AppPaths paths = AppPaths.resolve(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), "Linux", HOME);

        assertThat(paths.configFile()).isEqualTo(Path.of("/cfg/hydra/hydra.yaml"));
        assertThat(paths.dataDir()).isEqualTo(Path.of("/data/hydra"));
    }

    @Test
    void windowsUsesAppDataAndLocalAppData() {
        AppPaths paths = AppPaths.resolve(Map.of("APPDATA", "/Users/ada/AppData/Roaming",
                "LOCALAPPDATA", "/Users/ada/AppData/Local"), "Windows 11", HOME);

        assertThat(paths.configFile()).isEqualTo(Path.of("/Users/ada/AppData/Roaming/Hydra/hydra.yaml"));
        assertThat(paths.dataDir()).isEqualTo(Path.of("/Users/ada/AppData/Local/Hydra"));
    }

    @Test
    void macOsKeepsBothInApplicationSupport() {
        AppPaths paths = AppPaths.resolve(Map.of(), "Mac OS X", HOME);

        assertThat(paths.configFile()).isEqualTo(Path.of("/home/ada/Library/Application Support/Hydra/hydra.yaml"));
        assertThat(paths.dataDir()).isEqualTo(Path.of("/home/ada/Library/Application Support/Hydra"));
    }

    @Test
    void hydraHomeHoldsBothAndHydraConfigNamesTheFile() {
        assertThat(AppPaths.resolve(Map.of("HYDRA_HOME", "/srv/hydra"), "Linux", HOME))
                .isEqualTo(new AppPaths(Path.of("/srv/hydra/hydra.yaml"), Path.of("/srv/hydra")));
        assertThat(AppPaths.resolve(Map.of("HYDRA_HOME", "/srv/hydra", "HYDRA_CONFIG", "/etc/hydra.yaml"), "Linux", HOME))
                .isEqualTo(new AppPaths(Path.of("/etc/hydra.yaml"), Path.of("/srv/hydra")));
    }
}
