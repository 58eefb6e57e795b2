package dev.hydra.services.queue;

/**
 * Where a job should run: anywhere, on a node (any of its GPUs), or on one GPU by UUID.
 * Written as {@code any}, {@code node:NAME} or {@code gpu:UUID}; a bare {@code GPU-…} is a GPU UUID and any other
 * bare word a node name.
 */
public record JobTarget(Kind kind, String value) {

    public static final JobTarget ANY = new JobTarget(Kind.ANY, null);

    public enum Kind { ANY, NODE, GPU }

    public JobTarget {
        if (kind != Kind.ANY && (value == null || value.isBlank())) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase() + " target needs a name");
        }
    }

    public static JobTarget parse(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("any")) {
            return ANY;
        }
        String t = text.strip();
        if (t.regionMatches(true, 0, "node:", 0, 5)) {
            return new JobTarget(Kind.NODE, t.substring(5).strip());
        }
        if (t.regionMatches(true, 0, "gpu:", 0, 4)) {
            return new JobTarget(Kind.GPU, t.substring(4).strip());
        }
        return t.startsWith("GPU-") ? new JobTarget(Kind.GPU, t) : new JobTarget(Kind.NODE, t);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ANY -> "any";
            case NODE -> "node:" + value;
            case GPU -> "gpu:" + value;
        };
    }
}
