package dev.hydra.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Preferences;
import dev.hydra.ui.theme.ThemeMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellViewModelTest {

    private final Preferences preferences = Preferences.inMemory();

    @Test
    void startsOnTheClusterViewFollowingTheSystemTheme() {
        ShellViewModel shell = new ShellViewModel(preferences, List.of());

        assertThat(shell.selectedViewProperty().get()).isEqualTo(ViewId.CLUSTER);
        assertThat(shell.themeModeProperty().get()).isEqualTo(ThemeMode.SYSTEM);
    }

    @Test
    void theThemeAndTheLastViewAreRemembered() {
        ShellViewModel first = new ShellViewModel(preferences, List.of());
        first.themeModeProperty().set(ThemeMode.DARK);
        first.show(ViewId.GPUS);

        ShellViewModel second = new ShellViewModel(preferences, List.of());

        assertThat(second.themeModeProperty().get()).isEqualTo(ThemeMode.DARK);
        assertThat(second.selectedViewProperty().get()).isEqualTo(ViewId.GPUS);
    }

    @Test
    void aProblemFoundAfterTheWindowOpenedJoinsTheBannersUntilDismissed() {
        Banner config = new Banner(Banner.Kind.DANGER, "hydra.yaml has a problem", "line 1");
        ShellViewModel shell = new ShellViewModel(preferences, List.of(config));
        Banner database = new Banner(Banner.Kind.WARNING, "The database is unavailable", "connection refused");

        shell.report(database);

        assertThat(shell.banners()).containsExactly(config, database);
        shell.dismiss(database);
        assertThat(shell.banners()).containsExactly(config);
    }

    @Test
    void aStoredValueThatIsNoLongerKnownFallsBackToTheDefault() {
        preferences.put("ui.theme", "SOLARIZED");
        preferences.put("ui.lastView", "LOGS");

        ShellViewModel shell = new ShellViewModel(preferences, List.of());

        assertThat(shell.themeModeProperty().get()).isEqualTo(ThemeMode.SYSTEM);
        assertThat(shell.selectedViewProperty().get()).isEqualTo(ViewId.CLUSTER);
    }

    @Test
    void thePaletteReachesEveryViewAndTheTheme() {
        ShellViewModel shell = new ShellViewModel(preferences, List.of());

        shell.palette().queryProperty().set("go to chat");
        shell.palette().runSelected();
        shell.palette().queryProperty().set("theme light");
        shell.palette().runSelected();

        assertThat(shell.selectedViewProperty().get()).isEqualTo(ViewId.CHAT);
        assertThat(shell.themeModeProperty().get()).isEqualTo(ThemeMode.LIGHT);
    }

    @Test
    void startupProblemsShowUntilDismissed() {
        Banner broken = new Banner(Banner.Kind.DANGER, "hydra.yaml has a problem", "hydra.yaml:3:18: ...");
        ShellViewModel shell = new ShellViewModel(preferences, List.of(broken));

        assertThat(shell.banners()).containsExactly(broken);
        shell.dismiss(broken);
        assertThat(shell.banners()).isEmpty();
    }
}
