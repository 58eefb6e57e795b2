package dev.hydra.ui.review;

/** How the review list is ordered. */
public enum Ordering {
    TIME("By time"),
    LOWEST_FIRST("Lowest predicted first"),
    HIGHEST_FIRST("Highest predicted first"),
    UNCERTAIN_FIRST("Uncertain first");

    private final String label;

    Ordering(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The key sorted on (ascending): null when the order is by time. */
    Double key(ReviewItem item) {
        if (this == TIME || item.predicted() == null) {
            return null;
        }
        double p = item.predicted();
        return switch (this) {
            case LOWEST_FIRST -> p;
            case HIGHEST_FIRST -> -p;
            case UNCERTAIN_FIRST -> Math.abs(2 * p - 1);
            case TIME -> null;
        };
    }
}
