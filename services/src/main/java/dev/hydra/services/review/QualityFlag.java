package dev.hydra.services.review;

import java.util.Locale;

/** An automated quality finding, stored per asset and shown as a flag. */
public enum QualityFlag {
    /** Near-black or blank: what safety-filtered outputs look like. */
    BLANK("blank or near-black"),
    /** Little detail (low variance of the Laplacian): blurry or flat. */
    LOW_DETAIL("low detail"),
    /** A large share of pixels clipped to black or white. */
    CLIPPED("clipped exposure"),
    /** The pixels differ from the size the generation asked for. */
    SIZE_MISMATCH("size differs from the requested"),
    /** Looks like another asset (perceptual hash within the configured distance). */
    DUPLICATE("near-duplicate");

    private final String description;

    QualityFlag(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The name in hydra.yaml and the database: near-black → "blank", low-detail → "low-detail", ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static QualityFlag fromKey(String key) {
        return valueOf(key.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
