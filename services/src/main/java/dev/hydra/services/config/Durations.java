package dev.hydra.services.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: "2s", "500ms", "1.5s", "1m", "1h", or ISO-8601 "PT2S". */
public final class Durations {

    public static final String EXPECTED = "a duration such as 2s, 500ms or 1m";
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private Durations() {
    }

    /** The duration, or null when the text is not one. */
    public static Duration parse(String text) {
        Matcher matcher = WITH_UNIT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            double amount = Double.parseDouble(matcher.group(1));
            long millisPerUnit = switch (matcher.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            return Duration.ofMillis(Math.round(amount * millisPerUnit));
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
