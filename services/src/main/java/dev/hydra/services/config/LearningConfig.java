package dev.hydra.services.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Preference learning ({@code learning:} in hydra.yaml): what counts as evidence, how the model is tested, which
 * negative-prompt phrases answer which reject reasons, and what a re-generation may change.
 *
 * @param minEvidence     decisions a level needs before its rate is compared, recommended or avoided (default 8);
 *                        below it the tables say "not enough evidence"
 * @param testShare       the latest share of decisions held out to test the model (default 0.2)
 * @param reasonShare     a reject reason becomes a negative-prompt suggestion when at least this share of a
 *                        character's rejects name it (default 0.2), and at least 3 do
 * @param negativePrompts reason → phrases added to the negative prompt (default: hands, face, artifacts,
 *                        composition); a reason without an entry suggests nothing
 * @param regenerate      what a re-generation (Shift+R, or the rule) changes besides the seed
 */
public record LearningConfig(Integer minEvidence, Double testShare, Double reasonShare,
        Map<String, String> negativePrompts, RegenerateConfig regenerate) {

    public static final Map<String, String> DEFAULT_NEGATIVES = defaultNegatives();
    public static final LearningConfig DEFAULT = new LearningConfig(null, null, null, null, null);

    public LearningConfig {
        minEvidence = minEvidence == null ? 8 : minEvidence;
        testShare = testShare == null ? 0.2 : testShare;
        reasonShare = reasonShare == null ? 0.2 : reasonShare;
        regenerate = regenerate == null ? RegenerateConfig.DEFAULT : regenerate;
        if (minEvidence < 1 || minEvidence > 10_000) {
            throw new IllegalArgumentException("learning.minEvidence must be between 1 and 10000 decisions, got "
                    + minEvidence);
        }
        if (testShare < 0.05 || testShare > 0.5) {
            throw new IllegalArgumentException("learning.testShare must be between 0.05 and 0.5, got " + testShare);
        }
        if (reasonShare <= 0 || reasonShare > 1) {
            throw new IllegalArgumentException("learning.reasonShare must be above 0 and at most 1, got "
                    + reasonShare);
        }
        if (negativePrompts == null) {
            negativePrompts = DEFAULT_NEGATIVES;
        } else {
            Map<String, String> normalized = new LinkedHashMap<>();
            negativePrompts.forEach((reason, phrases) -> {
                if (reason == null || reason.isBlank() || phrases == null || phrases.isBlank()) {
                    throw new IllegalArgumentException("learning.negativePrompts: each entry maps a reject reason to "
                            + "phrases, e.g. hands: \"bad hands, extra fingers\"");
                }
                normalized.put(reason.strip(), phrases.strip());
            });
            negativePrompts = Collections.unmodifiableMap(normalized);
        }
    }

    private static Map<String, String> defaultNegatives() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("hands", "bad hands, extra fingers, fused fingers");
        map.put("face", "deformed face, asymmetric eyes");
        map.put("artifacts", "jpeg artifacts, noise, watermark");
        map.put("composition", "cropped, out of frame");
        return Collections.unmodifiableMap(map);
    }

    /**
     * What a re-generation changes. The seed always changes (an identical graph is a cache hit in ComfyUI).
     *
     * @param applySettings  substitute the recommended checkpoint, sampler, scheduler, CFG and steps (only values
     *                       ComfyUI's /object_info lists); off by default, the window has a switch
     * @param applyNegatives add the negative-prompt phrases mapped from the character's frequent reject reasons
     * @param onReject       the rule: every image rejected in the window is re-generated at once (once per image)
     */
    public record RegenerateConfig(Boolean applySettings, Boolean applyNegatives, Boolean onReject) {

        public static final RegenerateConfig DEFAULT = new RegenerateConfig(null, null, null);

        public RegenerateConfig {
            applySettings = applySettings != null && applySettings;
            applyNegatives = applyNegatives != null && applyNegatives;
            onReject = onReject != null && onReject;
        }
    }
}
