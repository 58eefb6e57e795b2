package dev.hydra.services.learning;

import java.util.List;

/**
 * The values a ComfyUI server lists for a combo input (its /object_info), so a re-generation only writes a
 * checkpoint, sampler or scheduler the server has. The composition root binds it to the ComfyUI client.
 */
@FunctionalInterface
public interface ComfyChoices {

    /** Never reachable: nothing is listed, so no setting is substituted. */
    ComfyChoices NONE = (nodeClass, input) -> {
        throw new ChoicesUnavailable("no ComfyUI is configured (comfyui.url)");
    };

    /** e.g. ("CheckpointLoaderSimple", "ckpt_name") */
    List<String> options(String nodeClass, String input) throws ChoicesUnavailable;

    /** ComfyUI could not be asked; the sentence says why. */
    final class ChoicesUnavailable extends Exception {
        public ChoicesUnavailable(String message) {
            super(message);
        }
    }
}
