package dev.hydra.services.queue;

import java.util.Locale;

/** How urgent a job is. Higher runs first; db-scheduler orders due executions by {@link #schedulerValue()}. */
public enum Priority {
    LOW(25), NORMAL(50), HIGH(75), CRITICAL(100);

    private final int schedulerValue;

    Priority(int schedulerValue) {
        this.schedulerValue = schedulerValue;
    }

    public int schedulerValue() {
        return schedulerValue;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One step up, critical stays critical. */
    public Priority bumped() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }

    public static Priority parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown priority '" + text + "'; one of: critical, high, normal, low");
        }
    }
}
