package dev.hydra.app.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.hydra.services.metadata.ImageMetadata;
import dev.hydra.services.metadata.Lora;
import dev.hydra.services.metadata.SamplerPass;
import java.util.List;

/**
 * One object of {@code hydra metadata --json} (documented in docs/cli.md): the final pass's facts, {@code seed} as a
 * string of digits (it can exceed 2^63), {@code width}/{@code height} the generation size and
 * {@code imageWidth}/{@code imageHeight} the actual pixels; null for what is absent.
 */
@JsonPropertyOrder({"file", "source", "checkpoint", "loras", "seed", "steps", "cfg", "sampler", "scheduler", "denoise",
        "positivePrompt", "negativePrompt", "width", "height", "imageWidth", "imageHeight", "status", "problems"})
record MetadataJson(String file, String source, String checkpoint, List<LoraJson> loras, String seed, Integer steps,
        Double cfg, String sampler, String scheduler, Double denoise, String positivePrompt, String negativePrompt,
        Integer width, Integer height, Integer imageWidth, Integer imageHeight, String status, List<String> problems) {

    record LoraJson(String name, Double strengthModel) {
    }

    static MetadataJson of(String file, ImageMetadata metadata) {
        SamplerPass pass = metadata.finalPass().orElse(null);
        return new MetadataJson(file, metadata.source() == dev.hydra.services.metadata.MetadataSource.COMFYUI
                || metadata.source() == dev.hydra.services.metadata.MetadataSource.A1111
                ? metadata.source().label() : "none",
                pass == null ? null : pass.model(),
                pass == null ? List.of() : pass.loras().stream().map(MetadataJson::lora).toList(),
                pass == null || pass.seed() == null ? null : pass.seed().toString(),
                pass == null ? null : pass.steps(), pass == null ? null : pass.cfg(),
                pass == null ? null : pass.samplerName(), pass == null ? null : pass.scheduler(),
                pass == null ? null : pass.denoise(), pass == null ? null : pass.positiveText(),
                pass == null ? null : pass.negativeText(), pass == null ? null : pass.latentWidth(),
                pass == null ? null : pass.latentHeight(), metadata.imageWidth(), metadata.imageHeight(),
                metadata.status().name().toLowerCase(java.util.Locale.ROOT), metadata.problems());
    }

    private static LoraJson lora(Lora lora) {
        return new LoraJson(lora.name(), lora.strengthModel());
    }
}
