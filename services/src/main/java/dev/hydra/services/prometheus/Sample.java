package dev.hydra.services.prometheus;

import java.util.Map;

/**
 * One series of an instant query: its labels and value. The value may be NaN or ±Infinity, as Prometheus can
 * return them; {@link #finite()} gives null for those.
 */
public record Sample(Map<String, String> labels, double value) {

    public Sample {
        labels = Map.copyOf(labels);
    }

    public String label(String name) {
        return labels.get(name);
    }

    /** The value, or null when it is NaN or infinite (never a false number). */
    public Double finite() {
        return Double.isFinite(value) ? value : null;
    }
}
