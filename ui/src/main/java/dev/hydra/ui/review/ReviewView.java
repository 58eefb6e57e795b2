package dev.hydra.ui.review;

import dev.hydra.ui.common.PlannedFeature;
import dev.hydra.ui.common.PlannedFeatureView;

/** The Review view. Not built yet: it says what it will be. */
public final class ReviewView {

    static final PlannedFeature PLAN = new PlannedFeature("Review",
            "Keyboard culling of generated images: a large image with a filmstrip, its generation metadata (prompt, "
                    + "checkpoint, LoRAs, sampler, steps, CFG, seed), one key to accept, one to reject with a reason, "
                    + "one to undo. Every decision is saved the moment it is made and teaches the system which "
                    + "settings to use next.",
            "Open any folder of images (usually ComfyUI's output folder); it will be watched for new files. A "
                    + "ComfyUI server can be added in hydra.yaml to import its history.");

    private ReviewView() {
    }

    public static PlannedFeatureView create() {
        return new PlannedFeatureView(PLAN);
    }
}
