package dev.hydra.services.learning;

import java.util.Locale;

/** What a factor describes. The first six are settings a re-generation can change or a recommendation names. */
public enum FactorKind {
    CHECKPOINT("checkpoint", true),
    SAMPLER("sampler", true),
    SCHEDULER("scheduler", true),
    CFG("CFG", true),
    STEPS("steps", true),
    LORA("LoRA", true),
    LORA_STRENGTH("LoRA strength", false),
    SIZE("size", false),
    CHARACTER("character", false),
    SCENE("scene", false),
    TOKEN("prompt token", false),
    FLAG("quality flag", false);

    private final String label;
    private final boolean setting;

    FactorKind(String label, boolean setting) {
        this.label = label;
        this.setting = setting;
    }

    /** For tables: "checkpoint", "CFG", "prompt token". */
    public String label() {
        return label;
    }

    /** Whether it is a generation setting (recommended per character, avoided, substituted on re-generation). */
    public boolean setting() {
        return setting;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
