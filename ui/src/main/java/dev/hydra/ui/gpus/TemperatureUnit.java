package dev.hydra.ui.gpus;

import java.util.Locale;

/** How temperatures read; sources always report degrees Celsius. */
public enum TemperatureUnit {
    CELSIUS("°C"), FAHRENHEIT("°F");

    private final String symbol;

    TemperatureUnit(String symbol) {
        this.symbol = symbol;
    }

    public String format(Integer celsius) {
        if (celsius == null) {
            return "n/a";
        }
        double value = this == CELSIUS ? celsius : celsius * 9.0 / 5.0 + 32;
        return String.format(Locale.ROOT, "%.0f %s", value, symbol);
    }

    public TemperatureUnit other() {
        return this == CELSIUS ? FAHRENHEIT : CELSIUS;
    }
}
