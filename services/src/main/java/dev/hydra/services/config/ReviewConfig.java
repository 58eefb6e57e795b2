package dev.hydra.services.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The review screen and the asset library.
 *
 * @param folders    folders of images to index and watch (subfolders included), e.g. ComfyUI's output folder;
 *                   folders added in the window or with {@code hydra review import} are remembered as well
 * @param characters how to tell which character an image shows (first matching rule wins)
 * @param scenes     how to tell which scene an image belongs to
 * @param reasonKeys reject reason per key, pressed right after a reject (default F face, H hands, C composition,
 *                   S style, T artifacts, O outfit)
 * @param quality    thresholds of the automated quality checks
 * @param autoReject quality flags that reject a pending image by themselves (visible and undoable), e.g. [blank]
 */
public record ReviewConfig(List<String> folders, List<MappingConfig> characters, List<MappingConfig> scenes,
        Map<String, String> reasonKeys, QualityConfig quality, List<String> autoReject) {

    public static final Map<String, String> DEFAULT_REASONS = defaultReasons();
    public static final ReviewConfig DEFAULT = new ReviewConfig(null, null, null, null, null, null);
    /** Keys the review screen uses itself, so they cannot be reason keys. */
    private static final Set<String> TAKEN = Set.of("P", "A", "X", "R", "U", "Z", "G");
    private static final Set<String> FLAGS = Set.of("blank", "low-detail", "clipped", "size-mismatch", "duplicate");

    public ReviewConfig {
        folders = folders == null ? List.of() : List.copyOf(folders);
        characters = characters == null ? List.of() : List.copyOf(characters);
        scenes = scenes == null ? List.of() : List.copyOf(scenes);
        quality = quality == null ? QualityConfig.DEFAULT : quality;
        autoReject = autoReject == null ? List.of() : List.copyOf(autoReject);
        if (reasonKeys == null || reasonKeys.isEmpty()) {
            reasonKeys = DEFAULT_REASONS;
        } else {
            Map<String, String> normalized = new LinkedHashMap<>();
            reasonKeys.forEach((key, reason) -> {
                String upper = key == null ? "" : key.strip().toUpperCase(Locale.ROOT);
                if (!upper.matches("[A-Z]")) {
                    throw new IllegalArgumentException("review.reasonKeys: '" + key + "' must be one letter A-Z");
                }
                if (TAKEN.contains(upper)) {
                    throw new IllegalArgumentException("review.reasonKeys: " + upper + " is already a review key "
                            + "(P/A accept, X/R reject, U unflag, Z zoom, G grid); pick another letter");
                }
                if (reason == null || reason.isBlank()) {
                    throw new IllegalArgumentException("review.reasonKeys: " + upper + " needs a reason, e.g. face");
                }
                normalized.put(upper, reason.strip());
            });
            reasonKeys = java.util.Collections.unmodifiableMap(normalized);
        }
        for (String flag : autoReject) {
            if (!FLAGS.contains(flag)) {
                throw new IllegalArgumentException("review.autoReject: unknown check '" + flag + "'; expected one of "
                        + String.join(", ", FLAGS.stream().sorted().toList()));
            }
        }
        for (String folder : folders) {
            if (folder == null || folder.isBlank()) {
                throw new IllegalArgumentException("review.folders: an entry is empty");
            }
        }
    }

    private static Map<String, String> defaultReasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("F", "face");
        reasons.put("H", "hands");
        reasons.put("C", "composition");
        reasons.put("S", "style");
        reasons.put("T", "artifacts");
        reasons.put("O", "outfit");
        return java.util.Collections.unmodifiableMap(reasons);
    }

    /**
     * One character or scene: an image matches when any given matcher matches.
     *
     * @param filenamePrefix the file name starts with this (case-insensitive), e.g. {@code mira_}
     * @param subfolder      a folder on the image's path has this name, e.g. {@code mira}
     * @param promptTag      the positive prompt contains this word or phrase (case-insensitive)
     * @param reference      characters only: a reference image shown beside the one under review
     */
    public record MappingConfig(String name, String filenamePrefix, String subfolder, String promptTag,
            String reference) {

        public MappingConfig {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("review: every character and scene needs a name");
            }
            if (blank(filenamePrefix) && blank(subfolder) && blank(promptTag)) {
                throw new IllegalArgumentException("review: '" + name + "' needs at least one of filenamePrefix, "
                        + "subfolder or promptTag");
            }
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    /**
     * Thresholds of the automated checks (on a grey version of the image, 0–255).
     *
     * @param blankLevel        mean brightness at or below which an image is near-black (default 12)
     * @param blankSpread       standard deviation at or below which an image is blank (one flat colour; default 4)
     * @param lowDetailVariance variance of the Laplacian below which an image has low detail (default 60)
     * @param clippedShare      share of pixels at 0–2 or 253–255 above which exposure is clipped (default 0.25)
     * @param duplicateDistance Hamming distance of 64-bit perceptual hashes at or below which two images are
     *                          near-duplicates (default 4)
     */
    public record QualityConfig(Double blankLevel, Double blankSpread, Double lowDetailVariance, Double clippedShare,
            Integer duplicateDistance) {

        public static final QualityConfig DEFAULT = new QualityConfig(null, null, null, null, null);

        public QualityConfig {
            blankLevel = blankLevel == null ? 12.0 : blankLevel;
            blankSpread = blankSpread == null ? 4.0 : blankSpread;
            lowDetailVariance = lowDetailVariance == null ? 60.0 : lowDetailVariance;
            clippedShare = clippedShare == null ? 0.25 : clippedShare;
            duplicateDistance = duplicateDistance == null ? 4 : duplicateDistance;
            if (clippedShare <= 0 || clippedShare > 1) {
                throw new IllegalArgumentException("review.quality.clippedShare must be between 0 and 1");
            }
            if (duplicateDistance < 0 || duplicateDistance > 32) {
                throw new IllegalArgumentException("review.quality.duplicateDistance must be 0–32 bits");
            }
        }
    }
}
