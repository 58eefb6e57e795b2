package dev.hydra.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandPaletteViewModelTest {

    private final List<String> ran = new ArrayList<>();
    private final CommandPaletteViewModel palette = new CommandPaletteViewModel();

    CommandPaletteViewModelTest() {
        for (String title : List.of("Go to Cluster", "Go to GPUs", "Go to Queue", "Theme: Dark", "Theme: Light",
                "Refresh now")) {
            palette.register(new PaletteCommand(title, title.startsWith("Theme") ? "Appearance" : "View", "",
                    () -> ran.add(title)));
        }
    }

    @Test
    void anEmptyQueryListsEverythingInOrder() {
        palette.open();

        assertThat(palette.results()).extracting(PaletteCommand::title).startsWith("Go to Cluster", "Go to GPUs");
        assertThat(palette.selectedIndexProperty().get()).isZero();
    }

    @Test
    void lettersInOrderButNotAdjacentMatch() {
        palette.queryProperty().set("thdk");

        assertThat(palette.results()).extracting(PaletteCommand::title).containsExactly("Theme: Dark");
    }

    @Test
    void closerMatchesComeFirst() {
        palette.queryProperty().set("gpu");

        assertThat(palette.results()).extracting(PaletteCommand::title).first().isEqualTo("Go to GPUs");
    }

    @Test
    void theGroupCountsToo() {
        palette.queryProperty().set("appearance light");

        assertThat(palette.results()).extracting(PaletteCommand::title).containsExactly("Theme: Light");
    }

    @Test
    void nothingMatchesMeansNothingSelected() {
        palette.queryProperty().set("zzz");

        assertThat(palette.results()).isEmpty();
        assertThat(palette.selectedIndexProperty().get()).isEqualTo(-1);
        palette.runSelected();
        assertThat(ran).isEmpty();
    }

    @Test
    void arrowsMoveAndWrapAndEnterRunsAndCloses() {
        palette.open();
        palette.queryProperty().set("go to");
        palette.moveSelection(1);
        palette.moveSelection(-1);
        palette.moveSelection(-1);

        palette.runSelected();

        assertThat(ran).containsExactly("Go to Queue");
        assertThat(palette.openProperty().get()).isFalse();
    }
}
