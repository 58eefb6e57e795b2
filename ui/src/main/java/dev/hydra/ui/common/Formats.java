package dev.hydra.ui.common;

import java.time.Duration;
import java.util.Locale;

/** How numbers read in the UI. A null input always reads "n/a", never "0". */
public final class Formats {

    public static final String NOT_AVAILABLE = "n/a";
    private static final String[] IEC = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Formats() {
    }

    public static String bytes(Number bytes) {
        if (bytes == null) {
            return NOT_AVAILABLE;
        }
        double value = bytes.doubleValue();
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < IEC.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = String.format(Locale.ROOT, unit > 0 && value < 100 ? "%.1f" : "%.0f", value);
        return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + " " + IEC[unit];
    }

    public static String rate(Number bytesPerSecond) {
        return bytesPerSecond == null ? NOT_AVAILABLE : bytes(bytesPerSecond) + "/s";
    }

    public static String mebibytes(Number mib) {
        return mib == null ? NOT_AVAILABLE : bytes(mib.doubleValue() * 1024 * 1024);
    }

    public static String percent(Number value) {
        return value == null ? NOT_AVAILABLE : String.format(Locale.ROOT, "%.0f %%", value.doubleValue());
    }

    public static String watts(Number value) {
        return value == null ? NOT_AVAILABLE : String.format(Locale.ROOT, "%.0f W", value.doubleValue());
    }

    public static String decimal(Number value, int places) {
        return value == null ? NOT_AVAILABLE : String.format(Locale.ROOT, "%." + places + "f", value.doubleValue());
    }

    /** "3 d 4 h", "5 h 12 m", "12 m 5 s", "42 s", "500 ms". */
    public static String duration(Duration duration) {
        if (duration == null) {
            return NOT_AVAILABLE;
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return Math.max(0, duration.toMillis()) + " ms";
        }
        long seconds = duration.toSeconds();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " m";
        }
        if (minutes > 0) {
            return minutes + " m " + seconds % 60 + " s";
        }
        return seconds + " s";
    }

    /** A fraction 0–1 for meters; 0 when unknown (the text beside the meter then says n/a). */
    public static double fraction(Number used, Number total) {
        if (used == null || total == null || total.doubleValue() <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, used.doubleValue() / total.doubleValue()));
    }
}
