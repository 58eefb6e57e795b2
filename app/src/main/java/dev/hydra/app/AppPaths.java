package dev.hydra.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where hydra.yaml and the data (database, logs, caches) live.
 *
 * <ul>
 *   <li>Linux: {@code $XDG_CONFIG_HOME/hydra/hydra.yaml} (default {@code ~/.config}) and
 *       {@code $XDG_DATA_HOME/hydra} (default {@code ~/.local/share}).</li>
 *   <li>Windows: {@code %APPDATA%\Hydra\hydra.yaml} and {@code %LOCALAPPDATA%\Hydra}.</li>
 *   <li>macOS: both in {@code ~/Library/Application Support/Hydra}.</li>
 *   <li>{@code HYDRA_HOME=dir}: both in that directory. {@code HYDRA_CONFIG=file}: that file as hydra.yaml.</li>
 * </ul>
 */
public record AppPaths(Path configFile, Path dataDir) {

    public static AppPaths resolve(Map<String, String> env, String osName, Path userHome) {
        Path dataDir;
        Path configDir;
        String home = env.get("HYDRA_HOME");
        String os = osName.toLowerCase(Locale.ROOT);
        if (present(home)) {
            configDir = Path.of(home);
            dataDir = Path.of(home);
        } else if (os.startsWith("windows")) {
            configDir = Path.of(orDefault(env.get("APPDATA"), userHome.resolve("AppData/Roaming").toString()), "Hydra");
            dataDir = Path.of(orDefault(env.get("LOCALAPPDATA"), userHome.resolve("AppData/Local").toString()), "Hydra");
        } else if (os.startsWith("mac")) {
            configDir = userHome.resolve("Library/Application Support/Hydra");
            dataDir = configDir;
        } else {
            configDir = Path.of(orDefault(env.get("XDG_CONFIG_HOME"), userHome.resolve(".config").toString()), "hydra");
            dataDir = Path.of(orDefault(env.get("XDG_DATA_HOME"), userHome.resolve(".local/share").toString()), "hydra");
        }
        String config = env.get("HYDRA_CONFIG");
        Path configFile = present(config) ? Path.of(config) : configDir.resolve("hydra.yaml");
        return new AppPaths(configFile.toAbsolutePath(), dataDir.toAbsolutePath());
    }

    public static AppPaths fromEnvironment() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    public Path databaseDir() {
        return dataDir.resolve("db");
    }

    /** The window's preferences (theme, last view, units): a local file, read before the first frame. */
    public Path preferencesFile() {
        return dataDir.resolve("preferences.properties");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String orDefault(String value, String fallback) {
        return present(value) ? value : fallback;
    }
}
