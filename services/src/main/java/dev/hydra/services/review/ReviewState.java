package dev.hydra.services.review;

import java.util.Locale;

/** Where an asset stands in review. */
public enum ReviewState {
    PENDING, ACCEPTED, REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReviewState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
