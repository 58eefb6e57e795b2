package dev.hydra.services.metadata;

/** Which writer's metadata an image carries (spec rule R0, in priority order). */
public enum MetadataSource {
    /** A ComfyUI API-format {@code prompt} graph. */
    COMFYUI,
    /** An AUTOMATIC1111 / Forge {@code parameters} text. */
    A1111,
    /** JSON in {@code parameters} (SwarmUI, Fooocus): kept as raw text, not parsed. */
    JSON_PARAMETERS,
    /** Only a UI {@code workflow} chunk: shown as present, not parsed. */
    WORKFLOW_ONLY,
    /** Nothing we recognise. */
    NONE;

    /** The lower-case name used in JSON output and the database. */
    public String label() {
        return switch (this) {
            case COMFYUI -> "comfyui";
            case A1111 -> "a1111";
            case JSON_PARAMETERS -> "json";
            case WORKFLOW_ONLY -> "workflow";
            case NONE -> "none";
        };
    }

    public static MetadataSource fromLabel(String label) {
        for (MetadataSource source : values()) {
            if (source.label().equals(label)) {
                return source;
            }
        }
        return NONE;
    }
}
