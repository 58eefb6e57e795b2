package dev.hydra.services.queue.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Checks shared by the handlers' payload validation: each message names the key and what is expected. */
final class Payloads {

    private Payloads() {
    }

    static String requiredText(ObjectNode payload, String key, String example) {
        JsonNode value = payload.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("the payload needs \"" + key + "\" (" + example + ")");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a non-empty text (" + example + "), got "
                    + value);
        }
        return value.asText();
    }

    static String optionalText(ObjectNode payload, String key) {
        JsonNode value = payload.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a text, got " + value);
        }
        return value.asText();
    }

    static void onlyKeys(ObjectNode payload, Set<String> allowed) {
        payload.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown payload key \"" + name + "\"; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        });
    }
}
