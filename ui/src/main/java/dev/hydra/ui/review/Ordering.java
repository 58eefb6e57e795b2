package dev.hydra.ui.review;

/** How the review list is ordered. */
public enum Ordering {
    TIME("Oldest first"),
    NEWEST("Newest first"),
    LOWEST_FIRST("Lowest predicted"),
    HIGHEST_FIRST("Highest predicted"),
    UNCERTAIN_FIRST("Uncertain first");

    private final String label;

    Ordering(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Oldest or newest first: the library's order, no prediction needed. */
    public boolean byTime() {
        return this == TIME || this == NEWEST;
    }

    /** The key sorted on (ascending): null when the order is by time. */
    Double key(ReviewItem item) {
        if (byTime() || item.predicted() == null) {
            return null;
        }
        double p = item.predicted();
        return switch (this) {
            case LOWEST_FIRST -> p;
            case HIGHEST_FIRST -> -p;
            case UNCERTAIN_FIRST -> Math.abs(2 * p - 1);
            case TIME, NEWEST -> null;
        };
    }
}
