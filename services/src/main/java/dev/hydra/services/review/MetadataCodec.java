package dev.hydra.services.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.hydra.services.json.Json;
import dev.hydra.services.metadata.ImageMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How metadata is stored: the parsed {@link ImageMetadata} as JSON (metadata_json, without the raw text) and the raw
 * chunks as a JSON object (raw_text), so the learning side can read the facts and re-queue the exact graph.
 */
final class MetadataCodec {

    private MetadataCodec() {
    }

    static String parsed(ImageMetadata metadata) {
        ImageMetadata withoutRaw = new ImageMetadata(metadata.status(), metadata.format(), metadata.imageWidth(),
                metadata.imageHeight(), metadata.source(), metadata.passes(), metadata.extraParameters(), Map.of(),
                metadata.problems());
        return write(withoutRaw);
    }

    static String raw(ImageMetadata metadata) {
        return write(metadata.rawText());
    }

    static ImageMetadata read(String parsed, String raw) {
        try {
            ImageMetadata metadata = Json.mapper().readValue(parsed, ImageMetadata.class);
            Map<String, String> rawText = raw == null ? Map.of()
                    : Json.mapper().readValue(raw, new TypeReference<LinkedHashMap<String, String>>() { });
            return new ImageMetadata(metadata.status(), metadata.format(), metadata.imageWidth(),
                    metadata.imageHeight(), metadata.source(), metadata.passes(), metadata.extraParameters(), rawText,
                    metadata.problems());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
