package dev.hydra.services.learning;

/**
 * One level of one factor, e.g. checkpoint = dreamshaper_8.safetensors, CFG = 5–7, prompt token = "crowd".
 *
 * @param level the bucket or name as shown ("5–7", "none" for no LoRA)
 */
public record Factor(FactorKind kind, String level) implements Comparable<Factor> {

    public Factor {
        if (kind == null || level == null || level.isBlank()) {
            throw new IllegalArgumentException("a factor needs a kind and a level");
        }
    }

    /** A stable name for the model's weights and for display: "checkpoint=dreamshaper_8.safetensors". */
    public String key() {
        return kind.key() + "=" + level;
    }

    @Override
    public int compareTo(Factor other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : level.compareTo(other.level);
    }

    @Override
    public String toString() {
        return kind.label() + " " + level;
    }
}
