package dev.hydra.services.metadata;

import java.math.BigInteger;
import java.util.List;

/**
 * One sampling pass: a ComfyUI sampler node with the values that reached it, or the single pass an A1111
 * {@code parameters} text describes. Any value may be null when the graph does not say it (or it comes from a node
 * whose output cannot be known without running it, e.g. an LLM prompt node: then {@code dynamicPrompt} is true).
 *
 * @param nodeId        the ComfyUI node id ("3", "30:12"); null for A1111
 * @param classType     KSampler, SamplerCustom, ...; "a1111" for A1111
 * @param finalPass     true when no other sampler is downstream of this one (the one that made the pixels)
 * @param seed          unsigned 64-bit seed (0 … 2^64−1), so a BigInteger
 * @param samplerName   euler, dpmpp_2m, "DPM++ 2M" (A1111 names), or the sampler class name when it has no name
 * @param scheduler     normal, karras, simple, or the scheduler class name (e.g. SDTurboScheduler)
 * @param positive      the positive prompt texts; several mean area or regional prompting
 * @param negative      the negative prompt texts
 * @param model         checkpoint or UNet file name
 * @param modelLoader   the loader class (CheckpointLoaderSimple, UNETLoader) or "a1111"
 * @param loras         LoRAs from the sampler up to the loader, nearest first
 * @param latentWidth   generation width (the latent size), null for img2img
 * @param latentHeight  generation height
 * @param latentFrom    the node class that set the size (EmptyLatentImage, LatentUpscale, ...)
 * @param img2img       true when the latent came from an encoded image (size unknown)
 */
public record SamplerPass(String nodeId, String classType, boolean finalPass, BigInteger seed, Integer steps,
        Double cfg, String samplerName, String scheduler, Double denoise, List<String> positive,
        List<String> negative, boolean dynamicPrompt, String model, String modelLoader, List<Lora> loras,
        Integer latentWidth, Integer latentHeight, Integer batchSize, String latentFrom, boolean img2img) {

    public SamplerPass {
        positive = List.copyOf(positive);
        negative = List.copyOf(negative);
        loras = List.copyOf(loras);
    }

    /** The positive texts joined for display (one per line). */
    public String positiveText() {
        return positive.isEmpty() ? null : String.join("\n", positive);
    }

    public String negativeText() {
        return negative.isEmpty() ? null : String.join("\n", negative);
    }
}
