package dev.hydra.services.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.hydra.services.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Reads hydra.yaml. Never throws for a bad file: a problem is reported with file, line, column and what was
 * expected, and the embedded default is used instead, so the app still starts.
 */
public final class ConfigLoader {

    private static final String SEE_DOCS = "see docs/configuration.md for every key";
    private static final ObjectReader READER = Json.yaml().copy()
            .registerModule(new SimpleModule("hydra-durations").addDeserializer(Duration.class, new DurationText()))
            .readerFor(HydraConfig.class);

    private ConfigLoader() {
    }

    public static LoadedConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return new LoadedConfig(HydraConfig.embeddedDefault(), file, false, Optional.empty());
        } catch (IOException e) {
            return failed(file, new ConfigProblem(file, 0, 0, "cannot be read: " + e,
                    "check that the file is readable by this user"));
        }
        if (text.isBlank()) {
            return new LoadedConfig(HydraConfig.embeddedDefault(), file, true, Optional.empty());
        }
        try {
            if (hasNoContent(text)) {
                return new LoadedConfig(HydraConfig.embeddedDefault(), file, true, Optional.empty());
            }
            HydraConfig config = READER.readValue(text);
            return new LoadedConfig(config, file, true, Optional.empty());
        } catch (JsonProcessingException e) {
            return failed(file, explain(file, text, e));
        } catch (IOException e) {
            return failed(file, new ConfigProblem(file, 0, 0, "cannot be parsed: " + e.getMessage(), SEE_DOCS));
        }
    }

    /** A file of comments only (the usual template) holds no document at all. */
    private static boolean hasNoContent(String text) throws IOException {
        try (JsonParser parser = READER.createParser(text)) {
            return parser.nextToken() == null;
        }
    }

    private static LoadedConfig failed(Path file, ConfigProblem problem) {
        return new LoadedConfig(HydraConfig.embeddedDefault(), file, true, Optional.of(problem));
    }

    static ConfigProblem explain(Path file, String text, JsonProcessingException e) {
        // Where the offending token starts; e.getLocation() is where the parser stopped, often a line later.
        JsonLocation at = e.getProcessor() instanceof JsonParser parser ? parser.currentTokenLocation() : e.getLocation();
        int line = at == null ? 0 : Math.max(0, at.getLineNr());
        int column = at == null ? 0 : Math.max(0, at.getColumnNr());
        if (e instanceof UnrecognizedPropertyException unknown) {
            // Records are built after their whole mapping is read, so the parser is already past the key.
            int[] key = YamlKeys.locate(text, unknown.getPath().stream().map(r -> r.getFieldName()).toList());
            if (key != null) {
                line = key[0];
                column = key[1];
            }
        }
        return switch (e) {
            case UnrecognizedPropertyException unknown -> new ConfigProblem(file, line, column,
                    "unknown key '" + unknown.getPropertyName() + "'" + where(unknown)
                            + "; expected one of: " + known(unknown.getKnownPropertyIds()),
                    suggestion(unknown.getPropertyName(), unknown.getKnownPropertyIds()));
            case InvalidFormatException invalid -> new ConfigProblem(file, line, column,
                    "'" + path(invalid) + "' expects " + expected(invalid.getTargetType()) + ", got \""
                            + invalid.getValue() + "\"",
                    "write " + expected(invalid.getTargetType()) + "; " + SEE_DOCS);
            case ValueInstantiationException rejected -> new ConfigProblem(file, line, column,
                    rootMessage(rejected), SEE_DOCS);
            case MismatchedInputException mismatch when mismatch.getPath().isEmpty() -> new ConfigProblem(file,
                    line, column, "hydra.yaml must be a mapping of keys to values (like refreshInterval: 2s)",
                    "start each setting on its own line as key: value; " + SEE_DOCS);
            case MismatchedInputException mismatch -> new ConfigProblem(file, line, column,
                    "'" + path(mismatch) + "' expects " + expected(mismatch.getTargetType())
                            + " but found a different kind of value (a list, a mapping, or a bare word)",
                    "write " + expected(mismatch.getTargetType()) + "; " + SEE_DOCS);
            case JsonMappingException mapping -> new ConfigProblem(file, line, column, rootMessage(mapping), SEE_DOCS);
            default -> new ConfigProblem(file, line, column, "YAML syntax error: " + firstLine(e.getOriginalMessage()),
                    "check indentation (spaces, not tabs) and that every key is followed by ': '");
        };
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String where(UnrecognizedPropertyException e) {
        String parent = e.getPath().size() > 1
                ? path(e).substring(0, path(e).lastIndexOf('.'))
                : "";
        return parent.isEmpty() ? "" : " in '" + parent + "'";
    }

    private static String known(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String suggestion(String given, Collection<Object> knownIds) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return knownIds.stream().map(String::valueOf)
                .min(Comparator.comparingInt(k -> distance.apply(k.toLowerCase(), given.toLowerCase())))
                .filter(k -> distance.apply(k.toLowerCase(), given.toLowerCase()) <= Math.max(2, given.length() / 3))
                .map(k -> "did you mean '" + k + "'?")
                .orElse("remove it or fix its spelling; " + SEE_DOCS);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (Duration.class.isAssignableFrom(type)) {
            return Durations.EXPECTED;
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a text value";
        }
        return "a mapping of keys (" + type.getSimpleName().replace("Config", "").toLowerCase() + " settings)";
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof IllegalArgumentException ? cause.getMessage() : firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
