package dev.hydra.services.chat;

import java.time.Instant;
import java.util.List;

/** An archival memory passage: from a listing or an insert ({@code created_at}), or a search hit ({@code timestamp}). */
public record Passage(String id, String text, List<String> tags, Instant createdAt) {

    public Passage {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
