package dev.hydra.services.config;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hours of the day, e.g. 23:00-07:00 (overnight: the end is before the start). The end is exclusive. */
public record TimeWindow(LocalTime start, LocalTime end) {

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*[-–]\\s*(\\d{1,2}:\\d{2})\\s*");

    public static TimeWindow parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a time window is written HH:MM-HH:MM, e.g. 23:00-07:00, got " + text);
        }
        try {
            LocalTime start = LocalTime.parse(pad(matcher.group(1)));
            LocalTime end = LocalTime.parse(pad(matcher.group(2)));
            if (start.equals(end)) {
                throw new IllegalArgumentException("a time window needs different start and end, got " + text);
            }
            return new TimeWindow(start, end);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a time window is written HH:MM-HH:MM, e.g. 23:00-07:00, got " + text);
        }
    }

    public boolean contains(LocalTime time) {
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }

    @Override
    public String toString() {
        return start + "–" + end;
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }
}
