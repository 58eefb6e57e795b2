package dev.hydra.ui.theme;

/** The user's choice of colours. SYSTEM follows the operating system's light/dark preference live. */
public enum ThemeMode {
    SYSTEM("Follow system"), LIGHT("Light"), DARK("Dark");

    private final String label;

    ThemeMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
