package dev.hydra.ui.review;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the review screen takes from hydra.yaml.
 *
 * @param reasonKeys  reject reasons by key letter (F → face, ...), in the configured order
 * @param references  reference image per character name
 * @param trash       where "move rejects to trash" puts files (the data directory's trash folder)
 */
public record ReviewSettings(Map<String, String> reasonKeys, Map<String, Path> references, Path trash) {

    public ReviewSettings {
        reasonKeys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reasonKeys));
        references = Map.copyOf(references);
    }
}
