package dev.hydra.app.cli;

import dev.hydra.services.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line durations, spelled as in hydra.yaml: "10s", "500ms", "2m". */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration duration = Durations.parse(value);
        if (duration == null) {
            throw new TypeConversionException("'" + value + "' is not " + Durations.EXPECTED);
        }
        return duration;
    }
}
