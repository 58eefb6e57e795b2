package dev.hydra.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The application's name and version (filled in by the build). */
public final class AppInfo {

    public static final String NAME = "Hydra Control";

    private AppInfo() {
    }

    public static String version() {
        try (InputStream in = AppInfo.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
