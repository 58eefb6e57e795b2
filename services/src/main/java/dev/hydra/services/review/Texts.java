package dev.hydra.services.review;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/** Sets stored as comma-separated text (reasons, quality flags): short, readable in SQL, portable. */
final class Texts {

    private Texts() {
    }

    static String join(Set<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", new TreeSet<>(values));
    }

    static Set<String> split(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<String> values = new LinkedHashSet<>();
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(values::add);
        return values;
    }

    static Set<QualityFlag> flags(String text) {
        Set<QualityFlag> flags = java.util.EnumSet.noneOf(QualityFlag.class);
        for (String key : split(text)) {
            flags.add(QualityFlag.fromKey(key));
        }
        return flags;
    }

    static String flagText(Set<QualityFlag> flags) {
        return flags.isEmpty() ? "" : String.join(",", flags.stream().map(QualityFlag::key).sorted().toList());
    }
}
