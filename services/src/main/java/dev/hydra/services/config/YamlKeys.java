package dev.hydra.services.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds where a key sits in YAML text, for error messages that point at the right line. */
final class YamlKeys {

    private YamlKeys() {
    }

    /**
     * The 1-based {line, column} of the last key of {@code path} (e.g. [localNode, nvidia_smi]), each key found
     * below and more indented than the one before it; null if a key is not found or the path has list indexes.
     */
    static int[] locate(String text, List<String> path) {
        String[] lines = text.split("\\R", -1);
        int from = 0;
        int parentIndent = -1;
        int[] found = null;
        for (String key : path) {
            if (key == null) {
                return null;
            }
            Pattern pattern = Pattern.compile("^(\\s*(?:-\\s+)?)[\"']?" + Pattern.quote(key) + "[\"']?\\s*:(\\s|$)");
            found = null;
            for (int i = from; i < lines.length && found == null; i++) {
                Matcher matcher = pattern.matcher(lines[i]);
                if (matcher.find() && matcher.group(1).length() > parentIndent) {
                    found = new int[] {i + 1, matcher.end(1) + 1};
                    from = i + 1;
                    parentIndent = matcher.group(1).length();
                }
            }
            if (found == null) {
                return null;
            }
        }
        return found;
    }
}
