package dev.hydra.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePreferencesTest {

    @TempDir
    Path dir;

    @Test
    void whatIsPutIsThereAtTheNextStart() {
        Path file = dir.resolve("data/preferences.properties");
        try (FilePreferences first = FilePreferences.load(file)) {
            first.put("ui.theme", "DARK");
            first.put("ui.lastView", "GPUS");
            first.put("ui.lastView", "CHAT");
        }

        try (FilePreferences second = FilePreferences.load(file)) {
            assertThat(second.get("ui.theme")).contains("DARK");
            assertThat(second.get("ui.lastView")).contains("CHAT");
            assertThat(second.get("gpus.unit")).isEmpty();
        }
    }

    @Test
    void theFileIsReplacedWholeAndNoTemporaryFileIsLeft() throws Exception {
        Path file = dir.resolve("preferences.properties");
        try (FilePreferences preferences = FilePreferences.load(file)) {
            preferences.put("ui.theme", "LIGHT");
            preferences.put("ui.theme", "DARK");
        }

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("ui.theme=DARK").doesNotContain("LIGHT");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void noFileMeansDefaults() {
        try (FilePreferences preferences = FilePreferences.load(dir.resolve("absent.properties"))) {
            assertThat(preferences.get("ui.theme")).isEmpty();
        }
        assertThat(dir.resolve("absent.properties")).as("reading alone writes nothing").doesNotExist();
    }

    @Test
    void anUnreadableFileIsKeptAsideAndTheAppStartsWithDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("preferences.properties"), "ui.theme=\\u12G4\n");

        try (FilePreferences preferences = FilePreferences.load(file)) {
            assertThat(preferences.get("ui.theme")).isEmpty();
        }

        assertThat(dir.resolve("preferences.properties.unreadable")).hasContent("ui.theme=\\u12G4");
        assertThat(file).doesNotExist();
    }
}
