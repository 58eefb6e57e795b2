package dev.hydra.services.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Duration;

/** Reads hydra.yaml durations: anything {@link Durations} understands, or a plain number of seconds. */
final class DurationText extends StdScalarDeserializer<Duration> {

    DurationText() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            return Duration.ofMillis(Math.round(parser.getDoubleValue() * 1000));
        }
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (Duration) context.handleUnexpectedToken(Duration.class, parser);
        }
        String text = parser.getText().strip();
        Duration parsed = Durations.parse(text);
        if (parsed == null) {
            return (Duration) context.handleWeirdStringValue(Duration.class, text, Durations.EXPECTED);
        }
        return parsed;
    }
}
