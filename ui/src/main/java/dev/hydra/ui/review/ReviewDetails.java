package dev.hydra.ui.review;

import dev.hydra.services.metadata.ImageMetadata;
import dev.hydra.services.metadata.Lora;
import dev.hydra.services.metadata.SamplerPass;
import dev.hydra.services.review.Asset;
import dev.hydra.services.review.QualityFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The metadata panel's content for one image, formatted for display; "—" for what is absent.
 *
 * @param otherPasses first passes of a multi-pass graph, one line each
 * @param problems    what the reader found wrong (bad CRC, invalid graph, ...)
 */
public record ReviewDetails(long id, String fileName, String path, String imageSize, String generationSize,
        String source, String checkpoint, List<String> loras, String sampler, String steps, String cfg, String seed,
        String denoise, String positive, String negative, String character, String scene, String decision,
        List<String> flags, List<String> problems, List<String> otherPasses) {

    static final String NONE = "—";

    static ReviewDetails of(Asset asset) {
        ImageMetadata metadata = asset.metadata();
        SamplerPass pass = metadata.finalPass().orElse(null);
        List<String> others = new ArrayList<>();
        for (SamplerPass other : metadata.passes()) {
            if (other != pass) {
                others.add(other.classType() + " " + other.nodeId() + ": " + text(other.model()) + ", seed "
                        + text(other.seed()) + ", " + text(other.steps()) + " steps, " + text(other.samplerName()));
            }
        }
        List<String> flags = asset.qualityFlags() == null ? List.of("quality not checked yet")
                : asset.qualityFlags().stream().map(QualityFlag::description).toList();
        return new ReviewDetails(asset.id(), asset.path().getFileName().toString(), asset.path().toString(),
                size(metadata.imageWidth(), metadata.imageHeight()),
                pass == null ? NONE : pass.img2img() ? "img2img (from an input image)"
                        : size(pass.latentWidth(), pass.latentHeight()),
                metadata.source().label(), pass == null ? NONE : text(pass.model()),
                pass == null ? List.of() : pass.loras().stream().map(ReviewDetails::lora).toList(),
                pass == null ? NONE : text(pass.samplerName()) + (pass.scheduler() == null ? "" : " · " + pass.scheduler()),
                pass == null ? NONE : text(pass.steps()), pass == null ? NONE : number(pass.cfg()),
                pass == null ? NONE : text(pass.seed()), pass == null ? NONE : number(pass.denoise()),
                pass == null ? NONE : text(pass.positiveText()) + (pass.dynamicPrompt() ? "  (partly dynamic)" : ""),
                pass == null ? NONE : text(pass.negativeText()), text(asset.character()), text(asset.scene()),
                decision(asset), flags, metadata.problems(), others);
    }

    private static String decision(Asset asset) {
        String state = asset.state().label();
        if (asset.decidedAt() == null) {
            return state;
        }
        String by = asset.decidedBy() != null && asset.decidedBy().startsWith("auto:")
                ? " automatically (rule " + asset.decidedBy().substring(5) + "; U to undo)" : "";
        String reasons = asset.reasons().isEmpty() ? "" : " for " + String.join(", ", asset.reasons().stream().sorted()
                .toList());
        String rating = asset.rating() == null ? "" : " · " + "★".repeat(asset.rating());
        return state + reasons + by + rating;
    }

    private static String lora(Lora lora) {
        return lora.name() + " " + number(lora.strengthModel())
                + (lora.strengthClip() == null ? "" : " / " + number(lora.strengthClip()));
    }

    private static String size(Integer width, Integer height) {
        return width == null || height == null ? NONE : width + " × " + height;
    }

    private static String text(Object value) {
        return value == null ? NONE : value.toString();
    }

    private static String number(Double value) {
        if (value == null) {
            return NONE;
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
