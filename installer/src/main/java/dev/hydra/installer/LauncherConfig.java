package dev.hydra.installer;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits a jpackage launcher's {@code .cfg} file (an INI file next to the app's jars): jpackage cannot add a JVM
 * option after the app-image exists, and the AOT cache option may only be added once the cache has been trained.
 */
final class LauncherConfig {

    private static final String SECTION = "[JavaOptions]";
    private static final String OPTION = "java-options=";

    private LauncherConfig() {
    }

    /** The configuration with {@code option} as the last JVM option; unchanged if the option is already there. */
    static String withJavaOption(String cfg, String option) {
        String line = OPTION + option;
        List<String> lines = new ArrayList<>(cfg.lines().toList());
        if (lines.contains(line)) {
            return cfg;
        }
        int section = lines.indexOf(SECTION);
        if (section < 0) {
            lines.add(SECTION);
            lines.add(line);
        } else {
            int insertAt = section + 1;
            for (int i = section + 1; i < lines.size() && !lines.get(i).startsWith("["); i++) {
                if (lines.get(i).startsWith(OPTION)) {
                    insertAt = i + 1;
                }
            }
            lines.add(insertAt, line);
        }
        return String.join("\n", lines) + "\n";
    }
}
