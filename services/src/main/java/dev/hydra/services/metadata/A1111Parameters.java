package dev.hydra.services.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hydra.services.json.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTOMATIC1111 / Forge {@code parameters} text, parsed as A1111's own {@code parse_generation_parameters} does:
 * the last line holds the {@code key: value} pairs (at least 3 of them), the lines before it the prompt, and from a
 * line starting with {@code Negative prompt:} on, the negative. Keys are matched case-insensitively (custom ComfyUI
 * savers write {@code CFG Scale}).
 */
final class A1111Parameters {

    private static final Pattern PARAM = Pattern.compile("\\s*(\\w[\\w \\-/]+):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*x\\s*(\\d+)");
    private static final Pattern LORA = Pattern.compile("<lora:([^:>]+):([-+]?[0-9]*\\.?[0-9]+)?[^>]*>");
    private static final String NEGATIVE = "Negative prompt:";

    record Parsed(SamplerPass pass, Map<String, String> extra) {
    }

    private A1111Parameters() {
    }

    /** The parsed parameters, or empty when the text is not A1111's (its last line has fewer than 3 pairs). */
    static Optional<Parsed> parse(String text) {
        String[] lines = text.strip().split("\\r?\\n", -1);
        Map<String, String> params = pairs(lines[lines.length - 1]);
        if (params.size() < 3) {
            return Optional.empty();
        }
        List<String> promptLines = new ArrayList<>();
        List<String> negativeLines = new ArrayList<>();
        boolean inNegative = false;
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            if (!inNegative && line.strip().startsWith(NEGATIVE)) {
                inNegative = true;
                line = line.strip().substring(NEGATIVE.length());
            }
            (inNegative ? negativeLines : promptLines).add(line);
        }
        String positiveText = String.join("\n", promptLines).strip();
        String negativeText = String.join("\n", negativeLines).strip();

        Map<String, String> rest = new LinkedHashMap<>(params);
        Integer[] size = size(take(rest, "size"));
        String sampler = take(rest, "sampler");
        String scheduler = take(rest, "schedule type");
        List<Lora> loras = new ArrayList<>();
        Matcher lora = LORA.matcher(positiveText);
        while (lora.find()) {
            loras.add(new Lora(lora.group(1), lora.group(2) == null ? 1.0 : Double.parseDouble(lora.group(2)), null));
        }
        SamplerPass pass = new SamplerPass(null, "a1111", true, seed(take(rest, "seed")), integer(take(rest, "steps")),
                decimal(take(rest, "cfg scale")), sampler, scheduler, decimal(take(rest, "denoising strength")),
                positiveText.isEmpty() ? List.of() : List.of(positiveText),
                inNegative ? List.of(negativeText) : List.of(), false, take(rest, "model"), "a1111", loras,
                size[0], size[1], null, "Size", false);
        return Optional.of(new Parsed(pass, rest));
    }

    /** The key: value pairs of a line, in order, with JSON-quoted values unquoted. */
    private static Map<String, String> pairs(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(line);
        while (m.find()) {
            String value = m.group(2).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                try {
                    value = Json.mapper().readValue(value, String.class);
                } catch (JsonProcessingException e) {
                    value = value.substring(1, value.length() - 1);
                }
            }
            pairs.put(m.group(1).strip(), value);
        }
        return pairs;
    }

    /** Removes and returns the value of a key, matched case-insensitively. */
    private static String take(Map<String, String> params, String key) {
        for (String name : params.keySet()) {
            if (name.toLowerCase(Locale.ROOT).equals(key)) {
                return params.remove(name);
            }
        }
        return null;
    }

    private static Integer[] size(String value) {
        Matcher m = value == null ? null : SIZE.matcher(value);
        return m != null && m.matches()
                ? new Integer[] {Integer.valueOf(m.group(1)), Integer.valueOf(m.group(2))}
                : new Integer[] {null, null};
    }

    private static BigInteger seed(String value) {
        try {
            BigInteger seed = value == null ? null : new BigInteger(value.strip());
            return seed == null || seed.signum() < 0 ? null : seed;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(String value) {
        try {
            return value == null ? null : Double.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
