package dev.hydra.services.review;

import dev.hydra.services.config.ReviewConfig.MappingConfig;
import dev.hydra.services.metadata.ImageMetadata;
import dev.hydra.services.metadata.SamplerPass;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Tells an image's character and scene from the configured rules: filename prefix, subfolder, or prompt tag. */
public final class Classifier {

    private final List<MappingConfig> characters;
    private final List<MappingConfig> scenes;

    public Classifier(List<MappingConfig> characters, List<MappingConfig> scenes) {
        this.characters = List.copyOf(characters);
        this.scenes = List.copyOf(scenes);
    }

    public static Classifier none() {
        return new Classifier(List.of(), List.of());
    }

    public record Classification(String character, String scene) {
    }

    /** @param root the watched folder the file was found under, or null (only its own folder counts then) */
    public Classification classify(Path file, Path root, ImageMetadata metadata) {
        String prompt = metadata.finalPass().map(SamplerPass::positiveText).orElse("");
        return new Classification(first(characters, file, root, prompt), first(scenes, file, root, prompt));
    }

    private static String first(List<MappingConfig> rules, Path file, Path root, String prompt) {
        for (MappingConfig rule : rules) {
            if (matches(rule, file, root, prompt)) {
                return rule.name();
            }
        }
        return null;
    }

    private static boolean matches(MappingConfig rule, Path file, Path root, String prompt) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (present(rule.filenamePrefix()) && name.startsWith(rule.filenamePrefix().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (present(rule.subfolder())) {
            Path parent = file.getParent();
            Path relative = parent == null ? null : root != null && parent.startsWith(root) ? root.relativize(parent)
                    : parent.getFileName();
            if (relative != null) {
                for (Path segment : relative) {
                    if (segment.toString().equalsIgnoreCase(rule.subfolder())) {
                        return true;
                    }
                }
            }
        }
        return present(rule.promptTag()) && Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(rule.promptTag())
                + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(prompt).find();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
