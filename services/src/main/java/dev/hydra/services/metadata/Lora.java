package dev.hydra.services.metadata;

/**
 * A LoRA applied to the model.
 *
 * @param name           the file name, e.g. {@code epiNoiseoffset_v2.safetensors} (A1111: the name in {@code <lora:name:w>})
 * @param strengthModel  its weight on the model (null when unknown)
 * @param strengthClip   its weight on the text encoder (null when unknown or model-only)
 */
public record Lora(String name, Double strengthModel, Double strengthClip) {
}
