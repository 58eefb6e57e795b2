package dev.hydra.services.metadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything read from one image file: its pixel size, the generation metadata, the raw text it was parsed from,
 * and what went wrong. This is the factor source of preference learning: keep it a plain value.
 *
 * @param format      "png", "jpeg", "webp", or null when the file is not an image we read
 * @param imageWidth  the actual pixel width (PNG IHDR, JPEG SOF, WebP VP8*), null when unknown
 * @param source      which writer's metadata was trusted (the graph wins over {@code parameters})
 * @param passes      the sampling passes, in graph order; for A1111 exactly one
 * @param extraParameters A1111 keys that are not mapped to a {@link SamplerPass} field (Model hash, Version, ...)
 * @param rawText     the text chunks as found (prompt, workflow, parameters, UserComment, ...): kept so that the
 *                    graph can be re-queued exactly and a reader can show what we did not understand
 * @param problems    what was wrong, one sentence each (empty when {@link ReadStatus#OK})
 */
public record ImageMetadata(ReadStatus status, String format, Integer imageWidth, Integer imageHeight,
        MetadataSource source, List<SamplerPass> passes, Map<String, String> extraParameters,
        Map<String, String> rawText, List<String> problems) {

    public ImageMetadata {
        passes = List.copyOf(passes);
        extraParameters = Map.copyOf(extraParameters);
        rawText = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rawText));
        problems = List.copyOf(problems);
    }

    public static ImageMetadata unreadable(String format, String problem) {
        return new ImageMetadata(ReadStatus.ERROR, format, null, null, MetadataSource.NONE, List.of(), Map.of(),
                Map.of(), List.of(problem));
    }

    /**
     * The pass that made the pixels: the final sampler feeding the first SaveImage when there are several (R2),
     * otherwise the last final one.
     */
    public Optional<SamplerPass> finalPass() {
        return passes.stream().filter(SamplerPass::finalPass).findFirst();
    }

    /** The checkpoint (or UNet) of the final pass, for filters and statistics. */
    public Optional<String> checkpoint() {
        return finalPass().map(SamplerPass::model);
    }
}
