package dev.hydra.services.learning;

import dev.hydra.services.metadata.ImageMetadata;
import dev.hydra.services.metadata.Lora;
import dev.hydra.services.metadata.SamplerPass;
import dev.hydra.services.review.Asset;
import dev.hydra.services.review.QualityFlag;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns an image's metadata into factor levels: checkpoint/UNet, each LoRA and its strength bucket, sampler,
 * scheduler, CFG bucket, steps bucket, size and aspect, character, scene, normalized prompt phrases, quality flags.
 * Buckets are fixed so that the same image always gets the same levels. A prompt phrase that is the image's
 * character or scene name is not a phrase level of its own: it is that character or scene, already a factor.
 */
public final class Factors {

    /** Prompt phrases kept per image (the first ones: prompts put what matters first). */
    static final int MAX_TOKENS = 40;
    private static final Pattern LORA_TAG = Pattern.compile("<[^>]*>");
    private static final Pattern WEIGHT = Pattern.compile(":\\s*-?[0-9.]+\\s*$");
    private static final Pattern SPLIT = Pattern.compile("[,\\n|.;]+");

    private Factors() {
    }

    public static AssetFactors of(Asset asset) {
        return of(asset.metadata(), asset.character(), asset.scene(), asset.qualityFlags());
    }

    public static AssetFactors of(ImageMetadata metadata, String character, String scene, Set<QualityFlag> flags) {
        Set<Factor> factors = new TreeSet<>();
        SamplerPass pass = metadata.finalPass().orElse(null);
        AssetFactors.Settings settings = new AssetFactors.Settings(null, null, null, null, null);
        String positive = null;
        String negative = null;
        if (pass != null) {
            add(factors, FactorKind.CHECKPOINT, pass.model());
            add(factors, FactorKind.SAMPLER, pass.samplerName());
            add(factors, FactorKind.SCHEDULER, pass.scheduler());
            add(factors, FactorKind.CFG, pass.cfg() == null ? null : cfgBucket(pass.cfg()));
            add(factors, FactorKind.STEPS, pass.steps() == null ? null : stepsBucket(pass.steps()));
            if (pass.loras().isEmpty()) {
                add(factors, FactorKind.LORA, "none");
            }
            for (Lora lora : pass.loras()) {
                add(factors, FactorKind.LORA, lora.name());
                if (lora.strengthModel() != null) {
                    add(factors, FactorKind.LORA_STRENGTH, lora.name() + " @ " + strengthBucket(lora.strengthModel()));
                }
            }
            if (!pass.img2img() && pass.latentWidth() != null && pass.latentHeight() != null) {
                add(factors, FactorKind.SIZE, size(pass.latentWidth(), pass.latentHeight()));
            } else if (metadata.imageWidth() != null && metadata.imageHeight() != null) {
                add(factors, FactorKind.SIZE, size(metadata.imageWidth(), metadata.imageHeight()));
            }
            positive = pass.positiveText();
            negative = pass.negativeText();
            for (String token : tokens(positive)) {
                if (!token.equalsIgnoreCase(strip(character)) && !token.equalsIgnoreCase(strip(scene))) {
                    add(factors, FactorKind.TOKEN, token);
                }
            }
            settings = new AssetFactors.Settings(pass.model(), pass.samplerName(), pass.scheduler(), pass.cfg(),
                    pass.steps());
        }
        add(factors, FactorKind.CHARACTER, character);
        add(factors, FactorKind.SCENE, scene);
        if (flags != null) {
            flags.forEach(flag -> add(factors, FactorKind.FLAG, flag.key()));
        }
        return new AssetFactors(new TreeSet<>(factors), settings, character, scene, positive, negative);
    }

    private static String strip(String name) {
        return name == null ? null : name.strip();
    }

    private static void add(Set<Factor> factors, FactorKind kind, String level) {
        if (level != null && !level.isBlank()) {
            factors.add(new Factor(kind, level.strip()));
        }
    }

    /** CFG buckets: ≤3.5, 3.5–5, 5–7 (both ends in), 7–9, 9+. */
    public static String cfgBucket(double cfg) {
        if (cfg <= 3.5) {
            return "≤3.5";
        }
        if (cfg < 5) {
            return "3.5–5";
        }
        if (cfg <= 7) {
            return "5–7";
        }
        return cfg <= 9 ? "7–9" : "9+";
    }

    /** Steps buckets: 1–14, 15–24, 25–34, 35–49, 50+. */
    public static String stepsBucket(int steps) {
        if (steps < 15) {
            return "1–14";
        }
        if (steps < 25) {
            return "15–24";
        }
        if (steps < 35) {
            return "25–34";
        }
        return steps < 50 ? "35–49" : "50+";
    }

    /** LoRA model strength buckets: ≤0.5, 0.5–0.8, 0.8–1.0, above 1.0. */
    public static String strengthBucket(double strength) {
        if (strength <= 0.5) {
            return "≤0.5";
        }
        if (strength <= 0.8) {
            return "0.5–0.8";
        }
        return strength <= 1.0 ? "0.8–1.0" : ">1.0";
    }

    /** "832×1216 portrait". */
    static String size(int width, int height) {
        String aspect = width == height ? "square" : width > height ? "landscape" : "portrait";
        return width + "×" + height + " " + aspect;
    }

    /**
     * The prompt's phrases, normalized: split at commas (and line breaks, periods, pipes), lower case, attention
     * weights and brackets removed ("(red scarf:1.2)" is "red scarf"), LoRA tags dropped, at most four words each.
     */
    public static List<String> tokens(String prompt) {
        if (prompt == null) {
            return List.of();
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (String part : SPLIT.split(LORA_TAG.matcher(prompt).replaceAll(" "))) {
            String phrase = part.toLowerCase(Locale.ROOT).replaceAll("[()\\[\\]{}]", " ").strip();
            phrase = WEIGHT.matcher(phrase).replaceAll("").replaceAll("\\s+", " ").strip();
            if (phrase.isEmpty() || phrase.length() > 40 || phrase.split(" ").length > 4
                    || phrase.chars().noneMatch(Character::isLetter)) {
                continue;
            }
            tokens.add(phrase);
            if (tokens.size() == MAX_TOKENS) {
                break;
            }
        }
        return new ArrayList<>(tokens);
    }
}
